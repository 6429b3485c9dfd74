// template_render: exposes the template engine to test scripts.
//
//   template_render CASE.json          renders one case, output on stdout
//   template_render --batch CASES.json renders {"cases": [...]} and prints a
//                                      JSON array of {"ok", "output"|"errors"}
//
// A case is {"templates": {"name": "source", ...}, "main": "name",
// "context": {...}, "strict": false, "autoescape": "always"|"never"|"by_extension"}.
// JSON objects keep their key order, as Python's json does.
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "template/store.h"

using json = nlohmann::ordered_json;
using portal::Diagnostic;
using portal::tmpl::Value;

namespace {

Value to_value(const json& j) {
    switch (j.type()) {
        case json::value_t::null: return Value::none();
        case json::value_t::boolean: return Value::boolean(j.get<bool>());
        case json::value_t::number_integer: return Value::integer(j.get<std::int64_t>());
        case json::value_t::number_unsigned: {
            auto u = j.get<std::uint64_t>();
            if (u > static_cast<std::uint64_t>(INT64_MAX)) return Value::number(static_cast<double>(u));
            return Value::integer(static_cast<std::int64_t>(u));
        }
        case json::value_t::number_float: return Value::number(j.get<double>());
        case json::value_t::string: return Value::string(j.get<std::string>());
        case json::value_t::array: {
            std::vector<Value> items;
            for (const json& item : j) items.push_back(to_value(item));
            return Value::list(std::move(items));
        }
        case json::value_t::object: {
            portal::tmpl::MapBuilder b;
            for (const auto& [k, v] : j.items()) b.set(k, to_value(v));
            return b.build();
        }
        default: return Value();
    }
}

std::string format_error(const Diagnostic& d) {
    std::string s = d.path;
    if (d.line > 0) s += ":" + std::to_string(d.line) + ":" + std::to_string(d.col);
    return s + ": " + d.message;
}

// Renders one case; returns output or the formatted errors.
bool render_case(const json& c, std::string& output, std::vector<std::string>& errors) {
    std::vector<portal::tmpl::TemplateSource> sources;
    for (const auto& [name, text] : c.at("templates").items())
        sources.push_back({name, text.get<std::string>(), name});
    auto store = portal::tmpl::TemplateStore::from_sources(sources);
    if (!store) {
        for (const Diagnostic& d : store.errors()) errors.push_back(format_error(d));
        return false;
    }
    portal::tmpl::RenderOptions options;
    options.strict_undefined = c.value("strict", false);
    std::string mode = c.value("autoescape", std::string("always"));
    options.autoescape = mode == "never"          ? portal::tmpl::Autoescape::never
                         : mode == "by_extension" ? portal::tmpl::Autoescape::by_extension
                                                  : portal::tmpl::Autoescape::always;
    Value context = c.contains("context") ? to_value(c.at("context")) : Value::map({});
    auto result = store->render(c.value("main", std::string("main")), context, options);
    if (!result) {
        for (const Diagnostic& d : result.errors()) errors.push_back(format_error(d));
        return false;
    }
    output = std::move(result.value());
    return true;
}

json read_json(const char* path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(std::string("cannot read ") + path);
    std::stringstream text;
    text << in.rdbuf();
    return json::parse(text.str());
}

}  // namespace

int main(int argc, char** argv) {
    try {
        if (argc == 3 && std::string(argv[1]) == "--batch") {
            json input = read_json(argv[2]);
            json results = json::array();
            for (const json& c : input.at("cases")) {
                std::string output;
                std::vector<std::string> errors;
                if (render_case(c, output, errors)) results.push_back({{"ok", true}, {"output", output}});
                else results.push_back({{"ok", false}, {"errors", errors}});
            }
            std::cout << results.dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
            return 0;
        }
        if (argc != 2) {
            std::cerr << "usage: template_render CASE.json | template_render --batch CASES.json\n";
            return 2;
        }
        std::string output;
        std::vector<std::string> errors;
        if (!render_case(read_json(argv[1]), output, errors)) {
            for (const std::string& e : errors) std::cerr << e << '\n';
            return 1;
        }
        std::cout << output;
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "template_render: " << e.what() << '\n';
        return 2;
    }
}
