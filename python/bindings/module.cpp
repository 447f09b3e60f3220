// managers._core: the C++ order managers for the Python package `managers` (python/managers/).
// The pure-Python layer holds the spec's names, signatures and docstrings; this module holds
// one class, Engine (engine.hpp), and the factory that builds it through the C++ factory.
#include <memory>
#include <optional>
#include <string>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "engine.hpp"
#include "error_translation.hpp"
#include "managers/order_manager.hpp"
#include "managers/order_manager_dynamodb.hpp"
#include "managers/order_manager_factory.hpp"
#include "python_to_json.hpp"
#include "timing.hpp"

namespace py = pybind11;

namespace managers::python {
namespace {

MoneyOutput money_output(bool decimal_money) { return decimal_money ? MoneyOutput::kDecimal : MoneyOutput::kFloat; }

OrderManagerConfig config_from(const std::optional<std::string>& db_path, const std::optional<std::string>& table_name,
                               const std::optional<std::string>& region) {
  OrderManagerConfig config;
  config.db_path = db_path;
  config.table_name = table_name;
  config.region = region;
  return config;
}

// OrderManagerFactory::create: `manager_type` is "sqlite" or "dynamodb" (any case).
Engine create(const std::string& manager_type, const std::optional<std::string>& db_path,
              const std::optional<std::string>& table_name, const std::optional<std::string>& region,
              bool decimal_money) {
  const OrderManagerType type = parse_order_manager_type(manager_type, "manager_type");
  const OrderManagerConfig config = config_from(db_path, table_name, region);
  std::unique_ptr<OrderManagerInterface> manager;
  {
    py::gil_scoped_release release;  // opening a SQLite file touches storage
    manager = OrderManagerFactory::create(type, config);
  }
  return Engine(std::move(manager), money_output(decimal_money));
}

// OrderManagerFactory::create_from_env: ORDER_MANAGER_TYPE, ORDER_DB_PATH, ORDER_TABLE_NAME
// fill what is not given here.
Engine create_from_env(const std::optional<std::string>& db_path, const std::optional<std::string>& table_name,
                       const std::optional<std::string>& region, bool decimal_money) {
  const OrderManagerConfig config = config_from(db_path, table_name, region);
  std::unique_ptr<OrderManagerInterface> manager;
  {
    py::gil_scoped_release release;
    manager = OrderManagerFactory::create_from_env(config);
  }
  return Engine(std::move(manager), money_output(decimal_money));
}

// Where the engine keeps its orders: {"backend", "db_path"} or {"backend", "table_name", "region"}.
py::dict location(Engine& engine) {
  py::dict result;
  result["backend"] = engine.backend_name();
  for (const auto& [field, value] : engine.manager().location()) result[py::str(field)] = value;
  return result;
}

}  // namespace
}  // namespace managers::python

PYBIND11_MODULE(_core, module) {
  using managers::python::Engine;
  module.doc() = "The C++ order managers behind the Python package `managers` (use `managers`, not this).";
  managers::python::register_error_translation();

  py::class_<Engine>(module, "Engine", "One order manager engine (SQLite or DynamoDB).")
      .def("create_order", &Engine::create_order, py::arg("order_id"), py::arg("customer_id"),
           py::arg("customer_name"), py::arg("items"), py::arg("total_price"), py::arg("conversation_id"),
           py::arg("estimated_ready_time"), py::arg("metadata"))
      .def("get_order", &Engine::get_order, py::arg("order_id"))
      .def("get_customer_orders", &Engine::get_customer_orders, py::arg("customer_name"), py::arg("limit"),
           py::arg("status"))
      .def("get_customer_last_order", &Engine::get_customer_last_order, py::arg("customer_id"))
      .def("update_order_status", &Engine::update_order_status, py::arg("order_id"), py::arg("status"))
      .def("update_order_ready_time", &Engine::update_order_ready_time, py::arg("order_id"),
           py::arg("estimated_ready_time"))
      .def("get_orders_by_status", &Engine::get_orders_by_status, py::arg("status"), py::arg("limit"))
      .def("get_order_statistics", &Engine::get_order_statistics)
      .def("delete_order", &Engine::delete_order, py::arg("order_id"))
      .def("clear_all_orders", &Engine::clear_all_orders)
      .def("format_order_summary", &Engine::format_order_summary, py::arg("order_id"))
      .def("get_order_json", &Engine::get_order_json, py::arg("order_id"))
      .def("location", &managers::python::location)
      .def_property_readonly("backend_name", &Engine::backend_name)
      .def_property_readonly("decimal_money", [](const Engine& engine) {
        return engine.money_output() == managers::python::MoneyOutput::kDecimal;
      });

  // The defaults of the C++ library (written once there), for the Python signatures.
  module.attr("DEFAULT_DB_PATH") = managers::kDefaultDbPath;
  module.attr("DEFAULT_TABLE_NAME") = managers::kDefaultTableName;

  module.def("create", &managers::python::create, py::arg("manager_type"), py::arg("db_path") = py::none(),
             py::arg("table_name") = py::none(), py::arg("region") = py::none(), py::arg("decimal_money") = false);
  module.def("create_from_env", &managers::python::create_from_env, py::arg("db_path") = py::none(),
             py::arg("table_name") = py::none(), py::arg("region") = py::none(), py::arg("decimal_money") = false);
  managers::python::define_timing(module);
}
