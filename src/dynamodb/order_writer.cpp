#include "dynamodb/order_writer.hpp"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <map>
#include <chrono>
#include <random>
#include <thread>
#include <vector>

#include "aws/attribute_value.hpp"
#include "dynamodb/batch_operations.hpp"
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

OrderWriter::OrderWriter(RequestRunner& runner, std::string orders_table, std::string stats_table,
                         DynamoDbWriteMode mode)
    : runner_(runner),
      orders_table_(std::move(orders_table)),
      stats_table_(std::move(stats_table)),
      max_attempts_(kMaxAttempts),
      mode_(mode) {}

json OrderWriter::order_write(const std::optional<Order>& before, std::int64_t before_version,
                              const std::optional<Order>& after, const std::string& write_id,
                              const std::string& born, const std::string& stats_write) const {
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
    if (!born.empty()) write["Item"][kBornAttr] = aws::S(born);
    if (!stats_write.empty()) write["Item"][kStatsWriteAttr] = aws::S(stats_write);
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
                                        const std::optional<Order>& after, const WriteBase& base) {
  const std::string& order_id = after ? after->order_id : before->order_id;
  // Every write of one order goes to the shard its stored write id names (a create picks one), so
  // that a write finds its predecessor's intent there (statistics_intents.hpp).
  const int stored_shard = before ? shard_of_write(base.write_id) : -1;
  const int shard = stored_shard >= 0 ? stored_shard : before ? shard_of_order(before->order_id) : random_shard();
  // Marks this call's write, so that a retry that finds the condition failed can tell "my own
  // earlier attempt landed and only its reply was lost" from "someone else wrote".
  const std::string write_id = new_write_id(shard);
  const std::string born = before ? base.born : write_id;
  // An item without a version was written around the engine (boto3, the AWS CLI): the counters
  // never counted it, so this write counts it in (as a create) rather than moving or removing
  // counts it never added; the counters then never go negative (docs/DYNAMODB.md).
  const bool counted = before && before_version > 0;
  const StatisticsDelta delta = delta_between(counted ? before : std::nullopt, after);
  // A write that leaves the statistics alone keeps the item's stats_write: the intent of the
  // write that last changed them (maybe still on its shard) stays recognisably landed.
  json write = order_write(before, before_version, after, write_id, born, delta.empty() ? base.stats_write : write_id);
  if (delta.empty()) return commit_without_statistics(std::move(write), order_id, write_id);
  if (mode_ == DynamoDbWriteMode::kTransactional)
    return commit_transactional(std::move(write), delta, order_id, write_id, after.has_value());
  return commit_with_intent(std::move(write), delta, order_id, write_id, base, !after.has_value());
}

OrderWriter::TransactOutcome OrderWriter::transact(json items) {
  try {
    runner_.call("TransactWriteItems", {{"TransactItems", std::move(items)}, {"ClientRequestToken", random_token()}});
    return {TransactOutcome::kCommitted, {}, nullptr};
  } catch (const ServiceFailure& failure) {
    if (failure.code() == "TransactionConflictException" || failure.code() == "TransactionInProgressException")
      return {TransactOutcome::kConflict, {}, nullptr};
    if (failure.code() != "TransactionCanceledException" || failure.cancellation_reasons().empty()) throw;
    return {TransactOutcome::kCancelled, failure.cancellation_reasons(), std::current_exception()};
  }
}

bool OrderWriter::conditional_call(const char* operation, json request, json* reply) {
  try {
    json answer = runner_.call(operation, std::move(request));
    if (reply != nullptr) *reply = std::move(answer);
    return false;
  } catch (const ServiceFailure& failure) {
    if (failure.code() == "ConditionalCheckFailedException") return true;
    throw;
  }
}

MarkerView OrderWriter::read_marker(const std::string& customer_id) {
  const json reply = runner_.call("GetItem", {{"TableName", stats_table_},
                                              {"Key", marker_key_value(customer_id)},
                                              {"ConsistentRead", true},
                                              {"ProjectionExpression", "#n, #w"},
                                              {"ExpressionAttributeNames",
                                               {{"#n", kMarkerOrdersAttr}, {"#w", kMarkerWritesAttr}}}});
  const auto item = reply.find("Item");
  return marker_view_of(item == reply.end() ? nullptr : &*item);
}

