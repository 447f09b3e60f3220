#pragma once

#include <string>
#include <string_view>

namespace managers::domain {

// `text` as one printable line: control characters and bytes that are not UTF-8 are written as
// escapes (\n, \t, \r, \xNN); every other character is kept. For messages that carry text
// from outside (parse errors quoting input, ids read from a file) to a terminal or a log.
std::string printable(std::string_view text);

// Rejected input as error messages show it: in single quotes, at most kMaxQuotedInputBytes of it
// (then "... (N bytes)"), printable(). An error about hostile input stays one short, printable line.
inline constexpr std::size_t kMaxQuotedInputBytes = 64;
std::string quote_input(std::string_view text);

}  // namespace managers::domain
