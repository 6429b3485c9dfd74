// HTML escaping as markupsafe (Jinja2's autoescape) does it, at every
// position of a text: the escaper skips eight bytes at a time.
#include <doctest/doctest.h>

#include <random>
#include <string>

#include "template/escape.h"

namespace {

// One byte at a time, the plain way.
std::string escaped_byte_by_byte(std::string_view text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&#34;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

}  // namespace

TEST_CASE("tmpl::html_escaped escapes the five characters wherever they are") {
    CHECK(portal::tmpl::html_escaped("") == "");
    CHECK(portal::tmpl::html_escaped("テレワーク導入事例 & <b>\"助成金\"</b> 'R7'") ==
          "テレワーク導入事例 &amp; &lt;b&gt;&#34;助成金&#34;&lt;/b&gt; &#39;R7&#39;");
    // Each special character, and bytes one away from them ('%' '=' '?' '!' '(' ...), at every offset of texts of 0-40 bytes.
    const std::string alphabet = "&<>\"'%;=?!#()aテ\x80\xff";
    std::mt19937 random(20261206);
    for (int round = 0; round < 4000; ++round) {
        std::string text;
        const std::size_t size = random() % 41;
        for (std::size_t i = 0; i < size; ++i) text += alphabet[random() % alphabet.size()];
        REQUIRE(portal::tmpl::html_escaped(text) == escaped_byte_by_byte(text));
    }
    std::string out = "kept ";
    portal::tmpl::append_html_escaped(out, "a<b");
    CHECK(out == "kept a&lt;b");
}
