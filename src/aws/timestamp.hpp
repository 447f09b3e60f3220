#pragma once

// ISO 8601 timestamps as metadata services send credential expirations ("2024-11-22T15:30:00Z",
// with optional fractional seconds and a "Z" or "+hh:mm" offset).

#include <chrono>
#include <optional>
#include <string_view>

namespace aws {

// nullopt for anything else, and for a time system_clock cannot hold (outside about 1678..2262).
std::optional<std::chrono::system_clock::time_point> parse_iso8601(std::string_view text);

}  // namespace aws
