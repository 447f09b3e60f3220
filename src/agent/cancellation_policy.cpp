#include "agent/cancellation_policy.hpp"

#include <algorithm>

namespace agent {

using managers::OrderStatus;

const std::vector<OrderStatus>& customer_cancellable_statuses() {
  static const std::vector<OrderStatus> statuses = {OrderStatus::PENDING, OrderStatus::CONFIRMED};
  return statuses;
}

bool customer_may_cancel(OrderStatus status) {
  const std::vector<OrderStatus>& allowed = customer_cancellable_statuses();
  return std::find(allowed.begin(), allowed.end(), status) != allowed.end();
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
