#include "build/text_filters.h"

#include "i18n/text_measure.h"

namespace portal::build {

using tmpl::CallArgs;
using tmpl::Value;

namespace {

tmpl::HostFilters make_filters() {
    tmpl::HostFilters filters;
    filters["truncate_chars"] = [](const Value& input, const CallArgs& args) -> Result<Value> {
        const Value* limit = args.arg(0, "length");
        if (!limit || !limit->is_int() || limit->as_int() < 0)
            return make_error("", 0, 0, "truncate_chars needs a length, e.g. truncate_chars(80)");
        const Value* end = args.arg(1, "end");
        const std::string text = input.to_string();
        std::string cut = end && end->is_string()
                              ? i18n::truncate_chars(text, static_cast<std::size_t>(limit->as_int()), end->str())
                              : i18n::truncate_chars(text, static_cast<std::size_t>(limit->as_int()));
        // Cutting markup could leave half a tag: the result is plain text again.
        return Value::string(std::move(cut));
    };
    filters["char_count"] = [](const Value& input, const CallArgs&) -> Result<Value> {
        return Value::integer(static_cast<std::int64_t>(i18n::count_chars(input.to_string())));
    };
    return filters;
}

}  // namespace

const tmpl::HostFilters& text_filters() {
    static const tmpl::HostFilters filters = make_filters();  // immutable after first use
    return filters;
}

}  // namespace portal::build
