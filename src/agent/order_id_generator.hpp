#pragma once

#include <string>

namespace agent {

// A new order id for place_order when the model gives none: "ORD-" and 16 hex digits (64 bits)
// from OpenSSL's CSPRNG, so two servers on one store never collide in practice and ids cannot be
// guessed from each other. Throws std::runtime_error if the generator fails.
std::string generate_order_id();

}  // namespace agent
