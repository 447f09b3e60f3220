#include "python_to_json.hpp"

#include <climits>
#include <cstdint>

#include "managers/errors.hpp"
#include "managers/limits.hpp"

namespace managers::python {

using nlohmann::json;

const py::object& decimal_class() {
  // Leaked on purpose: destroying a Python object after the interpreter has finalized
  // (static destruction at exit) would crash.
  static const py::object* const decimal = new py::object(py::module_::import("decimal").attr("Decimal"));
  return *decimal;
}

namespace {

std::string type_name(const py::handle& value) { return py::str(py::type::handle_of(value).attr("__name__")); }

// UTF-8 of a str; a str holding lone surrogates has none.
std::string utf8_text(const py::handle& value, const std::string& field) {
  Py_ssize_t size = 0;
  const char* data = PyUnicode_AsUTF8AndSize(value.ptr(), &size);
  if (data == nullptr) {
    PyErr_Clear();
    throw ValidationError(field, "must be valid Unicode text (no lone surrogates)");
  }
  return std::string(data, static_cast<std::size_t>(size));
}

json integer_json(const py::handle& value, const std::string& field) {
  int overflow = 0;
  const long long number = PyLong_AsLongLongAndOverflow(value.ptr(), &overflow);
  if (overflow == 0) return json(static_cast<std::int64_t>(number));
  if (overflow > 0) {
    const unsigned long long unsigned_number = PyLong_AsUnsignedLongLong(value.ptr());
    if (!PyErr_Occurred()) return json(static_cast<std::uint64_t>(unsigned_number));
    PyErr_Clear();
  }
  throw ValidationError(field, "is out of range");
}

// A Decimal in metadata is a number: an integer when whole, else a double.
json decimal_json(const py::handle& value, const std::string& field) {
  if (!py::bool_(value.attr("is_finite")())) throw ValidationError(field, "must be a finite number");
  const py::object integral = value.attr("to_integral_value")();
  if (py::bool_(integral.equal(value))) return integer_json(py::int_(integral), field);
  return json(py::float_(py::reinterpret_borrow<py::object>(value)).cast<double>());
}

std::string decimal_text(const py::handle& value) {
  // 'f' never uses an exponent (Decimal("1E+2") -> "100"), which Money::parse refuses;
  // NaN and Infinity stay words that Money::parse reports.
  return py::str(py::module_::import("builtins").attr("format")(value, "f"));
}

}  // namespace

json to_json_value(const py::handle& value, const std::string& field, std::size_t depth) {
  if (value.is_none()) return json(nullptr);
  if (PyBool_Check(value.ptr())) return json(value.ptr() == Py_True);
  if (PyLong_Check(value.ptr())) return integer_json(value, field);
  if (PyFloat_Check(value.ptr())) return json(PyFloat_AS_DOUBLE(value.ptr()));
  if (PyUnicode_Check(value.ptr())) return json(utf8_text(value, field));
  if (py::isinstance(value, decimal_class())) return decimal_json(value, field);
  const bool is_dict = PyDict_Check(value.ptr());
  const bool is_list = PyList_Check(value.ptr()) || PyTuple_Check(value.ptr());
  if (is_dict || is_list) {
    json result = is_dict ? json::object() : json::array();
    if (depth > limits::kMaxMetadataDepth) return result;  // the domain reports the depth
    if (is_dict) {
      for (const auto& [key, child] : py::reinterpret_borrow<py::dict>(value)) {
        if (!PyUnicode_Check(key.ptr()))
          throw ValidationError(field, "keys must be strings, not " + type_name(key));
        const std::string name = utf8_text(key, field);
        result[name] = to_json_value(child, field + "." + name, depth + 1);
      }
    } else {
      std::size_t index = 0;
      for (const py::handle child : value) {
        result.push_back(to_json_value(child, field + "[" + std::to_string(index) + "]", depth + 1));
        ++index;
      }
    }
    return result;
  }
  throw ValidationError(field, "must be JSON data (dict, list, str, int, float, bool or None), not " +
                                   type_name(value));
}

json to_json_money(const py::handle& value, const std::string& field) {
  if (PyUnicode_Check(value.ptr())) return json(utf8_text(value, field));
  if (py::isinstance(value, decimal_class())) return json(decimal_text(value));
  return to_json_value(value, field);  // float, int; anything else the domain refuses as "must be a number"
}

json new_order_arguments(const py::object& order_id, const py::object& customer_id,
                         const py::object& customer_name, const py::object& items, const py::object& total_price,
                         const py::object& conversation_id, const py::object& estimated_ready_time,
                         const py::object& metadata) {
  json arguments = json::object();
  arguments["order_id"] = to_json_value(order_id, "order_id");
  arguments["customer_id"] = to_json_value(customer_id, "customer_id");
  arguments["customer_name"] = to_json_value(customer_name, "customer_name");
  arguments["total_price"] = to_json_money(total_price, "total_price");
  if (!conversation_id.is_none()) arguments["conversation_id"] = to_json_value(conversation_id, "conversation_id");
  if (!estimated_ready_time.is_none())
    arguments["estimated_ready_time"] = to_json_value(estimated_ready_time, "estimated_ready_time");
  if (!metadata.is_none()) arguments["metadata"] = to_json_value(metadata, "metadata");

  // Items: a list (or tuple) of dicts whose unit_price is money; any other shape is passed on
  // for the domain to refuse with its own message.
  if (PyList_Check(items.ptr()) || PyTuple_Check(items.ptr())) {
    json list = json::array();
    std::size_t index = 0;
    for (const py::handle item : items) {
      const std::string prefix = "items[" + std::to_string(index) + "]";
      if (PyDict_Check(item.ptr())) {
        json entry = json::object();
        for (const auto& [key, value] : py::reinterpret_borrow<py::dict>(item)) {
          if (!PyUnicode_Check(key.ptr())) throw ValidationError(prefix, "keys must be strings, not " + type_name(key));
          const std::string name = utf8_text(key, prefix);
          entry[name] = name == "unit_price" ? to_json_money(value, prefix + "." + name)
                                             : to_json_value(value, prefix + "." + name, 2);
        }
        list.push_back(std::move(entry));
      } else {
        list.push_back(to_json_value(item, prefix, 2));
      }
      ++index;
    }
    arguments["items"] = std::move(list);
  } else {
    arguments["items"] = to_json_value(items, "items");
  }
  return arguments;
}

std::optional<int> to_limit(const py::handle& limit) {
  if (limit.is_none()) return std::nullopt;
  if (PyBool_Check(limit.ptr()) || !PyLong_Check(limit.ptr()))
    throw ValidationError("limit", "must be a whole number or None, not " + type_name(limit));
  int overflow = 0;
  const long long value = PyLong_AsLongLongAndOverflow(limit.ptr(), &overflow);
  if (overflow > 0 || value > INT_MAX) return INT_MAX;
  if (overflow < 0 || value < INT_MIN) return INT_MIN;
  return static_cast<int>(value);
}

std::string to_text(const py::handle& value, const std::string& field) {
  if (PyUnicode_Check(value.ptr())) return utf8_text(value, field);
  throw ValidationError(field, "must be a string, not " + type_name(value));
}

std::string to_status_text(const py::handle& status) {
  if (PyUnicode_Check(status.ptr())) return utf8_text(status, "status");
  throw ValidationError("status", "must be an OrderStatus, its value or its name, not " + type_name(status));
}

}  // namespace managers::python
