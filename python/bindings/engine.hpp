#pragma once

#include <memory>
#include <string>

#include <pybind11/pybind11.h>

#include "managers/order_manager_interface.hpp"

namespace managers::python {

namespace py = pybind11;

// How money leaves the binding: the spec's float (the default) or an exact decimal.Decimal.
enum class MoneyOutput { kFloat, kDecimal };

// One storage engine as the Python package sees it: the spec's 11 methods taking Python
// values. Arguments are converted while the GIL is held; the C++ call that touches storage
// runs with the GIL released, so Python threads sharing one Engine run in parallel (the
// engines are thread-safe). Results are converted back after the GIL is re-acquired.
class Engine {
 public:
  Engine(std::unique_ptr<OrderManagerInterface> manager, MoneyOutput money_output);

  bool create_order(const py::object& order_id, const py::object& customer_id, const py::object& customer_name,
                    const py::object& items, const py::object& total_price, const py::object& conversation_id,
                    const py::object& estimated_ready_time, const py::object& metadata);
  py::object get_order(const py::object& order_id);
  py::list get_customer_orders(const py::object& customer_name, const py::object& limit, const py::object& status);
  py::object get_customer_last_order(const py::object& customer_id);
  bool update_order_status(const py::object& order_id, const py::object& status);
  bool update_order_ready_time(const py::object& order_id, const py::object& estimated_ready_time);
  py::list get_orders_by_status(const py::object& status, const py::object& limit);
  py::dict get_order_statistics();
  bool delete_order(const py::object& order_id);
  void clear_all_orders();
  std::string format_order_summary(const py::object& order_id);

  // The C++ JSON form of the order (managers::to_json) as text, or None: the one copy of the
  // record's shape, which the dicts above mirror (the tests compare them).
  py::object get_order_json(const py::object& order_id);

  std::string backend_name() const { return manager_->backend_name(); }
  MoneyOutput money_output() const { return money_output_; }
  OrderManagerInterface& manager() { return *manager_; }

 private:
  std::unique_ptr<OrderManagerInterface> manager_;
  MoneyOutput money_output_;
};

}  // namespace managers::python
