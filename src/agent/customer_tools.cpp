// The customer role's tools: look orders up, place one, cancel one the policy allows.
#include <optional>
#include <string>

#include "agent/cancellation_policy.hpp"
#include "agent/order_id_generator.hpp"
#include "agent/schemas.hpp"
#include "agent/tool_sets.hpp"
#include "domain/printable_text.hpp"

namespace agent {
namespace {

using managers::Order;
using managers::OrderStatus;
using nlohmann::json;

// Cancellation reasons are for people to read; a short paragraph is plenty.
constexpr int kMaxReasonChars = 500;
// A generated id that collides (64 random bits: practically never) is replaced this many times.
constexpr int kGeneratedIdAttempts = 3;

ToolDefinition get_order() {
  return {
      "get_order",
      "Get an order",
      Role::kCustomer,
      "Look up one order by its id (e.g. \"ORD-001\") and return everything about it: customer, items, total, "
      "status, status history and estimated ready time. Use it when the customer names an order id. If you only "
      "know the customer, use find_customer_orders or get_last_order instead. Fails with not_found if there is no "
      "such order.",
      schemas::input_object({{"order_id", schemas::order_id("The order's id, e.g. \"ORD-001\".")}}, {"order_id"}),
      schemas::output_object({{"order", schemas::order()}}, {"order"}),
      {.read_only = true, .destructive = false, .idempotent = true},
      [](const ToolCall& call) {
        const std::string id = text_argument(call.arguments, "order_id");
        const std::optional<Order> order = call.store.get_order(id);
        if (!order) return order_not_found(id);
        return success({{"order", managers::to_json(*order)}}, managers::format_order_summary(*order));
      }};
}

ToolDefinition find_customer_orders() {
  return {
      "find_customer_orders",
      "Find a customer's orders",
      Role::kCustomer,
      "List a customer's orders by the customer's name, exactly as it was given when ordering (e.g. \"John Doe\"), "
      "newest first. Optionally only those with one status, and at most `limit` (default " +
          std::to_string(schemas::kDefaultListLimit) +
          "). Use it when the customer asks about \"my order\" without an id. An empty list is not an error: the "
          "name may be spelled differently; ask the customer.",
      schemas::input_object({{"customer_name", schemas::customer_name("The customer's name, exactly as stored.")},
                             {"status", schemas::status("Optional. Only orders with this status.")},
                             {"limit", schemas::list_limit()}},
                            {"customer_name"}),
      schemas::output_object({{"orders", {{"type", "array"}, {"items", schemas::order()}}},
                              {"count", {{"type", "integer"}}}},
                             {"orders", "count"}),
      {.read_only = true, .destructive = false, .idempotent = true},
      [](const ToolCall& call) {
        const std::string name = text_argument(call.arguments, "customer_name");
        std::optional<OrderStatus> status;
        if (call.arguments.contains("status"))
          status = managers::parse_order_status(text_argument(call.arguments, "status"));
        const auto orders = call.store.get_customer_orders(name, list_limit(call.arguments), status);
        const std::string filter = status ? " with status " + std::string(managers::to_string(*status)) : "";
        return order_list(orders, "Orders of " + name + filter + ", newest first:",
                          "No orders found for the customer name '" + name + "'" + filter +
                              ". Names must match exactly; check the spelling with the customer.");
      }};
}

ToolDefinition get_last_order() {
  return {
      "get_last_order",
      "Get a customer's most recent order",
      Role::kCustomer,
      "Return the most recent order of the customer with this customer id (e.g. \"CUST-001\"). Use it for \"where "
      "is my order?\" when you know the customer's id. Fails with not_found if the customer has no orders.",
      schemas::input_object({{"customer_id", schemas::customer_id("The customer's id, e.g. \"CUST-001\".")}},
                            {"customer_id"}),
      schemas::output_object({{"order", schemas::order()}}, {"order"}),
      {.read_only = true, .destructive = false, .idempotent = true},
      [](const ToolCall& call) {
        const std::string id = text_argument(call.arguments, "customer_id");
        const std::optional<Order> order = call.store.get_customer_last_order(id);
        if (!order)
          return failure(ErrorKind::kNotFound, "The customer id " + managers::domain::quote_input(id) +
                                                   " has no orders. Check the id, or search by name with "
                                                   "find_customer_orders.");
        return success({{"order", managers::to_json(*order)}}, managers::format_order_summary(*order));
      }};
}

ToolOutcome placed(const Order& order, bool created) {
  const std::string head = created ? "Order " + order.order_id + " was placed."
                                   : "Order " + order.order_id +
                                         " had already been placed with exactly these details (this call was a "
                                         "retry); no second order was created.";
  return success({{"order", managers::to_json(order)}, {"created", created}},
                 head + "\n\n" + managers::format_order_summary(order));
}

ToolOutcome place(const ToolCall& call) {
  json arguments = call.arguments;
  const bool generated = !arguments.contains("order_id");
  for (int attempt = 0;; ++attempt) {
    if (generated) arguments["order_id"] = generate_order_id();
    const managers::NewOrder order = managers::new_order_from_json(arguments);
    if (call.store.create_order(order)) {
      const std::optional<Order> stored = call.store.get_order(order.order_id);
      if (!stored)
        return failure(ErrorKind::kNotFound, "Order " + order.order_id +
                                                 " was placed but is no longer in the store (it was deleted "
                                                 "meanwhile).");
      call.log("place_order: placed " + order.order_id);
      return placed(*stored, true);
    }
    const std::optional<Order> existing = call.store.get_order(order.order_id);
    // A retry of a placement: the stored order holds exactly what this call asks for.
    if (existing && managers::placement_of(*existing) == order) return placed(*existing, false);
    if (generated && attempt + 1 < kGeneratedIdAttempts) continue;
    return failure(ErrorKind::kConflict, "The order_id " + managers::domain::quote_input(order.order_id) +
                                             " is already used by a different order. Leave order_id out to have a "
                                             "new id generated, or choose another id.");
  }
}

ToolDefinition place_order() {
  return {
      "place_order",
      "Place an order",
      Role::kCustomer,
      "Place a new order for a customer: the customer's id and name, the items (name, quantity, unit price) and the "
      "total. The order starts as Pending. Leave order_id out and a unique id is generated and returned. If a call "
      "fails or times out, retry with the order_id of the first attempt (or give your own order_id from the start): "
      "the same order is never placed twice; an order_id used by a different order fails with conflict. Confirm the "
      "items and the total with the customer before calling.",
      schemas::input_object(schemas::new_order_properties(),
                            {"customer_id", "customer_name", "items", "total_price"}),
      schemas::output_object({{"order", schemas::order()},
                              {"created",
                               {{"type", "boolean"},
                                {"description", "false when this call was a retry of an order already placed"}}}},
                             {"order", "created"}),
      {.read_only = false, .destructive = false, .idempotent = false},
      place};
}

ToolOutcome cancel(const ToolCall& call) {
  const std::string id = text_argument(call.arguments, "order_id");
  const std::string reason = text_argument(call.arguments, "reason");
  const std::optional<Order> order = call.store.get_order(id);
  if (!order) return order_not_found(id);
  const auto cancelled = [&](OrderStatus previous, bool changed) {
    json result = {{"order_id", id},
                   {"previous_status", std::string(managers::to_string(previous))},
                   {"status", std::string(managers::to_string(OrderStatus::CANCELLED))},
                   {"changed", changed},
                   {"reason", reason}};
    return success(std::move(result), changed ? "Order " + id + " is cancelled (it was " +
                                                    std::string(managers::to_string(previous)) + ")."
                                              : "Order " + id + " was already cancelled; nothing changed.");
  };
  if (order->status == OrderStatus::CANCELLED) return cancelled(OrderStatus::CANCELLED, false);
  if (!customer_may_cancel(order->status))
    return failure(ErrorKind::kRefused, cancellation_refusal(id, order->status));
  // The policy is checked again in the same atomic step as the write, so an order staff start
  // preparing between the read above and this call is not cancelled.
  const managers::StatusChangeResult change =
      call.store.change_order_status_from(id, customer_cancellable_statuses(), OrderStatus::CANCELLED);
  switch (change.outcome) {
    case managers::UpdateOutcome::kChanged:
    case managers::UpdateOutcome::kUnchanged:
      // The interface has no place for the reason; the operator's log keeps it.
      call.log("cancel_order: cancelled " + id + " (was " + std::string(managers::to_string(order->status)) +
               "), reason: " + managers::domain::printable(reason));
      return cancelled(order->status, change.outcome == managers::UpdateOutcome::kChanged);
    case managers::UpdateOutcome::kNotFound:
      return order_not_found(id);
    case managers::UpdateOutcome::kRefusedFinal:
    case managers::UpdateOutcome::kRefusedFrom:
      break;
  }
  return failure(ErrorKind::kRefused, cancellation_refusal(id, change.status.value_or(OrderStatus::COMPLETED)));
}

ToolDefinition cancel_order() {
  return {"cancel_order",
          "Cancel an order",
          Role::kCustomer,
          "Cancel an order at the customer's request, giving the customer's reason. Policy: only an order that is "
          "Pending or Confirmed can be cancelled; once it is Being prepared, Ready for pickup or Completed the call "
          "is refused (kind refused) with an explanation to pass on: the customer can contact the staff. "
          "Cancelling is final. Confirm with the customer before calling. Cancelling an order that is already "
          "cancelled succeeds and changes nothing.",
          schemas::input_object({{"order_id", schemas::order_id("The order's id, e.g. \"ORD-001\".")},
                                 {"reason", schemas::text("Why the customer cancels, in their words.", kMaxReasonChars)}},
                                {"order_id", "reason"}),
          schemas::output_object(
              {{"order_id", {{"type", "string"}}},
               {"previous_status", schemas::status("The status before this call.")},
               {"status", schemas::status("Cancelled.")},
               {"changed", {{"type", "boolean"}, {"description", "false if it was already cancelled"}}},
               {"reason", {{"type", "string"}}}},
              {"order_id", "previous_status", "status", "changed", "reason"}),
          {.read_only = false, .destructive = true, .idempotent = true},
          cancel};
}

ToolDefinition order_summary() {
  return {"order_summary",
          "Summarise an order",
          Role::kCustomer,
          "A short readable summary of one order (customer, status, items with prices, total, estimated ready "
          "time), ready to show the customer. Fails with not_found if there is no such order.",
          schemas::input_object({{"order_id", schemas::order_id("The order's id, e.g. \"ORD-001\".")}}, {"order_id"}),
          schemas::output_object({{"order_id", {{"type", "string"}}}, {"summary", {{"type", "string"}}}},
                                 {"order_id", "summary"}),
          {.read_only = true, .destructive = false, .idempotent = true},
          [](const ToolCall& call) {
            const std::string id = text_argument(call.arguments, "order_id");
            const std::optional<Order> order = call.store.get_order(id);
            if (!order) return order_not_found(id);
            std::string summary = managers::format_order_summary(*order);
            return success({{"order_id", id}, {"summary", summary}}, summary);
          }};
}

}  // namespace

std::vector<ToolDefinition> customer_tools() {
  return {get_order(), find_customer_orders(), get_last_order(), place_order(), cancel_order(), order_summary()};
}

}  // namespace agent
