// Escaping text for XML outputs (feeds, sitemap).
#pragma once

#include <string>
#include <string_view>

namespace portal::outputs {

// Escapes & < > " ' for element text and attribute values.
std::string xml_escape(std::string_view text);

}  // namespace portal::outputs
