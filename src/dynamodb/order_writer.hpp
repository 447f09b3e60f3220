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

#include <array>
#include <atomic>
#include <functional>
#include <cstdint>
#include <deque>
#include <exception>
#include <mutex>
#include <set>
#include <stdexcept>
#include <vector>
#include <optional>
#include <string>
#include <unordered_set>

#include "dynamodb/request_runner.hpp"
#include "dynamodb/statistics_counters.hpp"
#include "dynamodb/statistics_intents.hpp"
#include "managers/order.hpp"
#include "managers/order_manager_dynamodb.hpp"

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

// What the stored item being replaced carries besides the order (order_queries.hpp StoredOrder).
struct WriteBase {
  std::string write_id;
  std::string born;
  std::string stats_write;
};

// Test hook (engine_access.hpp): a commit in kIntents mode stops after this step, as if the process
// died there, by throwing SimulatedCrash.
enum class CommitStep { kNone, kAfterIntent, kAfterOrderWrite };
class SimulatedCrash : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class OrderWriter {
 public:
  OrderWriter(RequestRunner& runner, std::string orders_table, std::string stats_table,
              DynamoDbWriteMode mode = DynamoDbWriteMode::kIntents);

  enum class Result { kCommitted, kOrderChanged };
  // `before_version` is the version read with `before` (ignored when `before` is empty), `base`
  // what else was read with it. kOrderChanged: the stored order is no longer `before`; nothing
  // was written (an intent written first has been reverted).
  Result commit(const std::optional<Order>& before, std::int64_t before_version, const std::optional<Order>& after,
                const WriteBase& base = {});

  // The reader's settlement of an intent older than the settle bound: a landed one gets its
  // markers (if a crash left them out) and is removed; one that did not land is reverted. Each
  // write is conditional on the intent, so settling twice changes nothing.
  void settle(Intent intent, bool landed);
  // Forgets the intents this process would remove (the statistics table was rewritten).
  void forget_settled();
  void stop_after(CommitStep step) { stop_after_.store(step); }
  // Called after a commit whose intent found its shard holding more than kCrowdedShard intents
  // (the store reads the statistics, which removes the complete ones). Set before any use.
  void on_crowded_shard(std::function<void()> handler) { on_crowded_shard_ = std::move(handler); }
  static constexpr std::size_t kCrowdedShard = 6;
  DynamoDbWriteMode mode() const { return mode_; }

  CustomerHints& hints() { return hints_; }
  // How many transactions commit() tries before it gives up on conflicts (TransactionConflict).
  // Tests lower it to reach the limit (dynamodb/engine_access.hpp); the default is kMaxAttempts.
  void set_max_attempts(int attempts) { max_attempts_ = attempts; }

 private:
  nlohmann::json order_write(const std::optional<Order>& before, std::int64_t before_version,
                             const std::optional<Order>& after, const std::string& write_id,
                             const std::string& born, const std::string& stats_write) const;
  Result commit_without_statistics(nlohmann::json write, const std::string& order_id, const std::string& write_id);
  // Whether the stored order carries `write_id`, i.e. is this very commit's write.
  bool holds_write(const std::string& order_id, const std::string& write_id);
  MarkerState read_marker_state(const std::string& customer_id, int change);

