#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace mcp {

// Checks on a message's raw text, made before it is parsed.

// The offset of the first byte that is not strict UTF-8, if any.
std::optional<std::size_t> invalid_utf8_at(std::string_view text);

// True if arrays and objects nest deeper than `max_depth` (brackets inside strings do not
// count). nlohmann::json copies and compares values recursively, so a message of a million
// brackets, well inside the size limit, would overflow the stack; it is refused unparsed.
// The scan itself is a loop.
bool nests_deeper_than(std::string_view text, std::size_t max_depth);

// No MCP message needs more: tool arguments sit 3 levels down, and order metadata may nest
// 16 (managers/limits.hpp).
inline constexpr std::size_t kMaxMessageDepth = 64;

}  // namespace mcp