OrderWriter::IntentWrite OrderWriter::write_intent(const Intent& intent, const std::string& base_stats_write,
                                                   const json& order_write) {
  json names = {{"#p", intent_attribute(intent.write_id)}};
  json values = {{":intent", intent_value(intent)}};
  CounterAdds adds(names, values);
  for (const auto& [attribute, amount] : intent.deltas) adds.add(attribute, amount);
  if (intent.unique_change() != 0) adds.add(kUniqueCustomersAttr, intent.unique_change());
  // The predecessor's intent (it landed: its item was just read) and the ones this process knows
  // are settled go in the same request.
  std::set<std::string> removals;
  if (shard_of_write(base_stats_write) == intent.shard) removals.insert(intent_attribute(base_stats_write));
  {
    std::lock_guard lock(settled_mutex_);
    for (const std::string& id : settled_[static_cast<std::size_t>(intent.shard)]) removals.insert(id);
  }
  removals.erase(intent_attribute(intent.write_id));
  if (intent.is_delete) removals.erase(delete_lock_attribute(intent));
  const std::string remove = remove_terms({removals.begin(), removals.end()}, names);
  std::string expression = "SET #p = :intent";
  std::string condition = "attribute_not_exists(#p)";
  if (intent.is_delete) {
    expression += ", #x = :w";
    condition += " AND (attribute_not_exists(#x) OR #x = :w)";
    names["#x"] = delete_lock_attribute(intent);
    values[":w"] = aws::S(intent.write_id);
  }
  if (!adds.terms().empty()) expression += " ADD " + adds.terms();
  if (!remove.empty()) expression += " REMOVE " + remove;
  json update = {{"TableName", stats_table_},
                 {"Key", shard_key_value(intent.shard)},
                 {"UpdateExpression", expression},
                 {"ConditionExpression", condition},
                 {"ExpressionAttributeNames", std::move(names)},
                 {"ExpressionAttributeValues", std::move(values)}};
  if (!intent.is_delete) {
    write_change_intent(std::move(update));
  } else if (const IntentWrite written = write_delete_intent(std::move(update), order_write);
             written != IntentWrite::kWritten) {
    return written;
  }
  std::lock_guard lock(settled_mutex_);
  auto& settled = settled_[static_cast<std::size_t>(intent.shard)];
  std::erase_if(settled, [&](const std::string& id) { return removals.contains(id); });
  auto& removed = removed_[static_cast<std::size_t>(intent.shard)];
  for (const std::string& id : removals) removed.push_back(id);
  while (removed.size() > kRemembered) removed.pop_front();
  return IntentWrite::kWritten;
}

void OrderWriter::write_change_intent(json update) {
  // A resend of this request after a lost reply fails the condition: it was applied once.
  // ALL_NEW costs no more WCU: it tells how many intents the shard holds.
  update["ReturnValues"] = "ALL_NEW";
  json reply;
  if (conditional_call("UpdateItem", std::move(update), &reply)) return;
  if (!reply.contains("Attributes") || !reply["Attributes"].is_object()) return;
  std::size_t held = 0;
  for (const auto& [name, value] : reply["Attributes"].items())
    if (name.starts_with(kIntentPrefix)) ++held;
  if (held > kCrowdedShard) crowded_.store(true);
}

OrderWriter::IntentWrite OrderWriter::write_delete_intent(json update, const json& order_write) {
  // A delete is judged landed by its order's absence (intent_landed), and a delete whose
  // DeleteItem finds the order gone takes that for its own work: both hold because the intent and
  // the incarnation's lock are written only while the order is there as read, checked in the same
  // transaction. Without the check, a delete that read the order, then stalled while another
  // delete removed it and that delete's lock was cleared, took the lock and counted a second
  // removal (seen under TSan in DynamoDbStatistics.ExactUnderConcurrentWriters).
  json check = {{"TableName", orders_table_},
                {"Key", order_write.at("Key")},
                {"ConditionExpression", order_write.at("ConditionExpression")},
                {"ExpressionAttributeNames", order_write.at("ExpressionAttributeNames")}};
  if (order_write.contains("ExpressionAttributeValues"))
    check["ExpressionAttributeValues"] = order_write.at("ExpressionAttributeValues");
  const CheckedUpdate result = checked_update(std::move(check), std::move(update));
  if (result == CheckedUpdate::kApplied) return IntentWrite::kWritten;
  return result == CheckedUpdate::kCheckFailed ? IntentWrite::kOrderChanged : IntentWrite::kLocked;
}

