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

}  // namespace managers::domain
