#include "dynamodb/order_writer.hpp"

#include <unistd.h>

#include <array>
#include <chrono>
#include <random>
#include <thread>
#include <vector>

#include "aws/attribute_value.hpp"
#include "dynamodb/item_mapping.hpp"
#include "dynamodb/statistics_counters.hpp"
#include "dynamodb/table_schema.hpp"

namespace managers::dynamodb {
namespace {

using nlohmann::json;

constexpr int kMaxAttempts = 40;

// 256 bits of seed (one random_device draw is only 32), so tokens of different threads and
// processes do not repeat by a collision of seeds either.
void seed_from_device(std::mt19937_64& engine) {
  std::random_device device;
  std::array<std::uint32_t, 8> words{};
  for (std::uint32_t& word : words) word = device();
  std::seed_seq seed(words.begin(), words.end());
  engine.seed(seed);
}

// Tokens and write_ids must differ between processes too: a child forked after the parent drew
// from this generator inherits its state and would repeat the parent's (and its siblings') next
// tokens — DynamoDB then refuses a reused ClientRequestToken (IdempotentParameterMismatch), and
// a repeated write_id would make a writer take another process's write for its own. So the
// generator is reseeded whenever the process id is not the one it was seeded in.
std::mt19937_64& rng() {
  thread_local std::mt19937_64 engine;
  thread_local pid_t seeded_in = 0;  // no process has id 0
  if (const pid_t pid = ::getpid(); pid != seeded_in) {
    seed_from_device(engine);
    seeded_in = pid;
  }
  return engine;
}

bool is_retryable_reason(const std::string& reason) {
  return reason == "TransactionConflict" || reason == "ThrottlingError" ||
         reason == "ProvisionedThroughputExceeded";
}

}  // namespace

void backoff(int attempt, int base_ms, int cap_ms) {
  const std::int64_t ceiling =
      std::min<std::int64_t>(cap_ms, static_cast<std::int64_t>(base_ms) << std::min(attempt, 20));
  std::uniform_int_distribution<std::int64_t> pick(0, std::max<std::int64_t>(ceiling, 1));
  std::this_thread::sleep_for(std::chrono::milliseconds(pick(rng())));
}

std::string random_token() {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string token;
  for (int i = 0; i < 32; ++i) token += kHex[rng()() & 15U];
  return token;
}

int random_shard() { return static_cast<int>(rng()() % kStatisticsShards); }

bool CustomerHints::probably_present(const std::string& customer_id) const {
  std::lock_guard lock(mutex_);
  return present_.contains(customer_id);
}

void CustomerHints::set_present(const std::string& customer_id, bool present) {
  std::lock_guard lock(mutex_);
  if (!present) {
    present_.erase(customer_id);
    return;
  }
  if (present_.size() >= kMaxEntries) present_.clear();
  present_.insert(customer_id);
}

void CustomerHints::clear() {
  std::lock_guard lock(mutex_);
  present_.clear();
}

OrderWriter::OrderWriter(RequestRunner& runner, std::string orders_table, std::string stats_table)
    : runner_(runner),
      orders_table_(std::move(orders_table)),
      stats_table_(std::move(stats_table)),
      max_attempts_(kMaxAttempts) {}

json OrderWriter::order_write(const std::optional<Order>& before, std::int64_t before_version,
                              const std::optional<Order>& after, const std::string& write_id) const {
  json write = {{"TableName", orders_table_}};
  if (!before) {
    write["ConditionExpression"] = "attribute_not_exists(#id)";
    write["ExpressionAttributeNames"] = {{"#id", kOrderIdAttr}};
  } else if (before_version == 0) {
    // An item written by something else than this engine: match it by its absent version.
    write["ConditionExpression"] = "attribute_exists(#id) AND attribute_not_exists(#v)";
    write["ExpressionAttributeNames"] = {{"#id", kOrderIdAttr}, {"#v", kVersionAttr}};
  } else {
    write["ConditionExpression"] = "#v = :v";
    write["ExpressionAttributeNames"] = {{"#v", kVersionAttr}};
    write["ExpressionAttributeValues"] = {{":v", aws::N(before_version)}};
  }
  if (after) {
    write["Item"] = order_to_item(*after, before ? before_version + 1 : 1);
    write["Item"][kWriteIdAttr] = aws::S(write_id);
    check_item_size(write["Item"]);
  } else {
    write["Key"] = {{std::string(kOrderIdAttr), aws::S(before->order_id)}};
  }
  return write;
}

OrderWriter::Result OrderWriter::commit_without_statistics(json write, const std::string& order_id,
                                                           const std::string& write_id) {
  try {
    const char* operation = write.contains("Item") ? "PutItem" : "DeleteItem";
    runner_.call(operation, std::move(write));
    return Result::kCommitted;
  } catch (const ServiceFailure& failure) {
    if (failure.code() == "ConditionalCheckFailedException")
      return holds_write(order_id, write_id) ? Result::kCommitted : Result::kOrderChanged;
    throw;
  }
}

bool OrderWriter::holds_write(const std::string& order_id, const std::string& write_id) {
  const json reply = runner_.call("GetItem", {{"TableName", orders_table_},
                                              {"Key", {{std::string(kOrderIdAttr), aws::S(order_id)}}},
                                              {"ConsistentRead", true},
                                              {"ProjectionExpression", "#w"},
                                              {"ExpressionAttributeNames", {{"#w", kWriteIdAttr}}}});
  const auto item = reply.find("Item");
  if (item == reply.end() || !item->is_object()) return false;
  const auto stored = item->find(kWriteIdAttr);
  return stored != item->end() && *stored == aws::S(write_id);
}

MarkerState OrderWriter::read_marker_state(const std::string& customer_id, int change) {
  const json reply = runner_.call(
      "GetItem", {{"TableName", stats_table_}, {"Key", marker_key_value(customer_id)}, {"ConsistentRead", true}});
  const auto item = reply.find("Item");
  return marker_state_of(item == reply.end() ? nullptr : &*item, change);
}

OrderWriter::Result OrderWriter::commit(const std::optional<Order>& before, std::int64_t before_version,
                                        const std::optional<Order>& after) {
  const std::string& order_id = after ? after->order_id : before->order_id;
  // Marks this call's write, so that a retry that finds the condition failed can tell "my own
  // earlier attempt landed and only its reply was lost" from "someone else wrote".
  const std::string write_id = random_token();
  json write = order_write(before, before_version, after, write_id);
  // An item without a version was written around the engine (boto3, the AWS CLI): the counters
  // never counted it, so this write counts it in (as a create) rather than moving or removing
  // counts it never added; the counters then never go negative (docs/DYNAMODB.md).
  const bool counted = before && before_version > 0;
  const StatisticsDelta delta = delta_between(counted ? before : std::nullopt, after);
  if (delta.empty()) return commit_without_statistics(std::move(write), order_id, write_id);

  const json order_item = {{after ? "Put" : "Delete", std::move(write)}};
  // The believed state of each affected customer's marker.
  std::vector<std::pair<std::string, int>> customers(delta.customers.begin(), delta.customers.end());
  std::vector<MarkerState> states;
  for (const auto& [customer_id, change] : customers) {
    if (change > 0)
      states.push_back(hints_.probably_present(customer_id) ? MarkerState::kPresent : MarkerState::kAbsent);
    else
      states.push_back(MarkerState::kMoreThanOne);
  }

  for (int attempt = 0; attempt < max_attempts_; ++attempt) {
    json items = json::array({order_item});
    int unique_change = 0;
    for (std::size_t i = 0; i < customers.size(); ++i) {
      MarkerWrite marker = marker_write(stats_table_, customers[i].first, customers[i].second, states[i]);
      unique_change += marker.unique_customers_change;
      items.push_back(std::move(marker.transact_item));
    }
    if (json shard = shard_update(stats_table_, random_shard(), delta, unique_change); !shard.is_null())
      items.push_back(std::move(shard));

    try {
      runner_.call("TransactWriteItems", {{"TransactItems", std::move(items)}, {"ClientRequestToken", random_token()}});
    } catch (const ServiceFailure& failure) {
      if (failure.code() == "TransactionConflictException" || failure.code() == "TransactionInProgressException") {
        backoff(attempt);
        continue;
      }
      if (failure.code() != "TransactionCanceledException") throw;
      const std::vector<std::string>& reasons = failure.cancellation_reasons();
      if (reasons.empty()) throw;
      if (reasons[0] == "ConditionalCheckFailed")
        return after && holds_write(order_id, write_id) ? Result::kCommitted : Result::kOrderChanged;
      bool retry = false;
      for (std::size_t i = 0; i < reasons.size(); ++i) {
        if (reasons[i] == "None") continue;
        if (is_retryable_reason(reasons[i])) {
          retry = true;
        } else if (reasons[i] == "ConditionalCheckFailed" && i >= 1 && i <= customers.size()) {
          // A marker was not as believed: look at it, then try again.
          states[i - 1] = read_marker_state(customers[i - 1].first, customers[i - 1].second);
        } else {
          throw;
        }
      }
      if (retry) backoff(attempt);
      continue;
    }
    for (std::size_t i = 0; i < customers.size(); ++i)
      hints_.set_present(customers[i].first, customers[i].second > 0 || states[i] == MarkerState::kMoreThanOne);
    return Result::kCommitted;
  }
  throw StorageError("dynamodb", "TransactionConflict",
                     "gave up writing order " + order_id + " after " +
                         std::to_string(max_attempts_) + " attempts cancelled by concurrent writers");
}

}  // namespace managers::dynamodb
