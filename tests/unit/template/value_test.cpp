#include <doctest/doctest.h>

#include "template/value.h"

using portal::tmpl::ListStyle;
using portal::tmpl::MapBuilder;
using portal::tmpl::Value;

TEST_CASE("tmpl::Value builders and accessors") {
    SUBCASE("scalars") {
        CHECK(Value().is_undefined());
        CHECK(Value::none().is_none());
        CHECK(Value::boolean(true).as_bool());
        CHECK(Value::integer(-7).as_int() == -7);
        CHECK(Value::number(2.5).as_float() == 2.5);
        CHECK(Value::string("a").str() == "a");
        CHECK_FALSE(Value::string("a").is_safe());
        CHECK(Value::safe("<b>").is_safe());
    }
    SUBCASE("maps keep insertion order; a repeated key replaces the value in place") {
        Value m = Value::map({{"b", Value::integer(1)}, {"a", Value::integer(2)}, {"b", Value::integer(3)}});
        REQUIRE(m.size() == 2);
        CHECK(m.entries()[0].key.str() == "b");
        CHECK(m.entries()[0].value.as_int() == 3);
        CHECK(m.find("a")->as_int() == 2);
        CHECK(m.find("zz") == nullptr);
    }
    SUBCASE("big maps are indexed and still ordered") {
        MapBuilder b;
        for (int i = 0; i < 100; ++i) b.set("k" + std::to_string(i), Value::integer(i));
        b.set("k5", Value::integer(-5));
        Value m = b.build();
        CHECK(m.size() == 100);
        CHECK(m.find("k99")->as_int() == 99);
        CHECK(m.find("k5")->as_int() == -5);
        CHECK(m.entries()[5].key.str() == "k5");
        CHECK(m.find("k100") == nullptr);
    }
    SUBCASE("copies share the data") {
        Value list = Value::list({Value::string("x")});
        Value copy = list;
        CHECK(copy.identical(list));
        CHECK(copy.items()[0].str() == "x");
    }
}

TEST_CASE("tmpl::Value prints like Python") {
    CHECK(Value::none().to_string() == "None");
    CHECK(Value::boolean(false).to_string() == "False");
    CHECK(Value::number(1.0).to_string() == "1.0");
    CHECK(Value::number(0.1 + 0.2).to_string() == "0.30000000000000004");
    CHECK(Value::number(1e16).to_string() == "1e+16");
    CHECK(Value::number(1.5e-5).to_string() == "1.5e-05");
    CHECK(Value().to_string().empty());
    CHECK(Value::list({Value::string("it's"), Value::integer(1), Value::none()}).to_string() == "[\"it's\", 1, None]");
    CHECK(Value::list({Value::integer(1)}, ListStyle::tuple).to_string() == "(1,)");
    CHECK(Value::map({{"a", Value::list({})}}).to_string() == "{'a': []}");
    CHECK(Value::list({Value::safe("<b>")}).to_string() == "[Markup('<b>')]");
}

TEST_CASE("tmpl::Value truthiness follows Python") {
    CHECK_FALSE(Value().truthy());
    CHECK_FALSE(Value::string("").truthy());
    CHECK_FALSE(Value::list({}).truthy());
    CHECK_FALSE(Value::integer(0).truthy());
    CHECK_FALSE(Value::number(0.0).truthy());
    CHECK(Value::string("0").truthy());
    CHECK(Value::list({Value::none()}).truthy());
}

TEST_CASE("tmpl::Value::map with a KeyTable shares known keys and behaves as a dict") {
    static const portal::tmpl::KeyTable* const keys = new portal::tmpl::KeyTable({"title", "url", "title"});
    const Value a = Value::map({{"title", Value::string("A")}, {"url", Value::string("/a/")}, {"other", Value::integer(1)}}, *keys);
    const Value b = Value::map({{"title", Value::string("B")}, {"url", Value::string("/b/")}}, *keys);
    // The same key block in both maps: nothing allocated per entry for it.
    CHECK(a.entries()[0].key.str().data() == b.entries()[0].key.str().data());
    CHECK(a.entries()[0].key.str().data() == keys->find("title")->str().data());
    CHECK(keys->find("missing") == nullptr);
    CHECK(a.find("title")->as_string() == "A");
    CHECK(a.find("other")->as_int() == 1);
    CHECK(a.to_string() == "{'title': 'A', 'url': '/a/', 'other': 1}");
    // A repeated key replaces the value in place, as without the table.
    const Value twice = Value::map({{"title", Value::string("first")}, {"url", Value::none()}, {"title", Value::string("second")}}, *keys);
    CHECK(twice.size() == 2);
    CHECK(twice.find("title")->as_string() == "second");
    // Big maps (hash index) too.
    std::vector<std::pair<std::string, Value>> many;
    for (int i = 0; i < 40; ++i) many.emplace_back("k" + std::to_string(i), Value::integer(i));
    many.emplace_back("title", Value::integer(100));
    many.emplace_back("title", Value::integer(101));
    const Value big = Value::map(std::move(many), *keys);
    CHECK(big.size() == 41);
    CHECK(big.find("title")->as_int() == 101);
    CHECK(big.find("k39")->as_int() == 39);
    // Maps of known keys only go in as they are: with an index past eight
    // entries, and a repeated key still replaces in place.
    std::vector<std::string> names;
    for (int i = 0; i < 30; ++i) names.push_back("key" + std::to_string(i));
    static const portal::tmpl::KeyTable* const known = new portal::tmpl::KeyTable(names);
    std::vector<std::pair<std::string, Value>> all_known;
    for (int i = 29; i >= 0; --i) all_known.emplace_back(names[static_cast<std::size_t>(i)], Value::integer(i));
    const Value direct = Value::map(all_known, *known);
    CHECK(direct.size() == 30);
    for (int i = 0; i < 30; ++i) CHECK(direct.find(names[static_cast<std::size_t>(i)])->as_int() == i);
    CHECK(direct.find("key30") == nullptr);
    CHECK(direct.entries()[0].key.str() == "key29");  // in the order given
    CHECK(direct.entries()[0].key.str().data() == known->find("key29")->str().data());
    all_known.emplace_back("key7", Value::integer(700));
    const Value repeated = Value::map(std::move(all_known), *known);
    CHECK(repeated.size() == 30);
    CHECK(repeated.find("key7")->as_int() == 700);
    CHECK(repeated.entries()[22].key.str() == "key7");  // where it first came
    // Copies of an immortal key outlive every map that held them.
    Value kept;
    { kept = Value::map({{"url", Value::none()}}, *keys).entries()[0].key; }
    CHECK(kept.as_string() == "url");
}
