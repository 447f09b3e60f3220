#include "engine.hpp"

#include <utility>

#include "managers/order.hpp"
#include "managers/order_status.hpp"
#include "order_to_python.hpp"
#include "python_to_json.hpp"

namespace managers::python {

namespace {

// Runs `call` (a C++ call that touches storage or the network) with the GIL released.
// Nothing inside may touch a Python object.
template <typename Call>
auto without_gil(Call&& call) {
  py::gil_scoped_release release;
  return std::forward<Call>(call)();
}

std::optional<OrderStatus> optional_status(const py::object& status) {
  if (status.is_none()) return std::nullopt;
  return parse_order_status(to_status_text(status));
}

}  // namespace

Engine::Engine(std::unique_ptr<OrderManagerInterface> manager, MoneyOutput money_output)
    : manager_(std::move(manager)), money_output_(money_output) {}

bool Engine::create_order(const py::object& order_id, const py::object& customer_id, const py::object& customer_name,
                          const py::object& items, const py::object& total_price, const py::object& conversation_id,
                          const py::object& estimated_ready_time, const py::object& metadata) {
  const NewOrder order = new_order_from_json(new_order_arguments(
      order_id, customer_id, customer_name, items, total_price, conversation_id, estimated_ready_time, metadata));
  return without_gil([&] { return manager_->create_order(order); });
}

py::object Engine::get_order(const py::object& order_id) {
  const std::string id = to_text(order_id, "order_id");
  const std::optional<Order> order = without_gil([&] { return manager_->get_order(id); });
  return optional_order_to_python(order, money_output_);
}

py::list Engine::get_customer_orders(const py::object& customer_name, const py::object& limit,
                                     const py::object& status) {
  const std::string name = to_text(customer_name, "customer_name");
  const std::optional<int> max_orders = to_limit(limit);
  const std::optional<OrderStatus> status_filter = optional_status(status);
  const std::vector<Order> orders =
      without_gil([&] { return manager_->get_customer_orders(name, max_orders, status_filter); });
  return orders_to_python(orders, money_output_);
}

py::object Engine::get_customer_last_order(const py::object& customer_id) {
  const std::string id = to_text(customer_id, "customer_id");
  const std::optional<Order> order = without_gil([&] { return manager_->get_customer_last_order(id); });
  return optional_order_to_python(order, money_output_);
}

bool Engine::update_order_status(const py::object& order_id, const py::object& status) {
  const std::string id = to_text(order_id, "order_id");
  const OrderStatus new_status = parse_order_status(to_status_text(status));
  return without_gil([&] { return manager_->update_order_status(id, new_status); });
}

bool Engine::update_order_ready_time(const py::object& order_id, const py::object& estimated_ready_time) {
  const std::string id = to_text(order_id, "order_id");
  const std::string ready_time = to_text(estimated_ready_time, "estimated_ready_time");
  return without_gil([&] { return manager_->update_order_ready_time(id, ready_time); });
}

py::list Engine::get_orders_by_status(const py::object& status, const py::object& limit) {
  const OrderStatus wanted = parse_order_status(to_status_text(status));
  const std::optional<int> max_orders = to_limit(limit);
  const std::vector<Order> orders = without_gil([&] { return manager_->get_orders_by_status(wanted, max_orders); });
  return orders_to_python(orders, money_output_);
}

py::dict Engine::get_order_statistics() {
  const OrderStatistics statistics = without_gil([&] { return manager_->get_order_statistics(); });
  return statistics_to_python(statistics, money_output_);
}

bool Engine::delete_order(const py::object& order_id) {
  const std::string id = to_text(order_id, "order_id");
  return without_gil([&] { return manager_->delete_order(id); });
}

void Engine::clear_all_orders() {
  without_gil([&] { manager_->clear_all_orders(); });
}

std::string Engine::format_order_summary(const py::object& order_id) {
  const std::string id = to_text(order_id, "order_id");
  return without_gil([&] { return manager_->format_order_summary(id); });
}

py::object Engine::get_order_json(const py::object& order_id) {
  const std::string id = to_text(order_id, "order_id");
  const std::optional<Order> order = without_gil([&] { return manager_->get_order(id); });
  if (!order) return py::none();
  return py::str(to_json(*order).dump());
}

}  // namespace managers::python
