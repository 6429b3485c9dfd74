#include "build/translate_function.h"

namespace portal::build {

using tmpl::CallArgs;
using tmpl::Value;

namespace {

Result<Value> translate(const i18n::UiStrings& strings, const std::string& lang, const Value* key, const CallArgs& args) {
            if (!key || !key->is_string())
                return make_error("", 0, 0, "t() needs the key of a UI string, e.g. t(\"nav.home\")");
            std::map<std::string, std::string> named;
            long long count = 0;
            bool has_count = false;
            for (const auto& keyword : args.keyword) {
                if (keyword.name == "count" && keyword.value->is_int()) {
                    count = keyword.value->as_int();
                    has_count = true;
                }
                named[std::string(keyword.name)] = keyword.value->to_string();
            }
            auto text = strings.translate(lang, key->as_string(), named, has_count ? &count : nullptr);
            if (!text) return text.errors();
            return Value::string(std::move(*text));
}

}  // namespace

tmpl::Value translate_function(const i18n::UiStrings& strings, const std::string& lang) {
    return Value::function(
        [&strings, lang](const CallArgs& args) -> Result<Value> {
            return translate(strings, lang, args.positional.empty() ? nullptr : args.positional[0], args);
        },
        "t");
}

tmpl::Value translate_in_function(const i18n::UiStrings& strings) {
    return Value::function(
        [&strings](const CallArgs& args) -> Result<Value> {
            if (args.positional.size() < 2 || !args.positional[0]->is_string())
                return make_error("", 0, 0, "t_in() needs a language and a key, e.g. t_in(\"en\", \"home\")");
            return translate(strings, args.positional[0]->as_string(), args.positional[1], args);
        },
        "t_in");
}

}  // namespace portal::build
