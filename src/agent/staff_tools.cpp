// The staff role's tools (besides the customer's): move orders through the lifecycle, set
// ready times, see the queue of a status.
#include <optional>
#include <string>

#include "agent/schemas.hpp"
#include "agent/tool_sets.hpp"
#include "domain/printable_text.hpp"

namespace agent {
namespace {

using managers::OrderStatus;
using managers::UpdateOutcome;
using nlohmann::json;

ToolOutcome update_status(const ToolCall& call) {
  const std::string id = text_argument(call.arguments, "order_id");
  const OrderStatus status = managers::parse_order_status(text_argument(call.arguments, "status"));
  const managers::StatusChangeResult change = call.store.change_order_status(id, status);
  const std::string name(managers::to_string(status));
  switch (change.outcome) {
    case UpdateOutcome::kChanged:
      call.log("update_order_status: " + id + " -> " + name);
      return success({{"order_id", id}, {"status", name}, {"changed", true}}, "Order " + id + " is now " + name + ".");
    case UpdateOutcome::kUnchanged:
      return success({{"order_id", id}, {"status", name}, {"changed", false}},
                     "Order " + id + " was already " + name + "; nothing changed.");
    case UpdateOutcome::kNotFound:
      return order_not_found(id);
    case UpdateOutcome::kRefusedFinal:
    case UpdateOutcome::kRefusedFrom:
      break;
  }
  const std::string final_status(managers::to_string(change.status.value_or(OrderStatus::COMPLETED)));
  return failure(ErrorKind::kRefused, "Order " + id + " is " + final_status + ", which is final: a Completed or "
                                          "Cancelled order never changes status. Place a new order if one is needed.");
}

ToolDefinition update_order_status() {
  return {"update_order_status",
          "Change an order's status",
          Role::kStaff,
          "Move an order to another status as work progresses: Pending -> Confirmed -> Being prepared -> Ready for "
          "pickup -> Completed, or Cancelled. Any status may be corrected (e.g. Ready for pickup back to Being "
          "prepared) except from Completed or Cancelled, which are final: that call is refused (kind refused). "
          "Setting the status the order already has changes nothing.",
          schemas::input_object({{"order_id", schemas::order_id("The order's id, e.g. \"ORD-001\".")},
                                 {"status", schemas::status("The new status.")}},
                                {"order_id", "status"}),
          schemas::output_object({{"order_id", {{"type", "string"}}},
                                  {"status", schemas::status("The order's status after the call.")},
                                  {"changed", {{"type", "boolean"}}}},
                                 {"order_id", "status", "changed"}),
          {.read_only = false, .destructive = true, .idempotent = true},
          update_status};
}

ToolOutcome set_ready(const ToolCall& call) {
  const std::string id = text_argument(call.arguments, "order_id");
  const std::string time = text_argument(call.arguments, "estimated_ready_time");
  const UpdateOutcome outcome = call.store.change_order_ready_time(id, time);
  switch (outcome) {
    case UpdateOutcome::kChanged:
    case UpdateOutcome::kUnchanged: {
      const bool changed = outcome == UpdateOutcome::kChanged;
      return success({{"order_id", id}, {"estimated_ready_time", time}, {"changed", changed}},
                     changed ? "Order " + id + " is now expected ready at " + time + "."
                             : "Order " + id + " was already expected at " + time + "; nothing changed.");
    }
    case UpdateOutcome::kNotFound:
      return order_not_found(id);
    case UpdateOutcome::kRefusedFinal:
    case UpdateOutcome::kRefusedFrom:
      break;
  }
  return failure(ErrorKind::kRefused, "Order " + id + " is final; its ready time cannot change.");
}

ToolDefinition set_ready_time() {
  return {"set_ready_time",
          "Set an order's estimated ready time",
          Role::kStaff,
          "Set when an order is expected to be ready, as an ISO-8601 time such as \"2024-11-22T15:30:00\" (local "
          "time as the shop states it) or with an offset (\"2024-11-22T15:30:00+01:00\"). Customers see it in the "
          "order and its summary.",
          schemas::input_object(
              {{"order_id", schemas::order_id("The order's id, e.g. \"ORD-001\".")},
               {"estimated_ready_time",
                schemas::text("ISO-8601 time, e.g. \"2024-11-22T15:30:00\".", 64)}},
              {"order_id", "estimated_ready_time"}),
          schemas::output_object({{"order_id", {{"type", "string"}}},
                                  {"estimated_ready_time", {{"type", "string"}}},
                                  {"changed", {{"type", "boolean"}}}},
                                 {"order_id", "estimated_ready_time", "changed"}),
          {.read_only = false, .destructive = false, .idempotent = true},
          set_ready};
}

ToolDefinition orders_by_status() {
  return {"orders_by_status",
          "List orders with a status",
          Role::kStaff,
          "List the orders that have one status, oldest first (the work queue: e.g. Confirmed orders to start, "
          "Being prepared orders to finish), at most `limit` (default " +
              std::to_string(schemas::kDefaultListLimit) + ").",
          schemas::input_object({{"status", schemas::status("The status to list.")}, {"limit", schemas::list_limit()}},
                                {"status"}),
          schemas::output_object({{"orders", {{"type", "array"}, {"items", schemas::order()}}},
                                  {"count", {{"type", "integer"}}}},
                                 {"orders", "count"}),
          {.read_only = true, .destructive = false, .idempotent = true},
          [](const ToolCall& call) {
            const OrderStatus status = managers::parse_order_status(text_argument(call.arguments, "status"));
            const std::string name(managers::to_string(status));
            return order_list(call.store.get_orders_by_status(status, list_limit(call.arguments)),
                              name + " orders, oldest first:", "No orders are " + name + ".");
          }};
}

}  // namespace

std::vector<ToolDefinition> staff_tools() { return {update_order_status(), set_ready_time(), orders_by_status()}; }

}  // namespace agent
