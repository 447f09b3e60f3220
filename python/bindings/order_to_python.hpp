#pragma once

#include <optional>
#include <vector>

#include <nlohmann/json.hpp>
#include <pybind11/pybind11.h>

#include "engine.hpp"
#include "managers/money.hpp"
#include "managers/order.hpp"

namespace managers::python {

namespace py = pybind11;

// Money as the caller asked: float(cents / 100) — the double nearest the exact amount, so
// 30 cents is 0.3 — or decimal.Decimal("0.30"), exact.
py::object money_to_python(Money money, MoneyOutput output);

// A JSON value (metadata) as plain Python: dict, list, str, int, float, bool, None.
py::object json_to_python(const nlohmann::json& value);

// The spec's "Order Record" as a dict, in the spec's key order, plus "status_history"
// ([{"status", "changed_at"}]): the same keys and values as managers::to_json(Order),
// with money as `output` says.
py::dict order_to_python(const Order& order, MoneyOutput output);
py::object optional_order_to_python(const std::optional<Order>& order, MoneyOutput output);
py::list orders_to_python(const std::vector<Order>& orders, MoneyOutput output);

// The spec's statistics dict: total_orders, total_revenue, status_breakdown, unique_customers.
py::dict statistics_to_python(const OrderStatistics& statistics, MoneyOutput output);

}  // namespace managers::python
