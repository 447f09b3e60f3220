#pragma once

// How every engine reads a status back from storage: only the exact value the
// engines write (to_string: "Pending", "Being prepared", ...). Anything else
// was written around the engine and is reported by the engine as a corrupt
// stored value (a StorageError), the same way on every engine — unlike
// parse_order_status, which is for people and accepts names in any case.

#include <optional>
#include <string_view>

#include "managers/order_status.hpp"

namespace managers::domain {

std::optional<OrderStatus> stored_status(std::string_view text);

}  // namespace managers::domain
