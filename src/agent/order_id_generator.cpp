#include "agent/order_id_generator.hpp"

#include <openssl/rand.h>

#include <array>
#include <stdexcept>

namespace agent {

std::string generate_order_id() {
  std::array<unsigned char, 8> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1)
    throw std::runtime_error("the random number generator failed");
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string id = "ORD-";
  for (const unsigned char byte : bytes) {
    id += kHex[byte >> 4];
    id += kHex[byte & 0x0f];
  }
  return id;
}

}  // namespace agent
