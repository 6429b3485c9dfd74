// Text in an SVG chart: line breaking without a font. SVG has no
// automatic wrapping, so widths are estimated: a full-width (CJK) character is
// one em, Latin letters and digits about half of one. Estimates err wide so
// labels do not overlap.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace portal::charts {

// Estimated width of `text` in pixels at `font_size` pixels.
double text_width(std::string_view text, double font_size);

// `text` cut into lines no wider than `max_width` (estimated): Latin text
// breaks at spaces, Japanese between any two characters except before closing
// brackets and punctuation (、。）」) or after opening brackets (（「). A word
// wider than a line gets a line of its own.
std::vector<std::string> wrap_text(std::string_view text, double max_width, double font_size);

}  // namespace portal::charts
