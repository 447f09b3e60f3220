// The admin role's tools (besides staff's): statistics and deleting an order. clear_all_orders
// is deliberately not a tool: one mistaken call by a model would erase the store.
#include <optional>
#include <string>

#include "agent/schemas.hpp"
#include "agent/tool_sets.hpp"

namespace agent {
namespace {

using nlohmann::json;

ToolOutcome statistics(const ToolCall& call) {
  const managers::OrderStatistics stats = call.store.get_order_statistics();
  std::string text = "Orders: " + std::to_string(stats.total_orders) + "\nRevenue (cancelled orders excluded): $" +
                     stats.total_revenue.to_string() + "\nCustomers: " + std::to_string(stats.unique_customers) +
                     "\nBy status:";
  if (stats.status_breakdown.empty()) text += " none";
  for (const auto& [status, count] : stats.status_breakdown) text += "\n  " + status + ": " + std::to_string(count);
  return success(managers::to_json(stats), text);
}

ToolDefinition order_statistics() {
  const json stats = schemas::statistics();
  return {"order_statistics",
          "Order statistics",
          Role::kAdmin,
          "Totals over every order in the store: the number of orders, the revenue in dollars (cancelled orders "
          "excluded), the number of distinct customers and the count per status. Takes no arguments.",
          schemas::input_object(json::object(), {}),
          schemas::output_object(stats.at("properties"),
                                 {"total_orders", "total_revenue", "status_breakdown", "unique_customers"}),
          {.read_only = true, .destructive = false, .idempotent = true},
          statistics};
}

ToolDefinition delete_order() {
  return {"delete_order",
          "Delete an order",
          Role::kAdmin,
          "Delete one order and its items permanently (for test orders or data removal requests; to stop an order, "
          "cancel it instead, which keeps the record). Cannot be undone. Fails with not_found if there is no such "
          "order.",
          schemas::input_object({{"order_id", schemas::order_id("The order's id, e.g. \"ORD-001\".")}}, {"order_id"}),
          schemas::output_object({{"order_id", {{"type", "string"}}}, {"deleted", {{"type", "boolean"}}}},
                                 {"order_id", "deleted"}),
          {.read_only = false, .destructive = true, .idempotent = true},
          [](const ToolCall& call) {
            const std::string id = text_argument(call.arguments, "order_id");
            if (!call.store.delete_order(id)) return order_not_found(id);
            call.log("delete_order: deleted " + id);
            return success({{"order_id", id}, {"deleted", true}}, "Order " + id + " is deleted.");
          }};
}

}  // namespace

std::vector<ToolDefinition> admin_tools() { return {order_statistics(), delete_order()}; }

}  // namespace agent
