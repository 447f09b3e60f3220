#include "domain/quote_input.hpp"

#include <cstdio>

namespace managers::domain {
namespace {

// Length of the valid UTF-8 sequence starting at text[i] (0 if none): decides what is
// copied as is and what is escaped, and never cuts a character at the length limit.
std::size_t utf8_length(std::string_view text, std::size_t i) {
  const auto byte = static_cast<unsigned char>(text[i]);
  const std::size_t length = byte < 0x80 ? 1 : (byte & 0xe0) == 0xc0 ? 2 : (byte & 0xf0) == 0xe0 ? 3 : (byte & 0xf8) == 0xf0 ? 4 : 0;
  if (length == 0 || i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k)
    if ((static_cast<unsigned char>(text[i + k]) & 0xc0) != 0x80) return 0;
  return length;
}

}  // namespace

std::string quote_input(std::string_view text) {
  std::string out = "'";
  std::size_t i = 0;
  while (i < text.size() && i < kMaxQuotedInputBytes) {
    const auto byte = static_cast<unsigned char>(text[i]);
    const std::size_t length = utf8_length(text, i);
    if (length == 1 && byte >= 0x20 && byte != 0x7f) {
      out += text[i];
    } else if (length > 1 && (length != 2 || byte != 0xc2 || static_cast<unsigned char>(text[i + 1]) > 0x9f)) {
      out.append(text.substr(i, length));  // any character but the C1 controls (U+0080..U+009F)
    } else {
      char escape[8];
      std::snprintf(escape, sizeof escape, "\\x%02x", byte);
      out += byte == '\n' ? "\\n" : byte == '\t' ? "\\t" : byte == '\r' ? "\\r" : escape;
      ++i;
      continue;
    }
    i += length;
  }
  out += "'";
  if (i < text.size()) out += "... (" + std::to_string(text.size()) + " bytes)";
  return out;
}

}  // namespace managers::domain
