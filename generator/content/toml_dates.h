// TOML dates as ISO 8601 strings, the one date representation templates see.
#pragma once

#include <optional>
#include <string>
#include <toml++/toml.h>

namespace portal::content {

// A local date gives "2025-06-20"; a local date-time is taken as Asia/Tokyo
// ("2025-06-20T14:00:00+09:00"); an offset date-time keeps its offset.
// Anything that is not a TOML date gives nullopt.
std::optional<std::string> toml_date_to_iso(const toml::node& node);

}  // namespace portal::content
