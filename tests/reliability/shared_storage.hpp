#pragma once

// The storage under the race and edge suites (race_suite.cpp, edge_suite.cpp): like the conformance
// suite's make_engine_under_test(), but several managers — each with its own connection or client,
// in this process or in a forked child — can be opened over the same orders, so they race as two
// programs on one database (or table) would. Defined once per engine (sqlite_shared_storage.cpp,
// dynamodb_shared_storage.cpp) and linked with the suites into that engine's test binary.

#include <memory>
#include <string>

#include "managers/order_manager_interface.hpp"

class SharedStorage {
 public:
  virtual ~SharedStorage() = default;
  // A new manager over this storage. Safe to call in a forked child.
  virtual std::unique_ptr<managers::OrderManagerInterface> open() = 0;
  // A new manager whose retry budget for conflicting writes is as small as it gets, so that a
  // few writers on one order exhaust it (retry_budget_suite.cpp): on SQLite no wait for the write
  // lock (busy_timeout_ms = 0), on DynamoDB one attempt per versioned write and per transaction
  // (dynamodb::EngineAccess::set_conflict_attempts). Safe to call in a forked child.
  virtual std::unique_ptr<managers::OrderManagerInterface> open_impatient() = 0;
};

// The StorageError an exhausted budget throws: its backend() and code().
struct BudgetError {
  std::string backend;
  std::string code;
};
BudgetError exhausted_budget_error();
// Whether the writers of one process queue for the write instead of spending their budget on one
// another (SQLite: its ProcessWriteLock, so busy_timeout_ms = 0 still never refuses a thread of the
// process; DynamoDB: no, each client's versioned write races the others').
bool writers_of_one_process_queue();

// Fresh, empty storage for one test.
std::unique_ptr<SharedStorage> make_shared_storage();

// How many rounds a race test runs: many on a local file, fewer over HTTP to DynamoDB Local,
// so each engine's run stays within seconds.
int race_rounds();
