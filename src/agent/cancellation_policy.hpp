#pragma once

#include <string>
#include <vector>

#include "managers/order_status.hpp"

namespace agent {

// The customer-facing cancellation policy (as in τ²-bench's retail domain: an order may be
// cancelled only before work on it starts). A customer may cancel an order that is Pending or
// Confirmed; once the kitchen is preparing it (Being prepared), it is ready, or it is final,
// only staff decide. Staff are not bound by it: update_order_status follows the core's lifecycle.
bool customer_may_cancel(managers::OrderStatus status);
// The same statuses as a list, for change_order_status_from (the check made atomically with the write).
const std::vector<managers::OrderStatus>& customer_cancellable_statuses();

// Why an order in `status` cannot be cancelled by the customer, and what they can do, as one
// or two sentences for a model to pass on.
std::string cancellation_refusal(const std::string& order_id, managers::OrderStatus status);

}  // namespace agent
