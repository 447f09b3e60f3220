#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace managers::domain {

// One character of strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
struct Utf8Char {
  std::size_t length = 0;  // 0: the bytes at that position are not a character
  std::uint32_t code_point = 0;
};

// The character starting at text[pos] (pos < text.size()).
Utf8Char decode_utf8(std::string_view text, std::size_t pos);

// A control character: C0 (U+0000..U+001F), DEL (U+007F) or C1 (U+0080..U+009F).
constexpr bool is_control(std::uint32_t code_point) {
  return code_point < 0x20 || (code_point >= 0x7f && code_point <= 0x9f);
}

// Unicode White_Space: what a person cannot see at the start or end of a name.
constexpr bool is_whitespace(std::uint32_t cp) {
  return (cp >= 0x09 && cp <= 0x0d) || cp == 0x20 || cp == 0x85 || cp == 0xa0 || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028 || cp == 0x2029 || cp == 0x202f || cp == 0x205f ||
         cp == 0x3000;
}

// Characters that draw nothing by themselves: Unicode's Default_Ignorable_Code_Point (zero-width
// spaces and joiners, the bidirectional marks, embeddings, overrides and isolates U+202A..U+202E,
// U+2066..U+2069, variation selectors, the BOM, tag characters) and the blank Hangul fillers
// and Braille pattern. A name made only of these (or of whitespace) looks empty or, worse,
// reorders the text around it.
constexpr bool is_invisible(std::uint32_t cp) {
  return cp == 0xad || cp == 0x34f || cp == 0x61c || cp == 0x115f || cp == 0x1160 || cp == 0x17b4 || cp == 0x17b5 ||
         (cp >= 0x180b && cp <= 0x180f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) ||
         (cp >= 0x2060 && cp <= 0x206f) || cp == 0x2800 || cp == 0x3164 || (cp >= 0xfe00 && cp <= 0xfe0f) ||
         cp == 0xfeff || cp == 0xffa0 || (cp >= 0xfff0 && cp <= 0xfff8) || (cp >= 0x1bca0 && cp <= 0x1bca3) ||
         (cp >= 0x1d173 && cp <= 0x1d17a) || (cp >= 0xe0000 && cp <= 0xe0fff);
}

}  // namespace managers::domain
