#pragma once

// The DynamoDB store: each operation of the store contract as DynamoDB requests
// (conditional writes, GSI queries, sharded statistics counters). Domain rules
// live in OrderManagerInterface, not here. docs/DYNAMODB.md describes the design.

#include <array>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>

#include "dynamodb/order_writer.hpp"
#include "dynamodb/order_queries.hpp"
#include "dynamodb/request_runner.hpp"
#include "dynamodb/table_schema.hpp"
#include "managers/order_manager_dynamodb.hpp"
#include "store/order_store.hpp"

namespace managers::dynamodb {

class DynamoDbOrderStore final : public store::OrderStore {
 public:
  // Checks the options (ConfigurationError); sends nothing.
  explicit DynamoDbOrderStore(DynamoDbOptions options);

  std::string backend_name() const override { return "dynamodb"; }
  std::vector<std::pair<std::string, std::string>> location() const override {
    return {{"table_name", options_.table_name}, {"region", region_}};
  }
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
  // table_upgrade.hpp: what upgrade_table would do, and doing it.
  std::vector<std::string> pending_upgrade();
  bool upgrade(const UpgradeProgressHandler& progress);
  // Describes the orders table again and takes its indexes' modes (after an index changed).
  void refresh_index_modes();
  // The retry budget under conflicting writers: read-modify-write rounds of one update, replace
  // or delete, and transactions of one commit. Tests lower it to reach it (engine_access.hpp).
  void set_conflict_attempts(int attempts) {
    max_optimistic_attempts_ = attempts;
    writer_.set_max_attempts(attempts);
  }
  OrderWriter& writer() { return writer_; }

 private:
  // A list query on kIndexes[index] in the way its current mode allows (legacy_queries.hpp).
  std::vector<Order> indexed(std::size_t index, const IndexQuery& query);
  void take_index_modes(const nlohmann::json& table);
  bool legacy() const;
  // The figures of the shard items, less the intents that have not landed (statistics_intents.hpp).
  // `settle`: also settle the intents older than intent_settle_after_ms (writes; not from check).
  OrderAggregates with_intents_resolved(std::vector<nlohmann::json> items, bool settle);
  OrderAggregates aggregate_statistics(bool settle);

  DynamoDbOptions options_;
  std::string stats_table_;
  std::string region_;
  RequestRunner runner_;
  OrderWriter writer_;
  int max_optimistic_attempts_;

  std::mutex setup_mutex_;
  std::atomic<bool> ready_{false};
  bool warned_ = false;  // under setup_mutex_
  // How each of kIndexes can be read; a legacy table is described again at most every
  // kLegacyRedescribe, so a process that outlives an upgrade-table run picks up the new indexes.
  std::array<std::atomic<IndexMode>, kIndexes.size()> index_modes_{};
  std::atomic<std::int64_t> described_at_ms_{0};
};

}  // namespace managers::dynamodb
