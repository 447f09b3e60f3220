#include "aws/crc32.hpp"

#include <zlib.h>

#include <algorithm>
#include <charconv>
#include <limits>

namespace aws {

std::uint32_t crc32(std::string_view data) {
  uLong crc = ::crc32(0L, Z_NULL, 0);
  // zlib takes uInt lengths: feed very large bodies in chunks.
  const auto* bytes = reinterpret_cast<const Bytef*>(data.data());
  std::size_t remaining = data.size();
  while (remaining > 0) {
    const auto chunk = static_cast<uInt>(std::min<std::size_t>(remaining, std::numeric_limits<uInt>::max()));
    crc = ::crc32(crc, bytes, chunk);
    bytes += chunk;
    remaining -= chunk;
  }
  return static_cast<std::uint32_t>(crc);
}

bool crc32_matches(std::string_view body, std::string_view header_value) {
  while (!header_value.empty() && header_value.front() == ' ') header_value.remove_prefix(1);
  while (!header_value.empty() && header_value.back() == ' ') header_value.remove_suffix(1);
  std::uint32_t expected = 0;
  const auto [ptr, ec] = std::from_chars(header_value.data(), header_value.data() + header_value.size(), expected);
  if (header_value.empty() || ec != std::errc{} || ptr != header_value.data() + header_value.size()) return false;
  return expected == crc32(body);
}

}  // namespace aws
