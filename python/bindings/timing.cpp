#include "timing.hpp"

#include <chrono>
#include <string>
#include <vector>

#include <pybind11/stl.h>

#include "engine.hpp"
#include "managers/order.hpp"

namespace managers::python {

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// get_order for each id in turn; returns the seconds taken (results checked, not kept).
double time_get_order(Engine& engine, const std::vector<std::string>& order_ids) {
  py::gil_scoped_release release;
  OrderManagerInterface& manager = engine.manager();
  std::size_t found = 0;
  const auto start = std::chrono::steady_clock::now();
  for (const std::string& id : order_ids) found += manager.get_order(id).has_value() ? 1 : 0;
  const double seconds = seconds_since(start);
  if (found != order_ids.size()) throw std::runtime_error("time_get_order: an order was missing");
  return seconds;
}

// create_order of `count` orders "<prefix><n>" shaped like the benchmark's Python ones (two
// items); returns the seconds taken.
double time_create_order(Engine& engine, const std::string& prefix, int count) {
  py::gil_scoped_release release;
  OrderManagerInterface& manager = engine.manager();
  const auto start = std::chrono::steady_clock::now();
  for (int n = 0; n < count; ++n) {
    NewOrder order;
    order.order_id = prefix + std::to_string(n);
    order.customer_id = "CUST-" + std::to_string(n % 100);
    order.customer_name = "Customer " + std::to_string(n % 100);
    order.items = {{"Coffee", 2, Money::from_cents(350)}, {"Sandwich", 1, Money::from_cents(899)}};
    order.total_price = Money::from_cents(1599);
    order.metadata = {{"table", "5"}};
    if (!manager.create_order(order)) throw std::runtime_error("time_create_order: " + order.order_id + " exists");
  }
  return seconds_since(start);
}

}  // namespace

void define_timing(py::module_& core) {
  py::module_ timing = core.def_submodule("timing", "Benchmark support: the same calls timed in a C++ loop.");
  timing.def("time_get_order", &time_get_order, py::arg("engine"), py::arg("order_ids"));
  timing.def("time_create_order", &time_create_order, py::arg("engine"), py::arg("prefix"), py::arg("count"));
}

}  // namespace managers::python
