#include "domain/printable_text.hpp"

#include <algorithm>
#include <cstdio>

#include "domain/utf8.hpp"

namespace managers::domain {

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const Utf8Char character = decode_utf8(text, i);
    if (character.length > 0 && !is_control(character.code_point)) {
      out.append(text.substr(i, character.length));
      i += character.length;
      continue;
    }
    const auto byte = static_cast<unsigned char>(text[i]);
    char escape[8];
    std::snprintf(escape, sizeof escape, "\\x%02x", byte);
    out += byte == '\n' ? "\\n" : byte == '\t' ? "\\t" : byte == '\r' ? "\\r" : escape;
    ++i;
  }
  return out;
}

std::string quote_input(std::string_view text) {
  // Whole characters up to the limit (a character that is not UTF-8 counts as its one byte).
  std::size_t cut = 0;
  while (cut < text.size() && cut < kMaxQuotedInputBytes) cut += std::max<std::size_t>(decode_utf8(text, cut).length, 1);
  std::string out = "'" + printable(text.substr(0, cut)) + "'";
  if (cut < text.size()) out += "... (" + std::to_string(text.size()) + " bytes)";
  return out;
}

}  // namespace managers::domain
