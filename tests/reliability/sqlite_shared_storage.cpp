// The SQLite engine under the race and edge suites: one database file per test, opened by
// as many OrderManager instances (connections) as a test asks for.

#include <atomic>
#include <string>

#include "managers/order_manager.hpp"
#include "reliability/shared_storage.hpp"
#include "support/temp_dir.hpp"

namespace {

testing_support::TempDir& run_directory() {
  static testing_support::TempDir directory;
  return directory;
}

class SqliteSharedStorage final : public SharedStorage {
 public:
  explicit SqliteSharedStorage(std::string path) : path_(std::move(path)) {}
  std::unique_ptr<managers::OrderManagerInterface> open() override {
    return std::make_unique<managers::OrderManager>(path_);
  }
  std::unique_ptr<managers::OrderManagerInterface> open_impatient() override {
    managers::SqliteOptions options;
    options.db_path = path_;
    options.busy_timeout_ms = 0;
    return std::make_unique<managers::OrderManager>(options);
  }

 private:
  std::string path_;
};

}  // namespace

std::unique_ptr<SharedStorage> make_shared_storage() {
  static std::atomic<int> next_file{0};
  return std::make_unique<SqliteSharedStorage>(
      run_directory().file("races-" + std::to_string(++next_file) + ".db").string());
}

int race_rounds() { return 50; }

// A writer that finds the write lock taken, with no time to wait for it.
BudgetError exhausted_budget_error() { return {"sqlite", "SQLITE_BUSY"}; }

bool writers_of_one_process_queue() { return true; }