  Result commit_transactional(nlohmann::json write, const StatisticsDelta& delta, const std::string& order_id,
                              const std::string& write_id, bool has_after);
  Result commit_with_intent(nlohmann::json write, const StatisticsDelta& delta, const std::string& order_id,
                            const std::string& write_id, const WriteBase& base, bool is_delete);
  // The customer's marker, read consistently.
  MarkerView read_marker(const std::string& customer_id);
  // S1. kLocked: a delete whose incarnation another delete has locked; kOrderChanged: a delete
  // whose order is no longer as read (`order_write`, the order's write, has the condition that
  // says what was read). Either way nothing was written.
  enum class IntentWrite { kWritten, kLocked, kOrderChanged };
  IntentWrite write_intent(const Intent& intent, const std::string& base_stats_write,
                           const nlohmann::json& order_write);
  // A create's or update's intent: one UpdateItem.
  void write_change_intent(nlohmann::json update);
  // A delete's intent and lock: one transaction with a ConditionCheck of its order.
  IntentWrite write_delete_intent(nlohmann::json update, const nlohmann::json& order_write);
  // `update` only while `check` holds, in one TransactWriteItems, sent again (with backoff) while it
  // conflicts with another transaction or is throttled; other failures throw. Which condition
  // failed, if one did (nothing was written then).
  enum class CheckedUpdate { kApplied, kCheckFailed, kUpdateFailed };
  CheckedUpdate checked_update(nlohmann::json check, nlohmann::json update);
  // The order's incarnation (its `born`), or nullopt when it is absent.
  std::optional<std::string> stored_incarnation(const std::string& order_id);
  void revert(const Intent& intent);
  // Brings the customer's marker to the intent's state (step M), correcting the intent's u on its
  // shard when the marker turns out not to be what the intent assumed. `guarded`: only while the
  // intent is still on its shard (one transaction with a ConditionCheck), for a writer applying
  // another write's change (settlement, a predecessor's): that intent's own writer may have applied
  // it, and its token gone with the intent, meanwhile.
  void apply_marker(const Intent& intent, MarkerChange& change, bool guarded = false);
  // Before a write removes its predecessor's intent (write_intent), that intent's marker changes
  // must be on the markers: a writer that died before its step M would otherwise lose them.
  void complete_predecessor(const std::string& stats_write, int shard);
  // Removes the tokens whose intents are off their shards, but the newest kRecentMarkerTokens.
  void clean_marker(const std::string& customer_id, const std::set<std::string>& tokens);
  void correct_unique(const Intent& intent, const MarkerChange& change, int new_u);
  // One TransactWriteItems with a token of its own: committed; a conflict with another transaction
  // (back off and send it again); or cancelled, with one reason per item ("None" for items that
  // were fine). Other errors throw.
  struct TransactOutcome {
    enum Kind { kCommitted, kConflict, kCancelled } kind;
    std::vector<std::string> reasons;
    std::exception_ptr error;  // the failure itself, for a caller that cannot handle a reason
  };
  TransactOutcome transact(nlohmann::json items);
  // true: the request failed its condition (ConditionalCheckFailedException).
  bool conditional_call(const char* operation, nlohmann::json request, nlohmann::json* reply = nullptr);
  // false: the order's condition failed and the stored item is not this write.
  bool write_order(nlohmann::json write, const std::string& order_id, const std::string& write_id,
                   const std::string& incarnation);
  void note_settled(const Intent& intent);

  RequestRunner& runner_;
  std::string orders_table_;
  std::string stats_table_;
  CustomerHints hints_;
  int max_attempts_;
  DynamoDbWriteMode mode_;
  std::atomic<CommitStep> stop_after_{CommitStep::kNone};
  std::atomic<bool> crowded_{false};
  std::function<void()> on_crowded_shard_;
  // Per shard, the attributes (intents, delete locks) of this process's settled writes (the order
  // write landed and its markers were written): removed by its next intent there. Bounded.
  std::mutex settled_mutex_;
  std::array<std::vector<std::string>, kStatisticsShards> settled_;
  // Intents this process removed from each shard (the newest kRemembered): complete_predecessor
  // need not look for them there.
  static constexpr std::size_t kRemembered = 256;
  std::array<std::deque<std::string>, kStatisticsShards> removed_;
};

// Waits a random time in [0, min(cap, base * 2^attempt)] ms (full jitter) before a retry.
void backoff(int attempt, int base_ms = 10, int cap_ms = 1000);

// 32 random hex digits, for ClientRequestToken.
std::string random_token();
int random_shard();

}  // namespace managers::dynamodb
