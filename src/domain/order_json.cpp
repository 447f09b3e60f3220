#include <cstdint>
#include <ostream>
#include <set>
#include <stdexcept>
#include <string>

#include "domain/printable_text.hpp"
#include "domain/spec_record.hpp"
#include "domain/timestamps.hpp"
#include "domain/validation.hpp"
#include "managers/errors.hpp"
#include "managers/order.hpp"

namespace managers {
namespace {

using nlohmann::json;

json optional_text(const std::optional<std::string>& value) { return value ? json(*value) : json(nullptr); }

// Money leaves as a JSON number (the spec's float) and comes back from a number
// or a decimal string, exactly either way.
Money money_from_json(const json& value, const std::string& field) {
  if (value.is_number_integer()) {
    // Whole dollars. Beyond what Money holds (a uint64 beyond int64 included) is out of range.
    if (value.is_number_unsigned() && value.get<std::uint64_t>() > std::uint64_t{INT64_MAX})
      throw ValidationError(field, "is out of range");
    try {
      return Money::from_cents(value.get<std::int64_t>()).times(100);
    } catch (const std::overflow_error&) {
      throw ValidationError(field, "is out of range");
    }
  }
  if (value.is_number_float()) return Money::from_double(value.get<double>(), field);
  if (value.is_string()) return Money::parse(value.get<std::string>(), field);
  throw ValidationError(field, "must be a number");
}

const json& member(const json& object, const std::string& key, const std::string& prefix = "") {
  const auto found = object.find(key);
  if (found == object.end()) throw ValidationError(prefix + key, "is required");
  return *found;
}

std::string text_member(const json& object, const std::string& key, const std::string& prefix = "") {
  const json& value = member(object, key, prefix);
  if (!value.is_string()) throw ValidationError(prefix + key, "must be a string");
  return value.get<std::string>();
}

std::optional<std::string> optional_text_member(const json& object, const std::string& key) {
  const auto found = object.find(key);
  if (found == object.end() || found->is_null()) return std::nullopt;
  if (!found->is_string()) throw ValidationError(key, "must be a string or null");
  return found->get<std::string>();
}

// The items array, each entry's create_order fields read exactly; `prefix` names the entry ("items[1].").
template <typename Visit>
void for_each_item(const json& object, Visit visit) {
  const json& items = member(object, "items");
  if (!items.is_array()) throw ValidationError("items", "must be an array");
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string prefix = "items[" + std::to_string(i) + "].";
    const json& entry = items[i];
    if (!entry.is_object()) throw ValidationError("items[" + std::to_string(i) + "]", "must be an object");
    OrderItemInput item;
    item.item_name = text_member(entry, "item_name", prefix);
    const json& quantity = member(entry, "quantity", prefix);
    if (!quantity.is_number_integer()) throw ValidationError(prefix + "quantity", "must be a whole number");
    item.quantity = quantity.get<std::int64_t>();
    item.unit_price = money_from_json(member(entry, "unit_price", prefix), prefix + "unit_price");
    visit(entry, prefix, std::move(item));
  }
}

// "metadata": absent or null is an empty object; anything else is validated before the (recursive) copy.
void read_metadata(const json& object, json& metadata) {
  if (const auto found = object.find("metadata"); found != object.end() && !found->is_null()) {
    domain::validate_metadata(*found);
    metadata = *found;
  }
}

}  // namespace

json to_json(const Order& order) {
  json items = json::array();
  for (const OrderItem& item : order.items)
    items.push_back({{"item_name", item.item_name},
                     {"quantity", item.quantity},
                     {"unit_price", item.unit_price.to_double()},
                     {"subtotal", item.subtotal.to_double()}});
  json history = json::array();
  for (const StatusChange& change : order.status_history)
    history.push_back({{"status", to_string(change.status)}, {"changed_at", change.changed_at}});
  return {{"order_id", order.order_id},
          {"customer_id", order.customer_id},
          {"customer_name", order.customer_name},
          {"total_price", order.total_price.to_double()},
          {"status", to_string(order.status)},
          {"created_at", order.created_at},
          {"updated_at", order.updated_at},
          {"estimated_ready_time", optional_text(order.estimated_ready_time)},
          {"conversation_id", optional_text(order.conversation_id)},
          {"metadata", order.metadata},
          {"items", std::move(items)},
          {"status_history", std::move(history)}};
}

