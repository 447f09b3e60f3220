// The DynamoDB engine under the race and edge suites: one table (and its -stats companion) per
// test on the process's shared DynamoDB Local, opened by as many OrderManagerDynamoDB instances
// (HTTP clients) as a test asks for, with explicit dummy credentials and endpoint.

#include <unistd.h>

#include <atomic>
#include <string>

#include "dynamodb/engine_access.hpp"
#include "managers/order_manager_dynamodb.hpp"
#include "reliability/shared_storage.hpp"
#include "support/dynamodb_local.hpp"

namespace {

class DynamoDbSharedStorage final : public SharedStorage {
 public:
  explicit DynamoDbSharedStorage(managers::DynamoDbOptions options) : options_(std::move(options)) {}
  std::unique_ptr<managers::OrderManagerInterface> open() override {
    return std::make_unique<managers::OrderManagerDynamoDB>(options_);
  }
  std::unique_ptr<managers::OrderManagerInterface> open_impatient() override {
    auto manager = std::make_unique<managers::OrderManagerDynamoDB>(options_);
    managers::dynamodb::EngineAccess::set_conflict_attempts(*manager, 1);
    return manager;
  }

 private:
  managers::DynamoDbOptions options_;
};

}  // namespace

std::unique_ptr<SharedStorage> make_shared_storage() {
  static std::atomic<int> next_table{0};
  managers::DynamoDbOptions options;
  options.table_name = "races-" + std::to_string(::getpid()) + "-" + std::to_string(++next_table);
  options.region = "us-east-1";
  options.endpoint_url = testing_support::shared_dynamodb_local().endpoint();
  options.access_key_id = "AKIDEXAMPLE";
  options.secret_access_key = "races-secret";
  // The tables are made now, once, so no racer's first call creates them.
  managers::OrderManagerDynamoDB(options).ensure_tables();
  return std::make_unique<DynamoDbSharedStorage>(std::move(options));
}

int race_rounds() { return 15; }

// The versioned write found the order changed by another writer on its last allowed attempt.
BudgetError exhausted_budget_error() { return {"dynamodb", "TransactionConflict"}; }

bool writers_of_one_process_queue() { return false; }
