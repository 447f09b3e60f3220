#pragma once

namespace managers::domain {

// What format_order_summary returns for an id with no order. The text of an order's summary
// is managers::format_order_summary(const Order&) (include/managers/order.hpp).
inline constexpr const char* kOrderNotFoundSummary = "Order not found.";

}  // namespace managers::domain