OrderWriter::CheckedUpdate OrderWriter::checked_update(json check, json update) {
  const json items = json::array({{{"ConditionCheck", std::move(check)}}, {{"Update", std::move(update)}}});
  for (int attempt = 0; attempt < max_attempts_; ++attempt) {
    // The transaction's token makes the AWS layer's resend after a lost reply idempotent.
    const TransactOutcome outcome = transact(items);
    if (outcome.kind == TransactOutcome::kCommitted) return CheckedUpdate::kApplied;
    if (outcome.kind == TransactOutcome::kCancelled) {
      if (outcome.reasons[0] == "ConditionalCheckFailed") return CheckedUpdate::kCheckFailed;
      if (outcome.reasons.size() > 1 && outcome.reasons[1] == "ConditionalCheckFailed")
        return CheckedUpdate::kUpdateFailed;
      const bool retryable = std::all_of(outcome.reasons.begin(), outcome.reasons.end(), [](const std::string& reason) {
        return reason == "None" || is_retryable_reason(reason);
      });
      if (!retryable) std::rethrow_exception(outcome.error);
    }
    backoff(attempt);  // a conflict with another transaction, or throttled
  }
  throw StorageError("dynamodb", "TransactionConflict",
                     "gave up a checked statistics update after " + std::to_string(max_attempts_) +
                         " transactions cancelled by concurrent writers");
}

std::optional<std::string> OrderWriter::stored_incarnation(const std::string& order_id) {
  const json reply = runner_.call("GetItem", {{"TableName", orders_table_},
                                              {"Key", {{std::string(kOrderIdAttr), aws::S(order_id)}}},
                                              {"ConsistentRead", true},
                                              {"ProjectionExpression", "#id, #b"},
                                              {"ExpressionAttributeNames", {{"#id", kOrderIdAttr}, {"#b", kBornAttr}}}});
  const auto item = reply.find("Item");
  if (item == reply.end() || !item->is_object() || item->empty()) return std::nullopt;
  const auto born = item->find(kBornAttr);
  return born != item->end() && born->contains("S") ? born->at("S").get<std::string>() : std::string();
}

void OrderWriter::revert(const Intent& intent) {
  json names = {{"#p", intent_attribute(intent.write_id)}};
  json values = json::object();
  CounterAdds adds(names, values);
  for (const auto& [attribute, amount] : intent.deltas) adds.add(attribute, -amount);
  if (intent.unique_change() != 0) adds.add(kUniqueCustomersAttr, -intent.unique_change());
  json request = {{"TableName", stats_table_},
                  {"Key", shard_key_value(intent.shard)},
                  {"UpdateExpression",
                   std::string(intent.is_delete ? "REMOVE #p, #x" : "REMOVE #p") + (adds.terms().empty() ? "" : " ADD " + adds.terms())},
                  {"ConditionExpression", "attribute_exists(#p)"},
                  {"ExpressionAttributeNames", std::move(names)}};
  if (intent.is_delete) request["ExpressionAttributeNames"]["#x"] = delete_lock_attribute(intent);
  if (!values.empty()) request["ExpressionAttributeValues"] = std::move(values);
  // Condition failed: already reverted (a resend after a lost reply) or settled by a reader.
  conditional_call("UpdateItem", std::move(request));
}

