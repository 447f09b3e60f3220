#pragma once

// DynamoDB sends `x-amz-crc32`: the CRC-32 (zlib's polynomial) of the response body, in decimal.
// A mismatch means the body was damaged in transit; the client retries such replies.

#include <cstdint>
#include <string_view>

namespace aws {

std::uint32_t crc32(std::string_view data);

// True when `header_value` (decimal text) equals crc32(body). A header that is not a decimal
// 32-bit number counts as a mismatch.
bool crc32_matches(std::string_view body, std::string_view header_value);

}  // namespace aws
