#include "charts/scale.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace portal::charts {

Ticks nice_ticks(double lo, double hi, int target_count) {
    lo = std::min(lo, 0.0);
    hi = std::max(hi, 0.0);
    if (hi - lo <= 0) hi = lo + 1;
    if (target_count < 1) target_count = 1;
    const double rough = (hi - lo) / target_count;
    const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
    const double residual = rough / magnitude;
    // The smallest of 1, 2, 5, 10 (× magnitude) that is not finer than rough:
    // never more than `target_count` intervals.
    double nice = 10;
    for (double candidate : {1.0, 2.0, 5.0})
        if (residual <= candidate * (1 + 1e-9)) {
            nice = candidate;
            break;
        }
    Ticks ticks;
    ticks.step = nice * magnitude;
    // Tolerances keep 60.000000001 from opening one more interval.
    const long long first = static_cast<long long>(std::floor(lo / ticks.step + 1e-9));
    const long long last = static_cast<long long>(std::ceil(hi / ticks.step - 1e-9));
    ticks.min = static_cast<double>(first) * ticks.step;
    ticks.max = static_cast<double>(last) * ticks.step;
    ticks.decimals = std::max(0, -static_cast<int>(std::floor(std::log10(ticks.step) + 1e-9)));
    for (long long i = first; i <= last; ++i) ticks.values.push_back(static_cast<double>(i) * ticks.step);
    return ticks;
}

namespace {

std::string plain(double value, int decimals) {
    char buffer[400];
    std::to_chars_result r = decimals < 0 ? std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed)
                                          : std::to_chars(buffer, buffer + sizeof buffer, value,
                                                          std::chars_format::fixed, decimals);
    return std::string(buffer, r.ptr);
}

}  // namespace

int shortest_decimals(double value) {
    const std::string text = plain(value, -1);
    const auto dot = text.find('.');
    return dot == std::string::npos ? 0 : static_cast<int>(text.size() - dot - 1);
}

std::string format_number(double value, int decimals) {
    if (value == 0) value = 0;  // no "-0"
    std::string text = plain(value, decimals);
    if (text == "-0" || text.rfind("-0.", 0) == 0) {
        // -0.0 after rounding prints without its sign.
        if (text.find_first_not_of("-0.") == std::string::npos) text.erase(0, 1);
    }
    const std::size_t sign = text[0] == '-' ? 1 : 0;
    std::size_t end = text.find('.');
    if (end == std::string::npos) end = text.size();
    for (std::size_t i = end; i > sign + 3; i -= 3) text.insert(i - 3, ",");
    return text;
}

}  // namespace portal::charts
