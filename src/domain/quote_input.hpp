#pragma once

#include <string>
#include <string_view>

namespace managers::domain {

// Rejected input as error messages show it: in single quotes, at most kMaxQuotedInputBytes of it
// (then "... (N bytes)"), with control characters and bytes that are not UTF-8 written as
// escapes. An error about hostile input stays one short, printable line.
inline constexpr std::size_t kMaxQuotedInputBytes = 64;
std::string quote_input(std::string_view text);

}  // namespace managers::domain
