// The SQLite engine under the conformance suite: a new database file per test.

#include <atomic>
#include <string>

#include "conformance/engine_under_test.hpp"
#include "managers/order_manager.hpp"
#include "support/temp_dir.hpp"

namespace {

// One folder for the whole run, removed when the process exits (after every
// test's manager has been destroyed).
testing_support::TempDir& run_directory() {
  static testing_support::TempDir directory;
  return directory;
}

}  // namespace

std::unique_ptr<managers::OrderManagerInterface> make_engine_under_test() {
  static std::atomic<int> next_file{0};
  const auto path = run_directory().file("conformance-" + std::to_string(++next_file) + ".db");
  return std::make_unique<managers::OrderManager>(path.string());
}
