// content_hash values are written into translations' front matter
// (`translation_of_hash`): they must never change for the same text, or every
// translation would read as outdated after an upgrade. The expected values
// were computed by the first implementation (a copy without CR-before-LF, then XXH64).
#include <doctest/doctest.h>

#include "content/content_hash.h"

using portal::content::content_hash;

TEST_CASE("content_hash: the values translations keep do not change") {
    CHECK(content_hash("") == "xxh64:ef46db3751d8e999");
    CHECK(content_hash("a\nb\rc\r") == "xxh64:4e70f2e0acc40090");
    CHECK(content_hash("+++\r\ntitle = \"x\"\r\n+++\r\n本文。\r\n") == "xxh64:423b43ef08187cd1");
    CHECK(content_hash("\r\n\r\n\r") == "xxh64:e0a71c1a89baffc6");
}

TEST_CASE("content_hash: CRLF reads as LF, a lone CR does not") {
    CHECK(content_hash("a\r\nb\rc\r") == content_hash("a\nb\rc\r"));
    CHECK(content_hash("a\rb") != content_hash("ab"));
    CHECK(content_hash("a\rb") != content_hash("a\nb"));
}
