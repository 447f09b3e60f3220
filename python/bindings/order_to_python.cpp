#include "order_to_python.hpp"

#include <array>

#include "managers/order_status.hpp"
#include "python_to_json.hpp"

namespace managers::python {

namespace {

// The record's keys and the status values as Python strings made once (and interned), so
// building a dict allocates no key: most of the binding's cost per order is these dicts.
// Leaked on purpose, like decimal_class().
struct Names {
  py::str order_id{"order_id"}, customer_id{"customer_id"}, customer_name{"customer_name"},
      total_price{"total_price"}, status{"status"}, created_at{"created_at"}, updated_at{"updated_at"},
      estimated_ready_time{"estimated_ready_time"}, conversation_id{"conversation_id"}, metadata{"metadata"},
      items{"items"}, status_history{"status_history"}, item_name{"item_name"}, quantity{"quantity"},
      unit_price{"unit_price"}, subtotal{"subtotal"}, changed_at{"changed_at"}, total_orders{"total_orders"},
      total_revenue{"total_revenue"}, status_breakdown{"status_breakdown"}, unique_customers{"unique_customers"};
  std::array<py::str, kAllOrderStatuses.size()> status_values;

  Names() {
    for (std::size_t i = 0; i < kAllOrderStatuses.size(); ++i)
      status_values[i] = py::str(std::string(to_string(kAllOrderStatuses[i])));
    for (py::str* name : {&order_id, &customer_id, &customer_name, &total_price, &status, &created_at, &updated_at,
                          &estimated_ready_time, &conversation_id, &metadata, &items, &status_history, &item_name,
                          &quantity, &unit_price, &subtotal, &changed_at})
      PyUnicode_InternInPlace(&name->ptr());
  }
  const py::str& status_value(OrderStatus value) const { return status_values[static_cast<std::size_t>(value)]; }
};

const Names& names() {
  static const Names* const instance = new Names();
  return *instance;
}

// dict[key] = value without pybind11's accessor (no temporary key object, no extra lookups).
void set(py::dict& dict, const py::handle& key, const py::handle& value) {
  if (PyDict_SetItem(dict.ptr(), key.ptr(), value.ptr()) != 0) throw py::error_already_set();
}

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
  const Names& key = names();
  py::list items(order.items.size());
  for (std::size_t i = 0; i < order.items.size(); ++i) {
    const OrderItem& item = order.items[i];
    py::dict entry;
    set(entry, key.item_name, py::str(item.item_name));
    set(entry, key.quantity, py::int_(item.quantity));
    set(entry, key.unit_price, money_to_python(item.unit_price, output));
    set(entry, key.subtotal, money_to_python(item.subtotal, output));
    items[i] = std::move(entry);
  }
  py::list history(order.status_history.size());
  for (std::size_t i = 0; i < order.status_history.size(); ++i) {
    py::dict entry;
    set(entry, key.status, key.status_value(order.status_history[i].status));
    set(entry, key.changed_at, py::str(order.status_history[i].changed_at));
    history[i] = std::move(entry);
  }
  py::dict record;
  set(record, key.order_id, py::str(order.order_id));
  set(record, key.customer_id, py::str(order.customer_id));
  set(record, key.customer_name, py::str(order.customer_name));
  set(record, key.total_price, money_to_python(order.total_price, output));
  set(record, key.status, key.status_value(order.status));
  set(record, key.created_at, py::str(order.created_at));
  set(record, key.updated_at, py::str(order.updated_at));
  set(record, key.estimated_ready_time, optional_text(order.estimated_ready_time));
  set(record, key.conversation_id, optional_text(order.conversation_id));
  set(record, key.metadata, json_to_python(order.metadata));
  set(record, key.items, items);
  set(record, key.status_history, history);
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
  const Names& key = names();
  py::dict result;
  set(result, key.total_orders, py::int_(statistics.total_orders));
  set(result, key.total_revenue, money_to_python(statistics.total_revenue, output));
  set(result, key.status_breakdown, breakdown);
  set(result, key.unique_customers, py::int_(statistics.unique_customers));
  return result;
}

}  // namespace managers::python
