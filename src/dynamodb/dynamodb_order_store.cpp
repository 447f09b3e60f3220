#include "dynamodb/dynamodb_order_store.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "aws/attribute_value.hpp"
#include "dynamodb/batch_operations.hpp"
#include "dynamodb/item_mapping.hpp"
#include "dynamodb/legacy_queries.hpp"
#include "dynamodb/order_queries.hpp"
#include "dynamodb/order_survey.hpp"
#include "dynamodb/key_codec.hpp"
#include "dynamodb/statistics_counters.hpp"
#include "dynamodb/statistics_intents.hpp"
#include "dynamodb/table_schema.hpp"
#include "dynamodb/table_setup.hpp"
#include "dynamodb/transport.hpp"

namespace managers::dynamodb {
namespace {

using nlohmann::json;
using store::Change;
using store::ModifyResult;

// Bounds the read-modify-write loops of modify/delete/replace under contention on one order.
constexpr int kMaxOptimisticAttempts = 50;

// How often a table in legacy mode is described again (DynamoDB does not bill DescribeTable), so a
// long-lived process sees the sorted indexes an upgrade-table run made, or an index it removed.
constexpr std::chrono::milliseconds kLegacyRedescribe{30'000};

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// One line: which indexes, what it costs, the command. check_health gives the details.
std::string legacy_warning(const std::string& table, const std::array<IndexMode, kIndexes.size()>& modes) {
  std::string names;
  for (std::size_t i = 0; i < modes.size(); ++i)
    if (!is_sorted(modes[i])) names += (names.empty() ? "" : ", ") + std::string(kIndexes[i].name);
  return "table " + table + " is in the earlier module's layout (" + names +
         " not sorted by created_sort): read in legacy mode, every list query reads a whole partition; upgrade it "
         "in place with: order-manager upgrade-table --table " + table;
}

DynamoDbOptions checked(DynamoDbOptions options) {
  validate_table_name(options.table_name, "DynamoDbOptions::table_name");
  if (options.table_ready_timeout_ms < 0) throw ConfigurationError("table_ready_timeout_ms must not be negative");
  return options;
}

// What a write over `stored` must know of the write that made it (empty for a create).
WriteBase write_base(const std::optional<StoredOrder>& stored) {
  return stored ? WriteBase{stored->write_id, stored->born, stored->stats_write} : WriteBase{};
}

[[noreturn]] void give_up(const std::string& what, const std::string& order_id, int attempts) {
  throw StorageError("dynamodb", "TransactionConflict",
                     what + " of order " + order_id + " gave up after " + std::to_string(attempts) +
                         " attempts: other writers kept changing it");
}

}  // namespace

DynamoDbOrderStore::DynamoDbOrderStore(DynamoDbOptions options)
    : options_(checked(std::move(options))),
      stats_table_(stats_table_name(options_.table_name)),
      runner_(make_aws_transport(options_)),
      writer_(runner_, options_.table_name, stats_table_, options_.write_mode),
      max_optimistic_attempts_(kMaxOptimisticAttempts) {
  region_ = runner_.transport().region();
  writer_.on_crowded_shard([this] { (void)aggregate_statistics(/*settle=*/true); });
}

void DynamoDbOrderStore::ensure_ready() {
  if (ready_.load(std::memory_order_acquire)) return;
  std::lock_guard lock(setup_mutex_);
  if (ready_.load(std::memory_order_relaxed)) return;
  const json table = ensure_tables(runner_, options_);
  take_index_modes(table);
  if (legacy() && !warned_ && options_.on_warning) {
    warned_ = true;
    options_.on_warning(legacy_warning(options_.table_name, index_modes(table)));
  }
  ready_.store(true, std::memory_order_release);
}

void DynamoDbOrderStore::take_index_modes(const json& table) {
  const auto modes = index_modes(table);
  for (std::size_t i = 0; i < modes.size(); ++i) index_modes_[i].store(modes[i], std::memory_order_relaxed);
  described_at_ms_.store(now_ms(), std::memory_order_release);
}

bool DynamoDbOrderStore::legacy() const {
  for (const auto& mode : index_modes_)
    if (!is_sorted(mode.load(std::memory_order_relaxed))) return true;
  return false;
}

void DynamoDbOrderStore::refresh_index_modes() {
  if (const std::optional<json> table = describe_table(runner_, options_.table_name)) take_index_modes(*table);
}

std::vector<Order> DynamoDbOrderStore::indexed(std::size_t index, const IndexQuery& query) {
  if (legacy() && now_ms() - described_at_ms_.load(std::memory_order_acquire) > kLegacyRedescribe.count())
    refresh_index_modes();
  for (int attempt = 0;; ++attempt) {
    const IndexMode mode = index_modes_[index].load(std::memory_order_relaxed);
    try {
      if (mode == IndexMode::kSorted) return query_index(runner_, options_.table_name, query);
      if (mode == IndexMode::kSortedKeys) return query_index_keys(runner_, options_.table_name, query);
      return query_without_index_order(runner_, options_.table_name, query, mode);
    } catch (const ServiceFailure& failure) {
      // The index went away or started building since the table was described (upgrade-table in
      // another process: "The table does not have the specified index", "Cannot read from
      // backfilling global secondary index"): describe it again and read the way it now allows.
      if (attempt > 0 || mode == IndexMode::kUnavailable || failure.code() != "ValidationException") throw;
      refresh_index_modes();
      if (index_modes_[index].load(std::memory_order_relaxed) == mode) throw;
    }
  }
}

bool DynamoDbOrderStore::insert(const Order& order) {
  ensure_ready();
  // kOrderChanged: the id exists and holds another write than this call's (see OrderWriter).
  return writer_.commit(std::nullopt, 0, order) == OrderWriter::Result::kCommitted;
}

void DynamoDbOrderStore::upsert(const Order& order) {
  ensure_ready();
  for (int attempt = 0; attempt < max_optimistic_attempts_; ++attempt) {
    auto stored = get_order(runner_, options_.table_name, order.order_id);
    const std::optional<Order> before = stored ? std::optional<Order>(std::move(stored->order)) : std::nullopt;
    if (writer_.commit(before, stored ? stored->version : 0, order, write_base(stored)) == OrderWriter::Result::kCommitted)
      return;
  }
  give_up("replace", order.order_id, max_optimistic_attempts_);
}

std::optional<Order> DynamoDbOrderStore::get(const std::string& order_id) {
  ensure_ready();
  auto stored = get_order(runner_, options_.table_name, order_id);
  if (!stored) return std::nullopt;
  return std::move(stored->order);
}

std::vector<Order> DynamoDbOrderStore::customer_orders(const std::string& customer_name,
                                                              std::optional<int> limit,
                                                              std::optional<OrderStatus> status) {
  ensure_ready();
  return indexed(index_position(kCustomerNameIndex), {std::string(kCustomerNameIndex), std::string(kCustomerNameAttr), customer_name,
                     /*newest_first=*/true, limit, status});
}

std::optional<Order> DynamoDbOrderStore::last_order(const std::string& customer_id) {
  ensure_ready();
  std::vector<Order> orders = indexed(
      index_position(kCustomerIdIndex), {std::string(kCustomerIdIndex), std::string(kCustomerIdAttr), customer_id, /*newest_first=*/true, 1,
          std::nullopt});
  if (orders.empty()) return std::nullopt;
  return std::move(orders.front());
}

std::vector<Order> DynamoDbOrderStore::orders_by_status(OrderStatus status, std::optional<int> limit) {
  ensure_ready();
  return indexed(index_position(kStatusIndex), {std::string(kStatusIndex), std::string(kStatusAttr), std::string(to_string(status)),
                     /*newest_first=*/false, limit, std::nullopt});
}

ModifyResult DynamoDbOrderStore::modify(const std::string& order_id, const store::Mutation& mutate) {
  ensure_ready();
  for (int attempt = 0; attempt < max_optimistic_attempts_; ++attempt) {
    auto stored = get_order(runner_, options_.table_name, order_id);
    if (!stored) return ModifyResult::kNotFound;
    Order changed = stored->order;
    switch (mutate(changed)) {
      case Change::kUnchanged:
        return ModifyResult::kUnchanged;
      case Change::kRefuse:
        return ModifyResult::kRefused;
      case Change::kWrite:
        break;
    }
    if (writer_.commit(stored->order, stored->version, changed, write_base(stored)) == OrderWriter::Result::kCommitted)
      return ModifyResult::kWritten;
    if (attempt > 0) backoff(attempt);
  }
  give_up("update", order_id, max_optimistic_attempts_);
}

OrderAggregates DynamoDbOrderStore::aggregate() { return aggregate_statistics(/*settle=*/true); }

OrderAggregates DynamoDbOrderStore::aggregate_statistics(bool settle) {
  ensure_ready();
  std::vector<json> keys;
  for (int shard = 0; shard < kStatisticsShards; ++shard) keys.push_back(shard_key_value(shard));
  keys.push_back(clearing_flag_key_value());
  keys.push_back(upgrading_flag_key_value());
  const std::vector<json> items = batch_get(runner_, stats_table_, keys);
  // The counters do not describe the orders: a clear stopped half-way, a table of the earlier
  // module's layout (its orders were never counted) or one being upgraded. Count the orders.
  if (legacy() || std::any_of(items.begin(), items.end(), is_clearing_flag) ||
      std::any_of(items.begin(), items.end(), is_upgrading_flag)) {
    std::map<std::string, std::int64_t> orders_per_customer;
    return count_orders(runner_, options_.table_name, orders_per_customer);
  }
  return with_intents_resolved(items, settle);
}

OrderAggregates DynamoDbOrderStore::with_intents_resolved(std::vector<json> items, bool settle) {
  // Intents of writes in flight, or whose writer died: one more (batch) read asks the orders which
  // ones landed; the others' deltas are taken out of the figures (statistics_intents.hpp).
  std::vector<Intent> intents;
  for (const json& item : items) {
    const auto key = item.find(kStatsKeyAttr);
    if (key == item.end() || !key->contains("S")) continue;
    for (int shard = 0; shard < kStatisticsShards; ++shard)
      if (key->at("S") == shard_key(shard))
        for (Intent& intent : intents_on(item, shard)) intents.push_back(std::move(intent));
  }
  if (intents.empty()) return aggregates_from_shards(items);
  // The orders of the intents and the markers of their customers, in one BatchGetItem (more only
  // past 100 keys).
  std::set<std::string> order_ids;
  std::set<std::string> customers;
  for (const Intent& intent : intents) {
    order_ids.insert(intent.order_id);
    for (const MarkerChange& change : intent.customers) customers.insert(change.customer_id);
  }
  std::map<std::string, json> orders;                     // by order id
  std::map<std::string, MarkerView> markers;              // customer -> the marker
  std::map<std::string, std::vector<json>> keys;
  std::size_t key_count = 0;
  const std::map<std::string, std::vector<std::string>> projections = {
      {options_.table_name, {std::string(kOrderIdAttr), kStatsWriteAttr, kBornAttr}},
      {stats_table_, {std::string(kStatsKeyAttr), kMarkerOrdersAttr, kMarkerWritesAttr}}};
  const auto fetch = [&] {
    auto found = batch_get_tables(runner_, keys, projections);
    for (json& order : found[options_.table_name]) {
      std::string id = order.at(std::string(kOrderIdAttr)).at("S").get<std::string>();
      orders[std::move(id)] = std::move(order);
    }
    const std::string marker_prefix = customer_marker_key("");
    for (const json& marker : found[stats_table_]) {
      const std::string key = marker.at(std::string(kStatsKeyAttr)).at("S").get<std::string>();
      markers[key.substr(marker_prefix.size())] = marker_view_of(&marker);
    }
    keys.clear();
    key_count = 0;
  };
  const auto add_key = [&](const std::string& table, json key) {
    keys[table].push_back(std::move(key));
    if (++key_count == kBatchGetLimit) fetch();
  };
  for (const std::string& id : order_ids) add_key(options_.table_name, {{std::string(kOrderIdAttr), aws::S(id)}});
  for (const std::string& customer : customers) add_key(stats_table_, marker_key_value(customer));
  if (key_count > 0) fetch();

  const std::int64_t settle_before = epoch_ms() - options_.intent_settle_after_ms;
  // Customers with a landed write whose marker step (M) is not done yet: in flight, or its writer
  // died. Later writes of the customer decided unique_customers from the marker without it, so
  // the customer is counted from the marker as it will be once M is applied.
  std::map<std::string, std::pair<std::int64_t, int>> pending;  // customer -> (count once applied, u)
  // Per shard, the attributes of complete intents (landed, markers applied): nothing will touch
  // them again, so they go now (one UpdateItem per shard) rather than wait for their writer's next
  // write on the shard, which a short-lived process (the CLI) never makes.
  std::map<int, std::vector<std::string>> complete;
  for (const Intent& intent : intents) {
    const auto order = orders.find(intent.order_id);
    const bool landed = intent_landed(intent, order == orders.end() ? nullptr : &order->second);
    if (!landed) items.push_back(negated_counters(intent));
    bool markers_applied = true;
    if (landed) {
      for (const MarkerChange& change : intent.customers) {
        const MarkerView& marker = markers[change.customer_id];
        if (marker.tokens.contains(marker_token(intent))) continue;
        markers_applied = false;
        auto [entry, inserted] = pending.try_emplace(change.customer_id, marker.orders, 0);
        entry->second.first += change.k;
        entry->second.second += change.u;
      }
    }
    if (settle && landed && markers_applied) {
      complete[intent.shard].push_back(intent_attribute(intent.write_id));
      if (intent.is_delete) complete[intent.shard].push_back(delete_lock_attribute(intent));
    } else if (settle && intent.at_ms < settle_before) {
      // Old enough that no request of its writer can still arrive: settled for good here.
      // Best effort: a failure leaves it to the next read.
      try {
        writer_.settle(intent, landed);
      } catch (const StorageError&) {
      }
    }
  }
  for (const auto& [shard, attributes] : complete) {
    json names = json::object();
    const std::string terms = remove_terms(attributes, names, 50);
    try {
      runner_.call("UpdateItem", {{"TableName", stats_table_},
                                  {"Key", shard_key_value(shard)},
                                  {"UpdateExpression", "REMOVE " + terms},
                                  {"ExpressionAttributeNames", std::move(names)}});
    } catch (const StorageError&) {
      // Best effort: they stay until the next read.
    }
  }
  std::int64_t unique_correction = 0;
  for (const auto& [customer, state] : pending) {
    const bool counted_now = markers[customer].orders > 0;
    const bool counted_then = state.first > 0;
    unique_correction += static_cast<int>(counted_then) - static_cast<int>(counted_now) - state.second;
  }
  if (unique_correction != 0) items.push_back({{std::string(kUniqueCustomersAttr), aws::N(unique_correction)}});
  return aggregates_from_shards(items);
}

bool DynamoDbOrderStore::erase(const std::string& order_id) {
  ensure_ready();
  for (int attempt = 0; attempt < max_optimistic_attempts_; ++attempt) {
    auto stored = get_order(runner_, options_.table_name, order_id);
    if (!stored) return false;
    if (writer_.commit(stored->order, stored->version, std::nullopt, write_base(stored)) ==
        OrderWriter::Result::kCommitted)
      return true;
    if (attempt > 0) backoff(attempt);
  }
  give_up("delete", order_id, max_optimistic_attempts_);
}

void DynamoDbOrderStore::erase_all() {
  ensure_ready();
  // Many requests over two tables, so it can stop half-way: the flag, written first and deleted
  // last, makes get_order_statistics count the orders until a clear completes.
  runner_.call("PutItem", {{"TableName", stats_table_}, {"Item", clearing_flag_key_value()}});
  // Orders first, then the statistics (the flag last): a Scan of keys, deleted 25 per BatchWriteItem.
  // Not a structured binding: clang before 16 cannot capture one in the lambda (the fuzz build).
  for (const auto& table_and_key :
       {std::pair{options_.table_name, std::string(kOrderIdAttr)},
        std::pair{stats_table_, std::string(kStatsKeyAttr)}}) {
    const std::string& table = table_and_key.first;
    scan_all(runner_, table, {table_and_key.second}, [&](const json& items) {
      std::vector<json> deletes;
      for (const json& item : items)
        if (!is_clearing_flag(item)) deletes.push_back({{"DeleteRequest", {{"Key", item}}}});
      batch_write(runner_, table, deletes);
    });
  }
  writer_.hints().clear();
  writer_.forget_settled();
  runner_.call("DeleteItem", {{"TableName", stats_table_}, {"Key", clearing_flag_key_value()}});
}

OrderPage DynamoDbOrderStore::list_page(const std::string& after, int page_size) {
  ensure_ready();
  return scan_page(runner_, options_.table_name, after, page_size);
}

OrderAggregates DynamoDbOrderStore::recompute() {
  ensure_ready();
  // Orders other clients wrote get the engine's version and sort key first, so that from now on
  // the counters include them and writes treat them as counted (order_survey.hpp).
  adopt_foreign_orders(runner_, options_.table_name);
  // The rewrite below takes several batches: one that stops half-way (unprocessed parts past the
  // budget, the network) leaves new shards next to old ones, counting orders twice. The clearing
  // flag, written first and deleted last as by erase_all, makes get_order_statistics count the
  // orders until a recompute or clear completes. Found by the fault matrix's unprocessed batches.
  runner_.call("PutItem", {{"TableName", stats_table_}, {"Item", clearing_flag_key_value()}});
  std::map<std::string, std::int64_t> orders_per_customer;
  const OrderAggregates aggregates = count_orders(runner_, options_.table_name, orders_per_customer);

  // Replace the statistics table's content: stale items go, shards and markers are rewritten (the
  // clearing flag goes last, above).
  std::vector<json> writes;
  std::set<std::string> wanted;
  for (json& item : shard_items_for(aggregates)) {
    wanted.insert(item.at(std::string(kStatsKeyAttr)).at("S").get<std::string>());
    writes.push_back({{"PutRequest", {{"Item", std::move(item)}}}});
  }
  for (const auto& [customer_id, count] : orders_per_customer) {
    json item = marker_key_value(customer_id);
    // Both write modes' markers are the count (kIntents adds the tokens of applied writes: none here).
    item[kMarkerOrdersAttr] = aws::N(count);
    wanted.insert(item.at(std::string(kStatsKeyAttr)).at("S").get<std::string>());
    writes.push_back({{"PutRequest", {{"Item", std::move(item)}}}});
  }
  scan_all(runner_, stats_table_, {std::string(kStatsKeyAttr)},
                     [&](const json& items) {
                       for (const json& item : items)
                         // The clearing flag brackets this rewrite (removed last); an upgrade in
                         // progress is upgrade-table's to end (table_upgrade.cpp).
                         if (!is_clearing_flag(item) && !is_upgrading_flag(item) &&
                             !wanted.contains(item.at(std::string(kStatsKeyAttr)).at("S").get<std::string>()))
                           writes.push_back({{"DeleteRequest", {{"Key", item}}}});
                     });
  batch_write(runner_, stats_table_, writes);
  writer_.hints().clear();
  writer_.forget_settled();
  runner_.call("DeleteItem", {{"TableName", stats_table_}, {"Key", clearing_flag_key_value()}});
  return aggregates;
}

}  // namespace managers::dynamodb
