#include "error_translation.hpp"

#include <exception>

#include <pybind11/pybind11.h>

#include "managers/errors.hpp"

namespace managers::python {

namespace py = pybind11;

namespace {

// Sets the Python error `name` of managers.errors, built from `args`. The classes are
// looked up on each error (not cached) so nothing Python outlives the interpreter.
template <typename... Args>
void raise_package_error(const char* name, Args&&... args) {
  try {
    const py::object type = py::module_::import("managers.errors").attr(name);
    const py::object error = type(std::forward<Args>(args)...);
    PyErr_SetObject(type.ptr(), error.ptr());
  } catch (py::error_already_set& failure) {
    failure.restore();  // the package itself is broken: report that instead
  }
}

void translate(std::exception_ptr thrown) {
  try {
    if (thrown) std::rethrow_exception(thrown);
  } catch (const ValidationError& error) {
    raise_package_error("ValidationError", error.what(), error.field(), error.rule());
  } catch (const StorageError& error) {
    raise_package_error("StorageError", error.what(), error.backend(), error.code(), error.backend_message());
  } catch (const ConfigurationError& error) {
    raise_package_error("ConfigurationError", error.what());
  } catch (const OrderManagerError& error) {
    raise_package_error("OrderManagerError", error.what());
  }
}

}  // namespace

void register_error_translation() { py::register_exception_translator(&translate); }

}  // namespace managers::python
