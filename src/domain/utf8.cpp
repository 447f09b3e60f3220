#include "domain/utf8.hpp"

namespace managers::domain {

Utf8Char decode_utf8(std::string_view text, std::size_t pos) {
  const auto byte = static_cast<unsigned char>(text[pos]);
  if (byte < 0x80) return {1, byte};
  std::size_t length = 0;
  std::uint32_t code = 0;
  if ((byte & 0xe0) == 0xc0) {
    length = 2;
    code = byte & 0x1f;
  } else if ((byte & 0xf0) == 0xe0) {
    length = 3;
    code = byte & 0x0f;
  } else if ((byte & 0xf8) == 0xf0) {
    length = 4;
    code = byte & 0x07;
  } else {
    return {};
  }
  if (pos + length > text.size()) return {};
  for (std::size_t k = 1; k < length; ++k) {
    const auto next = static_cast<unsigned char>(text[pos + k]);
    if ((next & 0xc0) != 0x80) return {};
    code = (code << 6) | (next & 0x3f);
  }
  static constexpr std::uint32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code < kMinimum[length] || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return {};
  return {length, code};
}

}  // namespace managers::domain