void OrderWriter::correct_unique(const Intent& intent, const MarkerChange& change, int new_u) {
  json request = {{"TableName", stats_table_},
                  {"Key", shard_key_value(intent.shard)},
                  {"UpdateExpression", "SET #p.#c.#cu.#u = :new ADD #uc :diff"},
                  {"ConditionExpression", "#p.#c.#cu.#u = :old"},
                  {"ExpressionAttributeNames",
                   {{"#p", intent_attribute(intent.write_id)},
                    {"#c", "c"},
                    {"#cu", change.customer_id},
                    {"#u", "u"},
                    {"#uc", kUniqueCustomersAttr}}},
                  {"ExpressionAttributeValues",
                   {{":new", aws::N(new_u)}, {":old", aws::N(change.u)}, {":diff", aws::N(new_u - change.u)}}}};
  // Condition failed: a resend of this correction already applied it, or the intent is settled.
  conditional_call("UpdateItem", std::move(request));
}

void OrderWriter::apply_marker(const Intent& intent, MarkerChange& change, bool guarded) {
  const std::string token = marker_token(intent);
  for (int attempt = 0; attempt < max_attempts_; ++attempt) {
    json names = {{"#n", kMarkerOrdersAttr}, {"#w", kMarkerWritesAttr}};
    json values = {{":k", aws::N(change.k)}, {":w", {{"SS", json::array({token})}}}, {":t", aws::S(token)}};
    // The premise the intent's u was computed on: the count before this change.
    std::string premise;
    if (change.k > 0 && change.u > 0) {
      premise = "(attribute_not_exists(#n) OR #n <= :zero)";
      values[":zero"] = aws::N(0);
    } else if (change.k > 0) {
      premise = "#n > :zero";
      values[":zero"] = aws::N(0);
    } else if (change.u < 0) {
      premise = "#n = :one";
      values[":one"] = aws::N(1);
    } else {
      premise = "(attribute_not_exists(#n) OR #n <> :one)";
      values[":one"] = aws::N(1);
    }
    json update = {{"TableName", stats_table_},
                   {"Key", marker_key_value(change.customer_id)},
                   {"UpdateExpression", "ADD #n :k, #w :w"},
                   // Not applied yet (a resend, or another writer settling it, finds its token).
                   {"ConditionExpression", "(attribute_not_exists(#w) OR NOT contains(#w, :t)) AND " + premise},
                   {"ExpressionAttributeNames", std::move(names)},
                   {"ExpressionAttributeValues", std::move(values)}};
    bool failed = false;
    json reply;
    if (guarded) {
      json check = {{"TableName", stats_table_},
                    {"Key", shard_key_value(intent.shard)},
                    {"ConditionExpression", "attribute_exists(#p)"},
                    {"ExpressionAttributeNames", {{"#p", intent_attribute(intent.write_id)}}}};
      const CheckedUpdate result = checked_update(std::move(check), std::move(update));
      if (result == CheckedUpdate::kCheckFailed) return;  // the intent is gone: settled
      failed = result == CheckedUpdate::kUpdateFailed;
    } else {
      update["ReturnValues"] = "UPDATED_NEW";
      failed = conditional_call("UpdateItem", std::move(update), &reply);
    }
    if (!failed) {
      if (const auto tokens = reply.find("Attributes"); tokens != reply.end() && tokens->contains(kMarkerWritesAttr)) {
        const MarkerView view = marker_view_of(&*tokens);
        if (view.tokens.size() > kCrowdedMarker) {
          try {
            clean_marker(change.customer_id, view.tokens);
          } catch (const StorageError&) {
            // Best effort: the next crowded write tries again.
          }
        }
      }
      return;
    }
    // Applied already (a resend of this very step), or the count is not what the intent assumed
    // (another writer of this customer): look at the marker.
    const MarkerView view = read_marker(change.customer_id);
    if (view.tokens.contains(token)) return;
    const int new_u = unique_change_for(view.orders, change.k);
    if (new_u != change.u) {
      correct_unique(intent, change, new_u);
      change.u = new_u;
    }
    backoff(attempt, 5, 200);
  }
  throw StorageError("dynamodb", "TransactionConflict",
                     "gave up updating the statistics marker of customer " + change.customer_id + " after " +
                         std::to_string(max_attempts_) + " attempts: other writers kept changing it");
}

