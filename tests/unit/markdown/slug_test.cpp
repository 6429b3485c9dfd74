#include <doctest/doctest.h>

#include "markdown/slug.h"

using portal::markdown::Slugger;
using portal::markdown::slugify;

TEST_CASE("markdown::slugify") {
    SUBCASE("lowercases ASCII and turns spaces into hyphens") {
        CHECK(slugify("Hello World") == "hello-world");
        CHECK(slugify("Getting  Started") == "getting--started");  // each space, like GitHub
    }
    SUBCASE("drops punctuation and symbols but keeps '-' and '_'") {
        CHECK(slugify("What's new? (2025)") == "whats-new-2025");
        CHECK(slugify("C++ & Rust: a_b-c") == "c--rust-a_b-c");
        CHECK(slugify("Ready 🚀 now ★") == "ready--now-");
    }
    SUBCASE("keeps Japanese letters as they are") {
        CHECK(slugify("導入事例") == "導入事例");
        CHECK(slugify("テレワーク導入の手引き（令和7年度版）") == "テレワーク導入の手引き令和7年度版");
        CHECK(slugify("「働き方改革」とは？") == "働き方改革とは");
        CHECK(slugify("ひらがな・カタカナ、漢字。") == "ひらがなカタカナ漢字");
    }
    SUBCASE("an ideographic space is a space") {
        CHECK(slugify("総務省　施策") == "総務省-施策");
    }
    SUBCASE("keeps letters and digits of other scripts, lowercases only ASCII") {
        CHECK(slugify("Ünïcödé Straße") == "Ünïcödé-straße");
        CHECK(slugify("Ελληνικά ١٢٣") == "Ελληνικά-١٢٣");
        CHECK(slugify("ＡＢＣ１２３") == "ＡＢＣ１２３");  // full-width forms are kept, not folded
    }
    SUBCASE("invalid UTF-8 bytes are dropped") {
        CHECK(slugify(std::string("a\xff" "b\xe3\x81") + "c") == "abc");
    }
    SUBCASE("may be empty") {
        CHECK(slugify("") == "");
        CHECK(slugify("!!! ???") == "-");
        CHECK(slugify("※〒♪") == "");
    }
}

TEST_CASE("markdown::Slugger") {
    SUBCASE("repeats get -1, -2") {
        Slugger s;
        CHECK(s.next("Intro") == "intro");
        CHECK(s.next("Intro") == "intro-1");
        CHECK(s.next("intro") == "intro-2");
    }
    SUBCASE("a generated id is never handed out twice") {
        Slugger s;
        CHECK(s.next("a") == "a");
        CHECK(s.next("a") == "a-1");
        CHECK(s.next("a-1") == "a-1-1");
        CHECK(s.next("a") == "a-2");
    }
    SUBCASE("an empty slug becomes section, section-1") {
        Slugger s;
        CHECK(s.next("!!!") == "section");
        CHECK(s.next("") == "section-1");
        CHECK(s.next("Section") == "section-2");
    }
    SUBCASE("Japanese headings are deduplicated too") {
        Slugger s;
        CHECK(s.next("概要") == "概要");
        CHECK(s.next("概要") == "概要-1");
    }
}
