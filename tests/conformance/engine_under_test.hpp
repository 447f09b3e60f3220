#pragma once

#include <memory>

#include "managers/order_manager_interface.hpp"

// Defined once per engine (sqlite_engine.cpp, dynamodb_engine.cpp, ...) and
// linked with conformance_suite.cpp into that engine's test binary. Each call
// returns a fresh manager over empty storage, owned by the caller; whatever the
// storage needs (a temporary file, a local server) it keeps alive itself.
std::unique_ptr<managers::OrderManagerInterface> make_engine_under_test();
