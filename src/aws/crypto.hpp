#pragma once

// The few cryptographic and encoding primitives SigV4 and the DynamoDB protocol need, on top of
// OpenSSL's libcrypto. Byte strings are carried in std::string (it holds arbitrary bytes).

#include <string>
#include <string_view>

namespace aws::crypto {

// SHA-256 of `data`, as 32 raw bytes.
std::string sha256(std::string_view data);
// SHA-256 of `data`, as 64 lower-case hex digits (the form SigV4 uses for payload hashes).
std::string sha256_hex(std::string_view data);
// HMAC-SHA256(key, data), as 32 raw bytes.
std::string hmac_sha256(std::string_view key, std::string_view data);
// Lower-case hex of arbitrary bytes.
std::string hex(std::string_view bytes);

// Standard base64 (RFC 4648, with padding), as DynamoDB uses for binary attributes.
std::string base64_encode(std::string_view bytes);
// Inverse of base64_encode; throws std::invalid_argument on malformed input.
std::string base64_decode(std::string_view text);

}  // namespace aws::crypto
