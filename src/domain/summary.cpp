#include "managers/order.hpp"

namespace managers {

std::string format_order_summary(const Order& order) {
  std::string text;
  text += "ORDER #" + order.order_id + "\n";
  text += "Customer: " + order.customer_name + " (ID: " + order.customer_id + ")\n";
  text += "Status: " + std::string(to_string(order.status)) + "\n";
  text += "Created: " + order.created_at + "\n";
  text += "Items:\n";
  for (const OrderItem& item : order.items)
    text += "  - " + item.item_name + " x" + std::to_string(item.quantity) + " @ $" + item.unit_price.to_string() +
            " = $" + item.subtotal.to_string() + "\n";
  text += "Total: $" + order.total_price.to_string();
  if (order.estimated_ready_time) text += "\nEstimated Ready: " + *order.estimated_ready_time;
  return text;
}

}  // namespace managers
