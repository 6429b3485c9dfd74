// Numbers on a chart: "nice" axis ticks (steps of 1, 2 or 5 × 10^n) and fixed,
// locale-free number formatting ("1,611", "47.3", "62.0").
#pragma once

#include <string>
#include <vector>

namespace portal::charts {

struct Ticks {
    double min = 0;      // first tick: the axis starts here
    double max = 0;      // last tick: the axis ends here
    double step = 1;     // distance between ticks: 1, 2 or 5 × 10^n
    int decimals = 0;    // fraction digits a tick label needs for `step`
    std::vector<double> values;  // min, min + step, ..., max (computed as min + i·step)
};

// Ticks covering [lo, hi] and always 0 (bars grow from 0, and a line chart
// that does not start at 0 exaggerates change), with about `target_count`
// intervals. lo == hi == 0 gives 0..1.
Ticks nice_ticks(double lo, double hi, int target_count = 5);

// `value` with `decimals` fraction digits and a comma every three integer
// digits: format_number(1611, 0) == "1,611", format_number(47.3, 1) == "47.3".
// decimals < 0: the shortest form that reads back as `value` ("47.3", "62").
std::string format_number(double value, int decimals);

// Fraction digits of the shortest form of `value`: 47.3 → 1, 62.0 → 0, 0.25 → 2.
int shortest_decimals(double value);

}  // namespace portal::charts
