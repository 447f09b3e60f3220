#include "order_to_python.hpp"

#include "python_to_json.hpp"

namespace managers::python {

namespace {

py::object optional_text(const std::optional<std::string>& text) {
  return text ? py::object(py::str(*text)) : py::object(py::none());
}

}  // namespace

py::object money_to_python(Money money, MoneyOutput output) {
  if (output == MoneyOutput::kDecimal) return decimal_class()(money.to_string());
  return py::float_(money.to_double());
}

py::object json_to_python(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null:
      return py::none();
    case nlohmann::json::value_t::boolean:
      return py::bool_(value.get<bool>());
    case nlohmann::json::value_t::number_integer:
      return py::int_(value.get<std::int64_t>());
    case nlohmann::json::value_t::number_unsigned:
      return py::int_(value.get<std::uint64_t>());
    case nlohmann::json::value_t::number_float:
      return py::float_(value.get<double>());
    case nlohmann::json::value_t::string:
      return py::str(value.get_ref<const std::string&>());
    case nlohmann::json::value_t::array: {
      py::list list;
      for (const auto& element : value) list.append(json_to_python(element));
      return list;
    }
    case nlohmann::json::value_t::object: {
      py::dict dict;
      for (const auto& [key, element] : value.items()) dict[py::str(key)] = json_to_python(element);
      return dict;
    }
    case nlohmann::json::value_t::binary:
    case nlohmann::json::value_t::discarded:
      break;
  }
  return py::none();  // metadata never holds binary or discarded values
}

py::dict order_to_python(const Order& order, MoneyOutput output) {
  py::list items;
  for (const OrderItem& item : order.items) {
    py::dict entry;
    entry["item_name"] = py::str(item.item_name);
    entry["quantity"] = py::int_(item.quantity);
    entry["unit_price"] = money_to_python(item.unit_price, output);
    entry["subtotal"] = money_to_python(item.subtotal, output);
    items.append(std::move(entry));
  }
  py::list history;
  for (const StatusChange& change : order.status_history) {
    py::dict entry;
    entry["status"] = py::str(std::string(to_string(change.status)));
    entry["changed_at"] = py::str(change.changed_at);
    history.append(std::move(entry));
  }
  py::dict record;
  record["order_id"] = py::str(order.order_id);
  record["customer_id"] = py::str(order.customer_id);
  record["customer_name"] = py::str(order.customer_name);
  record["total_price"] = money_to_python(order.total_price, output);
  record["status"] = py::str(std::string(to_string(order.status)));
  record["created_at"] = py::str(order.created_at);
  record["updated_at"] = py::str(order.updated_at);
  record["estimated_ready_time"] = optional_text(order.estimated_ready_time);
  record["conversation_id"] = optional_text(order.conversation_id);
  record["metadata"] = json_to_python(order.metadata);
  record["items"] = std::move(items);
  record["status_history"] = std::move(history);
  return record;
}

py::object optional_order_to_python(const std::optional<Order>& order, MoneyOutput output) {
  return order ? py::object(order_to_python(*order, output)) : py::object(py::none());
}

py::list orders_to_python(const std::vector<Order>& orders, MoneyOutput output) {
  py::list list;
  for (const Order& order : orders) list.append(order_to_python(order, output));
  return list;
}

py::dict statistics_to_python(const OrderStatistics& statistics, MoneyOutput output) {
  py::dict breakdown;
  for (const auto& [status, count] : statistics.status_breakdown) breakdown[py::str(status)] = py::int_(count);
  py::dict result;
  result["total_orders"] = py::int_(statistics.total_orders);
  result["total_revenue"] = money_to_python(statistics.total_revenue, output);
  result["status_breakdown"] = std::move(breakdown);
  result["unique_customers"] = py::int_(statistics.unique_customers);
  return result;
}

}  // namespace managers::python
