#include <doctest/doctest.h>

#include <string>

#include "build/url_filters.h"
#include "config/config.h"
#include "outputs/http_headers.h"

using portal::build::safe_href;
using portal::outputs::meta_content_security_policy;

TEST_CASE("build::safe_href keeps URLs a reader can follow") {
    for (const char* url : {"/news/", "news/a/", "#top", "?q=1", "https://example.org/a?b=c#d", "http://x.test/",
                            "HTTPS://EXAMPLE.ORG/", "mailto:desk@example.go.jp", "tel:+81-3-0000-0000", "//cdn.test/a"})
        CHECK_MESSAGE(safe_href(url) == url, url);
    // A colon after '/', '?' or '#' is in the path, query or fragment.
    CHECK(safe_href("/a:b") == "/a:b");
    CHECK(safe_href("?x=javascript:alert(1)") == "?x=javascript:alert(1)");
    CHECK(safe_href("#javascript:alert(1)") == "#javascript:alert(1)");
    CHECK(safe_href("") == "");
}

TEST_CASE("build::safe_href drops every other scheme, read the way browsers read it") {
    for (const char* url : {"javascript:alert(1)", "JaVaScRiPt:alert(1)", "vbscript:msgbox(1)",
                            "data:text/html,<script>alert(1)</script>", "data:image/svg+xml;base64,PHN2Zz4=",
                            "file:///etc/passwd", "  javascript:alert(1)", "\x01javascript:alert(1)",
                            "java\tscript:alert(1)", "java\nscript:alert(1)", "java\r\nscript:alert(1)",
                            "javascript\t:alert(1)", "javascript:alert(1)\x1f ", "blob:https://x.test/1",
                            "a:b/c" /* browsers read "a" as a scheme */})
        CHECK_MESSAGE(safe_href(url).empty(), url);
    // Entities are not decoded here: in an attribute they are escaped again (&amp;),
    // so the browser sees them as text, not as a scheme.
    CHECK(safe_href("javascript&#58;alert(1)") == "javascript&#58;alert(1)");
}

TEST_CASE("outputs::meta_content_security_policy leaves out what a <meta> tag cannot carry") {
    CHECK(meta_content_security_policy(portal::config::default_content_security_policy) ==
          "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; object-src 'none'; "
          "base-uri 'self'; form-action 'self'");
    CHECK(meta_content_security_policy("Frame-Ancestors 'none';;  script-src 'self' ; report-uri /r; sandbox") ==
          "script-src 'self'");
    CHECK(meta_content_security_policy("report-to x; upgrade-insecure-requests") == "upgrade-insecure-requests");
    CHECK(meta_content_security_policy("") == "");
}
