#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>
#include <pybind11/pybind11.h>

namespace managers::python {

namespace py = pybind11;

// Python values into the JSON the domain reads (managers::new_order_from_json and the
// metadata rules), so the binding keeps no copy of a validation rule: it only maps types.
// Anything that has no JSON form throws managers::ValidationError naming `field`.

// None, bool, int, float, str, decimal.Decimal (a number), dicts with str keys, lists and
// tuples. Structures deeper than the metadata limit are cut to an empty one at the first level
// past it, so the domain's depth rule reports them (and a self-referencing dict cannot recurse
// forever).
nlohmann::json to_json_value(const py::handle& value, const std::string& field, std::size_t depth = 1);

// A money input: float -> a JSON number (Money::from_double's shortest-decimal rule),
// int -> a JSON integer, decimal.Decimal and str -> a decimal string (Money::parse, exact).
nlohmann::json to_json_money(const py::handle& value, const std::string& field);

// create_order's arguments as the JSON object new_order_from_json reads; None optionals left out.
nlohmann::json new_order_arguments(const py::object& order_id, const py::object& customer_id,
                                   const py::object& customer_name, const py::object& items,
                                   const py::object& total_price, const py::object& conversation_id,
                                   const py::object& estimated_ready_time, const py::object& metadata);

// A `limit` argument: None, or an int (not a bool). Values beyond C++ int are clamped, which
// keeps their meaning (no limit in practice / not positive) for the domain's limit rule.
std::optional<int> to_limit(const py::handle& limit);

// A text argument (an id, a name, a timestamp): a str, else ValidationError naming `field`.
std::string to_text(const py::handle& value, const std::string& field);

// A status argument as text for managers::parse_order_status (value or name, any case).
// The Python layer passes an OrderStatus member as its value.
std::string to_status_text(const py::handle& status);

// decimal.Decimal, imported once.
const py::object& decimal_class();

}  // namespace managers::python