void OrderWriter::clean_marker(const std::string& customer_id, const std::set<std::string>& tokens) {
  // Tokens sort by age: the newest few stay whatever their intents (a writer may be about to apply
  // a change whose token another writer's settlement just put there).
  std::vector<std::string> candidates(tokens.begin(), tokens.end());
  if (candidates.size() <= kRecentMarkerTokens) return;
  candidates.resize(candidates.size() - kRecentMarkerTokens);
  std::map<int, std::vector<std::string>> by_shard;
  for (const std::string& token : candidates)
    if (const int shard = shard_of_write(write_of_token(token)); shard >= 0) by_shard[shard].push_back(token);
  std::vector<json> keys;
  for (const auto& [shard, shard_tokens] : by_shard) keys.push_back(shard_key_value(shard));
  std::set<std::string> on_shards;  // intent attributes still there
  for (const json& item : batch_get(runner_, stats_table_, keys))
    for (const auto& [name, value] : item.items())
      if (name.starts_with(kIntentPrefix)) on_shards.insert(name);
  json gone = json::array();
  for (const auto& [shard, shard_tokens] : by_shard)
    for (const std::string& token : shard_tokens)
      if (!on_shards.contains(intent_attribute(write_of_token(token)))) gone.push_back(token);
  if (gone.empty()) return;
  // DELETE from a set is idempotent; the count is untouched.
  runner_.call("UpdateItem", {{"TableName", stats_table_},
                              {"Key", marker_key_value(customer_id)},
                              {"UpdateExpression", "DELETE #w :gone"},
                              {"ExpressionAttributeNames", {{"#w", kMarkerWritesAttr}}},
                              {"ExpressionAttributeValues", {{":gone", {{"SS", std::move(gone)}}}}}});
}

void OrderWriter::complete_predecessor(const std::string& stats_write, int shard) {
  const std::string attribute = intent_attribute(stats_write);
  {
    // This process applied that write's markers itself (note_settled), or removed its intent
    // (write_intent): nothing to look at.
    std::lock_guard lock(settled_mutex_);
    const auto& settled = settled_[static_cast<std::size_t>(shard)];
    const auto& removed = removed_[static_cast<std::size_t>(shard)];
    if (std::find(settled.begin(), settled.end(), attribute) != settled.end() ||
        std::find(removed.begin(), removed.end(), attribute) != removed.end())
      return;
  }
  const json reply = runner_.call("GetItem", {{"TableName", stats_table_},
                                              {"Key", shard_key_value(shard)},
                                              {"ConsistentRead", true},
                                              {"ProjectionExpression", "#p"},
                                              {"ExpressionAttributeNames", {{"#p", attribute}}}});
  const auto item = reply.find("Item");
  if (item == reply.end() || !item->is_object() || !item->contains(attribute)) return;  // settled or complete
  for (Intent& intent : intents_on(*item, shard))
    for (MarkerChange& change : intent.customers)
      if (!read_marker(change.customer_id).tokens.contains(marker_token(intent))) apply_marker(intent, change, true);
}

bool OrderWriter::write_order(json write, const std::string& order_id, const std::string& write_id,
                              const std::string& incarnation) {
  if (write.contains("Item")) {
    if (!conditional_call("PutItem", std::move(write))) return true;
    return holds_write(order_id, write_id);
  }
  // A delete leaves nothing to recognise it by after a lost reply, but this writer holds the
  // incarnation's delete lock, taken while the order was there (write_delete_intent): if the item
  // is gone (or re-created since), the delete that removed it was this one, resent by the AWS
  // layer after its reply was lost.
  if (!conditional_call("DeleteItem", std::move(write))) return true;
  const std::optional<std::string> stored = stored_incarnation(order_id);
  return !stored || *stored != incarnation;
}

void OrderWriter::note_settled(const Intent& intent) {
  std::lock_guard lock(settled_mutex_);
  auto& settled = settled_[static_cast<std::size_t>(intent.shard)];
  // Bounded: an intent dropped here stays until a reader settles it by age.
  if (settled.size() >= 16) settled.erase(settled.begin(), settled.begin() + 2);
  settled.push_back(intent_attribute(intent.write_id));
  if (intent.is_delete) settled.push_back(delete_lock_attribute(intent));
}

void OrderWriter::forget_settled() {
  std::lock_guard lock(settled_mutex_);
  for (auto& settled : settled_) settled.clear();
}

