#pragma once

// The storage under the race and edge suites (race_suite.cpp, edge_suite.cpp): like the conformance
// suite's make_engine_under_test(), but several managers — each with its own connection or client,
// in this process or in a forked child — can be opened over the same orders, so they race as two
// programs on one database (or table) would. Defined once per engine (sqlite_shared_storage.cpp,
// dynamodb_shared_storage.cpp) and linked with the suites into that engine's test binary.

#include <memory>

#include "managers/order_manager_interface.hpp"

class SharedStorage {
 public:
  virtual ~SharedStorage() = default;
  // A new manager over this storage. Safe to call in a forked child.
  virtual std::unique_ptr<managers::OrderManagerInterface> open() = 0;
};

// Fresh, empty storage for one test.
std::unique_ptr<SharedStorage> make_shared_storage();

// How many rounds a race test runs: many on a local file, fewer over HTTP to DynamoDB Local,
// so each engine's run stays within seconds.
int race_rounds();
