#pragma once

#include <pybind11/pybind11.h>

namespace managers::python {

// `managers._core.timing`: the C++ side of python/bench/bench_binding.py. The same calls the
// Python methods make, timed in a C++ loop in the same process and on the same engine, so the
// benchmark can state what the binding itself costs.
void define_timing(pybind11::module_& core);

}  // namespace managers::python
