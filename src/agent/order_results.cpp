// The results several tools share: an order that is not there, a list of orders, the list limit.
#include <string>
#include <vector>

#include "agent/schemas.hpp"
#include "agent/tool_sets.hpp"
#include "domain/printable_text.hpp"

namespace agent {

using managers::Order;
using nlohmann::json;

ToolOutcome order_not_found(const std::string& order_id) {
  return failure(ErrorKind::kNotFound, "No order has the id " + managers::domain::quote_input(order_id) +
                                           ". Check the id with the customer, or look their orders up with "
                                           "find_customer_orders.");
}

ToolOutcome order_list(const std::vector<Order>& orders, const std::string& heading, const std::string& when_empty) {
  if (orders.empty()) return success({{"orders", json::array()}, {"count", 0}}, when_empty);
  std::string text = heading;
  for (const Order& order : orders) text += "\n\n" + managers::format_order_summary(order);
  return success({{"orders", managers::to_json(orders)}, {"count", orders.size()}}, text);
}

int list_limit(const json& arguments) {
  const auto limit = arguments.find("limit");
  return limit == arguments.end() ? schemas::kDefaultListLimit : limit->get<int>();
}

}  // namespace agent
