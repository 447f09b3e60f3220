#pragma once

// Every write of an order is conditional and carries its statistics with it.
//
// commit(before, after) stores `after` (or deletes the order when `after` is empty) only if the
// stored order is still `before` — absent for a create (attribute_not_exists(order_id)), else the
// item with `before`'s version (optimistic concurrency). When the statistics change (create,
// delete, status or total change) the order write, the delta on one random counter shard and the
// customer markers go in ONE TransactWriteItems; a change that leaves them alone (a new ready
// time) is one conditional PutItem.
//
// An order item without a version attribute was written by another client and is not in the
// counters: a write to it counts it in (the delta from "no order"), deleting it changes no count.
//
// Every written item carries a fresh write_id. When the order's condition fails, the engine reads
// the item: if it holds this commit's write_id, an earlier attempt of this very commit (retried by
// the AWS layer after a lost reply, past the token's idempotency) went through, and the commit
// succeeded. So a retried create is never reported as a duplicate, while creating or importing
// the same order twice still is.
//
// A transaction cancelled by a marker's condition (the engine's belief about the customer was
// wrong, or another writer got there first) is retried after reading the marker; one cancelled by
// TransactionConflict is retried with backoff. Each attempt has its own ClientRequestToken, so the
// AWS layer's own retry of a request whose reply was lost is idempotent on the service side.

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_set>

#include "dynamodb/request_runner.hpp"
#include "dynamodb/statistics_counters.hpp"
#include "managers/order.hpp"

namespace managers::dynamodb {

// Customers this process has seen with a marker: a hint that spares the first transaction of a
// returning customer's order a wrong guess. Never trusted: the marker's condition decides.
class CustomerHints {
 public:
  bool probably_present(const std::string& customer_id) const;
  void set_present(const std::string& customer_id, bool present);
  void clear();

 private:
  static constexpr std::size_t kMaxEntries = 100'000;
  mutable std::mutex mutex_;
  std::unordered_set<std::string> present_;
};

class OrderWriter {
 public:
  OrderWriter(RequestRunner& runner, std::string orders_table, std::string stats_table);

  enum class Result { kCommitted, kOrderChanged };
  // `before_version` is the version read with `before` (ignored when `before` is empty).
  // kOrderChanged: the stored order is no longer `before`; nothing was written.
  Result commit(const std::optional<Order>& before, std::int64_t before_version, const std::optional<Order>& after);

  CustomerHints& hints() { return hints_; }
  // How many transactions commit() tries before it gives up on conflicts (TransactionConflict).
  // Tests lower it to reach the limit (dynamodb/engine_access.hpp); the default is kMaxAttempts.
  void set_max_attempts(int attempts) { max_attempts_ = attempts; }

 private:
  nlohmann::json order_write(const std::optional<Order>& before, std::int64_t before_version,
                             const std::optional<Order>& after, const std::string& write_id) const;
  Result commit_without_statistics(nlohmann::json write, const std::string& order_id, const std::string& write_id);
  // Whether the stored order carries `write_id`, i.e. is this very commit's write.
  bool holds_write(const std::string& order_id, const std::string& write_id);
  MarkerState read_marker_state(const std::string& customer_id, int change);

  RequestRunner& runner_;
  std::string orders_table_;
  std::string stats_table_;
  CustomerHints hints_;
  int max_attempts_;
};

// Waits a random time in [0, min(cap, base * 2^attempt)] ms (full jitter) before a retry.
void backoff(int attempt, int base_ms = 10, int cap_ms = 1000);

// 32 random hex digits, for ClientRequestToken.
std::string random_token();
int random_shard();

}  // namespace managers::dynamodb
