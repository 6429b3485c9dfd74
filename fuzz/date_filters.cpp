// The template date filters (build/date_filters.h) and i18n/dates behind them:
// input "<date>\n<argument>\n<integer>": every filter gets the date as a
// string and the argument as its first parameter (a format for `date`, a
// language for the others); `fiscal_year` also gets the integer.
#include <charconv>
#include <string>

#include "build/date_filters.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using portal::tmpl::CallArgs;
    using portal::tmpl::Value;
    const auto parts = portal::fuzz::split(portal::fuzz::as_text(data, size), '\n', 3);
    const Value date = Value::string(std::string(parts[0]));
    const Value argument = Value::string(std::string(parts[1]));
    const Value yes = Value::boolean(true);
    long long year = 0;
    std::from_chars(parts[2].data(), parts[2].data() + parts[2].size(), year);
    const Value* one[] = {&argument};
    const Value* two[] = {&argument, &yes};
    for (const auto& [name, filter] : portal::build::date_filters()) {
        (void)filter(date, CallArgs{one, {}});
        (void)filter(date, CallArgs{two, {}});
        (void)filter(date, CallArgs{});
    }
    (void)portal::build::date_filters().at("fiscal_year")(Value::integer(year), CallArgs{one, {}});
    return 0;
}