json to_json(const std::vector<Order>& orders) {
  json list = json::array();
  for (const Order& order : orders) list.push_back(to_json(order));
  return list;
}

json to_json(const OrderStatistics& statistics) {
  json breakdown = json::object();
  for (const auto& [status, count] : statistics.status_breakdown) breakdown[status] = count;
  return {{"total_orders", statistics.total_orders},
          {"total_revenue", statistics.total_revenue.to_double()},
          {"status_breakdown", std::move(breakdown)},
          {"unique_customers", statistics.unique_customers}};
}

std::ostream& operator<<(std::ostream& out, const Order& order) { return out << to_json(order).dump(); }

std::ostream& operator<<(std::ostream& out, const OrderStatistics& statistics) {
  return out << to_json(statistics).dump();
}

Order order_from_json(const json& object) {
  if (!object.is_object()) throw ValidationError("order", "must be a JSON object");
  Order order;
  order.order_id = text_member(object, "order_id");
  order.customer_id = text_member(object, "customer_id");
  order.customer_name = text_member(object, "customer_name");
  order.total_price = money_from_json(member(object, "total_price"), "total_price");
  order.status = parse_order_status(text_member(object, "status"));
  // Any ISO-8601 form is accepted and stored as UTC (see docs: import); sorting needs one form.
  order.created_at = domain::to_stored_timestamp(text_member(object, "created_at"));
  order.updated_at = domain::to_stored_timestamp(text_member(object, "updated_at"));
  order.estimated_ready_time = optional_text_member(object, "estimated_ready_time");
  order.conversation_id = optional_text_member(object, "conversation_id");
  read_metadata(object, order.metadata);
  for_each_item(object, [&order](const json& entry, const std::string& prefix, OrderItemInput item) {
    const Money subtotal = money_from_json(member(entry, "subtotal", prefix), prefix + "subtotal");
    order.items.push_back({std::move(item.item_name), item.quantity, item.unit_price, subtotal});
  });

  if (const auto history = object.find("status_history"); history != object.end() && !history->is_null()) {
    if (!history->is_array()) throw ValidationError("status_history", "must be an array");
    for (std::size_t i = 0; i < history->size(); ++i) {
      const std::string prefix = "status_history[" + std::to_string(i) + "].";
      const json& entry = (*history)[i];
      if (!entry.is_object()) throw ValidationError("status_history[" + std::to_string(i) + "]", "must be an object");
      order.status_history.push_back(
          {parse_order_status(text_member(entry, "status", prefix), prefix + "status"),
           domain::to_stored_timestamp(text_member(entry, "changed_at", prefix))});
    }
  } else {
    // Records without a history (the spec's structure): derived, as for DynamoDB items.
    order.status_history = domain::history_of_record_without_one(order.status, order.created_at);
  }
  return order;
}

NewOrder new_order_from_json(const json& object) {
  if (!object.is_object()) throw ValidationError("order", "must be a JSON object");
  static const std::set<std::string> known = {"order_id",    "customer_id",     "customer_name",
                                              "items",       "total_price",     "conversation_id",
                                              "estimated_ready_time", "metadata"};
  for (const auto& [key, value] : object.items())
    if (!known.contains(key))
      throw ValidationError(domain::quote_input(key), "is not a create_order argument (accepted: order_id, "
                                                      "customer_id, customer_name, items, total_price, "
                                                      "conversation_id, estimated_ready_time, metadata)");
  NewOrder order;
  order.order_id = text_member(object, "order_id");
  order.customer_id = text_member(object, "customer_id");
  order.customer_name = text_member(object, "customer_name");
  order.total_price = money_from_json(member(object, "total_price"), "total_price");
  order.conversation_id = optional_text_member(object, "conversation_id");
  order.estimated_ready_time = optional_text_member(object, "estimated_ready_time");
  read_metadata(object, order.metadata);
  for_each_item(object, [&order](const json&, const std::string&, OrderItemInput item) {
    order.items.push_back(std::move(item));
  });
  return order;
}

}  // namespace managers
