#pragma once

#include <optional>

#include "managers/order_status.hpp"

namespace managers {

// What a change to an existing order did, for callers that must tell the cases
// apart (the CLI, agent tools, the HTTP API) where the spec's `bool` folds them:
// the spec's `true` is kChanged or kUnchanged, its `false` kNotFound or kRefusedFinal.
enum class UpdateOutcome {
  kChanged,       // written
  kUnchanged,     // the order already had that value; nothing written
  kNotFound,      // no order with that id; nothing written (never creates one)
  kRefusedFinal,  // the order is COMPLETED or CANCELLED and may not change status
  kRefusedFrom,   // change_order_status_from: the order's status is not one the caller allowed
};

// The result of change_order_status: the outcome and, unless the order was not
// found, the status the order has after the call (the status that refused it).
struct StatusChangeResult {
  UpdateOutcome outcome = UpdateOutcome::kNotFound;
  std::optional<OrderStatus> status;

  // The spec's bool: done, or already so.
  bool succeeded() const { return outcome == UpdateOutcome::kChanged || outcome == UpdateOutcome::kUnchanged; }
};

}  // namespace managers
