#include "domain/placement.hpp"

namespace managers {

namespace domain {

Order order_of_placement(const NewOrder& placement, const std::string& now) {
  Order order;
  order.order_id = placement.order_id;
  order.customer_id = placement.customer_id;
  order.customer_name = placement.customer_name;
  order.total_price = placement.total_price;
  order.status = OrderStatus::PENDING;
  order.created_at = now;
  order.updated_at = now;
  order.estimated_ready_time = placement.estimated_ready_time;
  order.conversation_id = placement.conversation_id;
  order.metadata = placement.metadata.is_null() ? nlohmann::json::object() : placement.metadata;
  for (const OrderItemInput& item : placement.items)
    order.items.push_back({item.item_name, item.quantity, item.unit_price, item.unit_price.times(item.quantity)});
  order.status_history.push_back({OrderStatus::PENDING, now});
  return order;
}

}  // namespace domain

NewOrder placement_of(const Order& order) {
  NewOrder placement;
  placement.order_id = order.order_id;
  placement.customer_id = order.customer_id;
  placement.customer_name = order.customer_name;
  for (const OrderItem& item : order.items) placement.items.push_back({item.item_name, item.quantity, item.unit_price});
  placement.total_price = order.total_price;
  placement.conversation_id = order.conversation_id;
  placement.estimated_ready_time = order.estimated_ready_time;
  placement.metadata = order.metadata;
  return placement;
}

}  // namespace managers
