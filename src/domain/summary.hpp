#pragma once

#include <string>

#include "managers/order.hpp"

namespace managers::domain {

// The spec's readable summary of one order:
//   ORDER #ORD-001
//   Customer: John Doe (ID: CUST-001)
//   Status: Pending
//   Created: 2026-11-25T08:35:10.123456Z
//   Items:
//     - Coffee x2 @ $3.50 = $7.00
//   Total: $16.99
//   Estimated Ready: 2024-11-22T15:30:00      (only when set)
std::string format_order_summary(const Order& order);

inline constexpr const char* kOrderNotFoundSummary = "Order not found.";

}  // namespace managers::domain
