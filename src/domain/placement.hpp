#pragma once

// The two directions between what create_order takes (NewOrder) and what it stores
// (Order), in one place: a field of both is copied here and nowhere else.

#include <string>

#include "managers/order.hpp"

namespace managers::domain {

// The new order create_order stores for `placement` (validated): Pending since `now`,
// subtotals computed, metadata an object.
Order order_of_placement(const NewOrder& placement, const std::string& now);

}  // namespace managers::domain
