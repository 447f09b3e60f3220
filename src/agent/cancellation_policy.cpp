#include "agent/cancellation_policy.hpp"

namespace agent {

using managers::OrderStatus;

bool customer_may_cancel(OrderStatus status) {
  return status == OrderStatus::PENDING || status == OrderStatus::CONFIRMED;
}

std::string cancellation_refusal(const std::string& order_id, OrderStatus status) {
  const std::string head = "Order " + order_id + " cannot be cancelled: it is " +
                           std::string(managers::to_string(status)) + ", and a customer may cancel only a Pending or Confirmed order. ";
  switch (status) {
    case OrderStatus::PREPARING:
    case OrderStatus::READY:
      return head + "The kitchen has already started on it; the customer can ask the staff at the counter, who "
                    "decide whether it can still be stopped or refunded.";
    case OrderStatus::COMPLETED:
      return head + "It has been completed; for a refund or a complaint the customer should contact the staff.";
    default:
      return head;
  }
}

}  // namespace agent
