#pragma once

// The DynamoDB store: each operation of the store contract as DynamoDB requests
// (conditional writes, GSI queries, sharded statistics counters). Domain rules
// live in OrderManagerInterface, not here. docs/DYNAMODB.md describes the design.

#include <atomic>
#include <memory>
#include <mutex>
#include <string>

#include "dynamodb/order_writer.hpp"
#include "dynamodb/request_runner.hpp"
#include "managers/order_manager_dynamodb.hpp"
#include "store/order_store.hpp"

namespace managers::dynamodb {

class DynamoDbOrderStore final : public store::OrderStore {
 public:
  // Checks the options (ConfigurationError); sends nothing.
  explicit DynamoDbOrderStore(DynamoDbOptions options);

  std::string backend_name() const override { return "dynamodb"; }
  // Credential source and region (never the secret), endpoint reachability,
  // table and index shapes, billing mode and capacity. Read-only.
  HealthReport check_health() override;

  OM_ORDER_STORE_OVERRIDES

  // The engine's extras (OrderManagerDynamoDB forwards to them).
  const DynamoDbOptions& options() const { return options_; }
  const std::string& region() const { return region_; }
  // Runs table setup once (again after a failed attempt). Cheap once done.
  void ensure_ready();
  OrderAggregates recompute();
  RequestRunner& runner() { return runner_; }
  // The retry budget under conflicting writers: read-modify-write rounds of one update, replace
  // or delete, and transactions of one commit. Tests lower it to reach it (engine_access.hpp).
  void set_conflict_attempts(int attempts) {
    max_optimistic_attempts_ = attempts;
    writer_.set_max_attempts(attempts);
  }

 private:
  DynamoDbOptions options_;
  std::string stats_table_;
  std::string region_;
  RequestRunner runner_;
  OrderWriter writer_;
  int max_optimistic_attempts_;

  std::mutex setup_mutex_;
  std::atomic<bool> ready_{false};
};

}  // namespace managers::dynamodb