OrderWriter::Result OrderWriter::commit_with_intent(json write, const StatisticsDelta& delta,
                                                    const std::string& order_id, const std::string& write_id,
                                                    const WriteBase& base, bool is_delete) {
  Intent intent;
  intent.write_id = write_id;
  intent.shard = shard_of_write(write_id);
  intent.order_id = order_id;
  intent.is_delete = is_delete;
  intent.incarnation = base.born;
  intent.at_ms = epoch_ms();
  intent.deltas = counter_deltas(delta);
  // What each marker change does to unique_customers, from the marker as it is now (a read, no
  // WCU); step M checks the premise and corrects it if a concurrent writer changed the marker.
  for (const auto& [customer_id, k] : delta.customers)
    if (k != 0) intent.customers.push_back({customer_id, k, unique_change_for(read_marker(customer_id).orders, k)});
  // The predecessor created this incarnation (its write id is the order's `born`): its intent,
  // which write_intent removes, may still owe the customer's marker its +1.
  if (!base.stats_write.empty() && base.stats_write == base.born && shard_of_write(base.stats_write) == intent.shard)
    complete_predecessor(base.stats_write, intent.shard);

  // S1. A delete waits while another delete of the same incarnation holds the lock: it ends when
  // that one lands (then the check finds the order changed: nothing left to delete), is refused,
  // or is settled by age.
  for (int attempt = 0;; ++attempt) {
    const IntentWrite written = write_intent(intent, base.stats_write, write);
    if (written == IntentWrite::kWritten) break;
    if (written == IntentWrite::kOrderChanged) return Result::kOrderChanged;
    if (attempt + 1 >= max_attempts_)
      throw StorageError("dynamodb", "TransactionConflict",
                         "another delete of order " + order_id +
                             " is under way (or its process stopped: settled by the next statistics read after "
                             "intent_settle_after_ms)");
    backoff(attempt);
  }
  if (stop_after_.load() == CommitStep::kAfterIntent) throw SimulatedCrash("stopped after the intent");
  // A failure here (past the retry budget) leaves the intent: the reader asks the order whether
  // it landed, and settles it by age.
  if (!write_order(std::move(write), order_id, write_id, intent.incarnation)) {
    revert(intent);
    return Result::kOrderChanged;
  }
  if (stop_after_.load() == CommitStep::kAfterOrderWrite) throw SimulatedCrash("stopped after the order write");
  for (MarkerChange& change : intent.customers) apply_marker(intent, change);  // M
  note_settled(intent);
  // Writers that never write again on a shard (short-lived processes) leave their intents there
  // until a statistics read removes them: a crowded shard gets one now (best effort).
  if (crowded_.exchange(false) && on_crowded_shard_) {
    try {
      on_crowded_shard_();
    } catch (const StorageError&) {
    }
  }
  return Result::kCommitted;
}

void OrderWriter::settle(Intent intent, bool landed) {
  if (!landed) {
    revert(intent);
    return;
  }
  for (MarkerChange& change : intent.customers) apply_marker(intent, change, /*guarded=*/true);
  json names = {{"#p", intent_attribute(intent.write_id)}};
  if (intent.is_delete) names["#x"] = delete_lock_attribute(intent);
  conditional_call("UpdateItem", {{"TableName", stats_table_},
                                  {"Key", shard_key_value(intent.shard)},
                                  {"UpdateExpression", intent.is_delete ? "REMOVE #p, #x" : "REMOVE #p"},
                                  {"ConditionExpression", "attribute_exists(#p)"},
                                  {"ExpressionAttributeNames", std::move(names)}});
}

OrderWriter::Result OrderWriter::commit_transactional(json write, const StatisticsDelta& delta,
                                                      const std::string& order_id, const std::string& write_id,
                                                      bool has_after) {
  const bool after = has_after;
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

    if (const TransactOutcome outcome = transact(std::move(items)); outcome.kind == TransactOutcome::kConflict) {
      backoff(attempt);
      continue;
    } else if (outcome.kind == TransactOutcome::kCancelled) {
      const std::vector<std::string>& reasons = outcome.reasons;
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
          std::rethrow_exception(outcome.error);
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
