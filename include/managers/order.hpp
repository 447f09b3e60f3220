#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "managers/money.hpp"
#include "managers/order_status.hpp"

namespace managers {

// One line of an order as the caller gives it to create_order: the spec's
// {"item_name": str, "quantity": int, "unit_price": float}.
struct OrderItemInput {
  std::string item_name;
  std::int64_t quantity = 0;
  Money unit_price;

  friend bool operator==(const OrderItemInput&, const OrderItemInput&) = default;
};

// One line of a stored order; `subtotal` is unit_price x quantity, computed once
// when the order is created.
struct OrderItem {
  std::string item_name;
  std::int64_t quantity = 0;
  Money unit_price;
  Money subtotal;

  friend bool operator==(const OrderItem&, const OrderItem&) = default;
};

// One entry of an order's status history: the status it entered and when (UTC).
struct StatusChange {
  OrderStatus status = OrderStatus::PENDING;
  std::string changed_at;

  friend bool operator==(const StatusChange&, const StatusChange&) = default;
};

// Everything create_order takes, for callers that prefer one value to eight
// arguments (and for language bindings).
struct NewOrder {
  std::string order_id;
  std::string customer_id;
  std::string customer_name;
  std::vector<OrderItemInput> items;
  Money total_price;
  std::optional<std::string> conversation_id;
  std::optional<std::string> estimated_ready_time;  // ISO-8601, as given
  nlohmann::json metadata = nlohmann::json::object();

  friend bool operator==(const NewOrder&, const NewOrder&) = default;
};

// The spec's "Order Record". Timestamps are UTC ISO-8601 with microseconds and a
// Z suffix ("2026-11-25T08:35:10.123456Z"), so they sort as text.
// `total_price` is the caller's figure and may differ from the sum of subtotals.
struct Order {
  std::string order_id;
  std::string customer_id;
  std::string customer_name;
  Money total_price;
  OrderStatus status = OrderStatus::PENDING;
  std::string created_at;
  std::string updated_at;
  std::optional<std::string> estimated_ready_time;
  std::optional<std::string> conversation_id;
  nlohmann::json metadata = nlohmann::json::object();  // always a JSON object
  std::vector<OrderItem> items;
  std::vector<StatusChange> status_history;  // oldest first; starts with PENDING at created_at

  friend bool operator==(const Order&, const Order&) = default;
};

// The create_order arguments that made `order` (what a retry of that call would pass), so a
// caller can tell a retried placement from a different order under the same id with ==.
NewOrder placement_of(const Order& order);

// The spec's statistics. `total_revenue` excludes CANCELLED orders (money never
// taken); `status_breakdown` maps a status value ("Pending") to its count and
// lists only statuses that have orders; `unique_customers` counts distinct customer ids.
struct OrderStatistics {
  std::int64_t total_orders = 0;
  Money total_revenue;
  std::vector<std::pair<std::string, std::int64_t>> status_breakdown;  // in OrderStatus order
  std::int64_t unique_customers = 0;

  friend bool operator==(const OrderStatistics&, const OrderStatistics&) = default;
};

// The JSON form is exactly the spec's data structure (money as JSON numbers,
// absent optionals as null), plus "status_history": [{"status", "changed_at"}].
nlohmann::json to_json(const Order& order);
nlohmann::json to_json(const std::vector<Order>& orders);
nlohmann::json to_json(const OrderStatistics& statistics);
// Writes the JSON form (one line): for logs, and so a failed test comparison shows the figures.
std::ostream& operator<<(std::ostream& out, const Order& order);
std::ostream& operator<<(std::ostream& out, const OrderStatistics& statistics);
// The inverse of to_json(Order), for import. Throws ValidationError naming the
// field for anything missing or malformed; does not apply the creation rules.
Order order_from_json(const nlohmann::json& json);
// The create_order arguments as one JSON object (the spec's names: order_id, customer_id,
// customer_name, items [{item_name, quantity, unit_price}], total_price, and the optional
// conversation_id, estimated_ready_time, metadata), for the JSON ways in (HTTP, agent tools).
// Money may be a number or a decimal string. Unknown members are refused, naming them.
// Throws ValidationError naming the field; create_order applies the creation rules.
NewOrder new_order_from_json(const nlohmann::json& json);

// The spec's readable summary of one order (what format_order_summary returns for it):
//   ORDER #ORD-001
//   Customer: John Doe (ID: CUST-001)
//   Status: Pending
//   Created: 2026-11-25T08:35:10.123456Z
//   Items:
//     - Coffee x2 @ $3.50 = $7.00
//   Total: $16.99
//   Estimated Ready: 2024-11-22T15:30:00      (only when set)
std::string format_order_summary(const Order& order);

}  // namespace managers
