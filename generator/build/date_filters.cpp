#include "build/date_filters.h"

#include "i18n/dates.h"

namespace portal::build {

using tmpl::CallArgs;
using tmpl::Value;

namespace {

Result<i18n::DateTime> date_input(const Value& input, const char* filter) {
    if (input.is_string())
        if (auto parsed = i18n::parse_iso(input.str())) return *parsed;
    return make_error("", 0, 0, std::string("filter `") + filter + "` needs a date (\"2025-06-20\"), got " +
                                    (input.is_string() ? "\"" + input.as_string() + "\"" : std::string(input.type_name())));
}

// The language argument: `date_long("en")`; Japanese when omitted.
std::string lang_arg(const CallArgs& args) {
    const Value* lang = args.arg(0, "lang");
    return lang && lang->is_string() ? lang->as_string() : "ja";
}

tmpl::HostFilters make_filters() {
    tmpl::HostFilters filters;
    filters["date_long"] = [](const Value& input, const CallArgs& args) -> Result<Value> {
        auto date = date_input(input, "date_long");
        if (!date) return date.errors();
        return Value::string(i18n::format_long(*date, lang_arg(args)));
    };
    filters["wareki"] = [](const Value& input, const CallArgs&) -> Result<Value> {
        auto date = date_input(input, "wareki");
        if (!date) return date.errors();
        return Value::string(i18n::format_era(*date));
    };
    filters["fiscal_year"] = [](const Value& input, const CallArgs& args) -> Result<Value> {
        if (input.is_int()) return Value::string(i18n::format_fiscal_year(static_cast<int>(input.as_int()), lang_arg(args)));
        auto date = date_input(input, "fiscal_year");
        if (!date) return date.errors();
        return Value::string(i18n::format_fiscal_year(i18n::fiscal_year_of(*date), lang_arg(args)));
    };
    filters["weekday"] = [](const Value& input, const CallArgs& args) -> Result<Value> {
        auto date = date_input(input, "weekday");
        if (!date) return date.errors();
        const Value* short_form = args.arg(1, "short");
        return Value::string(i18n::weekday_name(*date, lang_arg(args), short_form && short_form->truthy()));
    };
    filters["date"] = [](const Value& input, const CallArgs& args) -> Result<Value> {
        auto date = date_input(input, "date");
        if (!date) return date.errors();
        const Value* pattern = args.arg(0, "format");
        if (!pattern || !pattern->is_string())
            return make_error("", 0, 0, "filter `date` needs a format, e.g. date(\"%Y/%m/%d\")");
        return Value::string(i18n::format_pattern(*date, pattern->str()));
    };
    filters["iso_date"] = [](const Value& input, const CallArgs&) -> Result<Value> {
        auto date = date_input(input, "iso_date");
        if (!date) return date.errors();
        return Value::string(i18n::format_iso(*date));
    };
    return filters;
}

}  // namespace

const tmpl::HostFilters& date_filters() {
    // Immutable after first use (thread-safe static initialisation): not mutable global state.
    static const tmpl::HostFilters filters = make_filters();
    return filters;
}

}  // namespace portal::build
