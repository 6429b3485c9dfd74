#include <doctest/doctest.h>

#include <string>

#include "outputs/assets.h"
#include "outputs/minify.h"

using namespace portal::outputs;

TEST_CASE("outputs::minify_css") {
    SUBCASE("comments and whitespace around punctuation go") {
        CHECK(minify_css("/* theme */\na , b > c {\n  color: red ;\n  margin: 0 auto;\n}\n") ==
              "a,b>c{color:red;margin:0 auto}\n");
        // A space before `:` stays even in a declaration: the minifier does not track
        // whether it is in a selector (nesting makes that a parser's job).
        CHECK(minify_css("a { color : red }") == "a{color :red}\n");
    }
    SUBCASE("strings are kept as written, comment markers and quotes inside included") {
        CHECK(minify_css("a::before { content: \"/* x */  ;  }\"; }") == "a::before{content:\"/* x */  ;  }\"}\n");
        CHECK(minify_css("a { content: 'it\\'s  } here'; }") == "a{content:'it\\'s  } here'}\n");
    }
    SUBCASE("spaces that carry meaning stay") {
        // Descendant combinator before a pseudo-class: `a :hover` is not `a:hover`.
        CHECK(minify_css(".nav :focus { x: y }") == ".nav :focus{x:y}\n");
        // `and(` would be a function token.
        CHECK(minify_css("@media screen and (min-width: 48rem) { a { b: c } }") ==
              "@media screen and (min-width:48rem){a{b:c}}\n");
        // calc() needs spaces around + and -.
        CHECK(minify_css("a { width: calc(100% - 2rem + 1px); }") == "a{width:calc(100% - 2rem + 1px)}\n");
        CHECK(minify_css("a ~ b + c * d { e: f }") == "a ~ b + c * d{e:f}\n");
        CHECK(minify_css("a { margin: 0 /* none */ auto; }") == "a{margin:0 auto}\n");
    }
    SUBCASE("escapes in identifiers") { CHECK(minify_css(".md\\:flex { a: b }") == ".md\\:flex{a:b}\n"); }
    SUBCASE("an unterminated comment ends the file") { CHECK(minify_css("a{b:c}/* open") == "a{b:c}\n"); }
}

TEST_CASE("outputs::minify_js") {
    SUBCASE("indentation, blank lines and whole-line comments go; line breaks stay") {
        CHECK(minify_js("(function () {\n  // say hi\n\n  var a = 1   \n  return a\n})();\n") ==
              "(function () {\nvar a = 1\nreturn a\n})();\n");
    }
    SUBCASE("comments at the end of a line and inside strings stay") {
        CHECK(minify_js("  var url = \"http://x\"; // note\n") == "var url = \"http://x\"; // note\n");
    }
    SUBCASE("a // line that closes a block comment stays") {
        CHECK(minify_js("/*\n  // end */\nvar a;\n") == "/*\n// end */\nvar a;\n");
    }
    SUBCASE("template literals and continued strings: unchanged") {
        const std::string templated = "var s = `\n    indented\n`;\n";
        CHECK(minify_js(templated) == templated);
        const std::string continued = "var s = \"a\\\n    b\";\n";
        CHECK(minify_js(continued) == continued);
    }
}

TEST_CASE("outputs::fingerprint_assets") {
    SUBCASE("names carry the hash of the published bytes") {
        auto manifest = fingerprint_assets({{"css/main.css", "a { b: c }"}, {"js/app.js", "  x();\n"}});
        const std::string css_hash = content_hash("a{b:c}\n");
        CHECK(manifest.urls.at("/css/main.css") == "/css/main." + css_hash + ".css");
        CHECK(manifest.urls.at("/js/app.js") == "/js/app." + content_hash("x();\n") + ".js");
        REQUIRE(manifest.files.size() == 2);
        CHECK(manifest.files[0].path == "css/main." + css_hash + ".css");
        CHECK(manifest.files[0].data == "a{b:c}\n");
        CHECK(manifest.bytes_before == 17);
        CHECK(manifest.bytes_after == 12);
    }
    SUBCASE("a change in content changes the name; formatting alone does not") {
        auto a = fingerprint_assets({{"css/main.css", "a { b: c }"}}).urls.at("/css/main.css");
        auto b = fingerprint_assets({{"css/main.css", "a { b: d }"}}).urls.at("/css/main.css");
        auto c = fingerprint_assets({{"css/main.css", "a {\n  b: c;\n}\n"}}).urls.at("/css/main.css");
        CHECK(a != b);
        CHECK(a == c);
    }
    SUBCASE("hash is 8 hex digits, inserted before the last extension") {
        CHECK(content_hash("x").size() == 8);
        CHECK(content_hash("x").find_first_not_of("0123456789abcdef") == std::string::npos);
        CHECK(fingerprinted_path("js/vendor/lib.min.js", "12345678") == "js/vendor/lib.min.12345678.js");
        CHECK(fingerprinted_path("css/LICENSE", "12345678") == "css/LICENSE.12345678");
        CHECK(fingerprinted_path("css/.hidden", "12345678") == "css/.hidden.12345678");
    }
    SUBCASE("only css/ and js/ are fingerprinted") {
        CHECK(is_fingerprinted("css/main.css"));
        CHECK(is_fingerprinted("js/search.js"));
        CHECK_FALSE(is_fingerprinted("favicon.svg"));
        CHECK_FALSE(is_fingerprinted("images/css/x.css"));
    }
}
