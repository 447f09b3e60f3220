#include "managers/order_manager_dynamodb.hpp"

#include <algorithm>
#include <map>

#include "aws/attribute_value.hpp"
#include "domain/statistics.hpp"
#include "dynamodb/order_survey.hpp"
#include "dynamodb/batch_operations.hpp"
#include "dynamodb/item_mapping.hpp"
#include "dynamodb/engine_impl.hpp"
#include "dynamodb/order_queries.hpp"
#include "dynamodb/statistics_counters.hpp"
#include "dynamodb/table_schema.hpp"
#include "dynamodb/table_setup.hpp"

namespace managers {
namespace {

using nlohmann::json;
using dynamodb::OrderWriter;

// Bounds the read-modify-write loops of modify/delete/replace under contention on one order.
constexpr int kMaxOptimisticAttempts = 50;

DynamoDbOptions checked(DynamoDbOptions options) {
  dynamodb::validate_table_name(options.table_name);
  if (options.table_ready_timeout_ms < 0) throw ConfigurationError("table_ready_timeout_ms must not be negative");
  return options;
}

[[noreturn]] void give_up(const std::string& what, const std::string& order_id) {
  throw StorageError("dynamodb", "TransactionConflict",
                     what + " of order " + order_id + " gave up after " + std::to_string(kMaxOptimisticAttempts) +
                         " attempts: other writers kept changing it");
}

// The statistics counted from the orders themselves (a Scan of three attributes): what
// recompute_statistics() writes back, and what get_order_statistics() answers while the counters
// are known to be out of step (a clear_all_orders that stopped half-way).
OrderAggregates count_orders(dynamodb::RequestRunner& runner, const std::string& table,
                             std::map<std::string, std::int64_t>& orders_per_customer) {
  OrderAggregates aggregates;
  dynamodb::scan_all(runner, table, {"customer_id", "status", "total_price"}, [&](const json& items) {
    for (const json& item : items) {
      dynamodb::OrderFigures figures;
      try {
        figures = dynamodb::order_figures_from_item(item);
      } catch (const StorageError& error) {
        if (error.code() != "CorruptItem") throw;
        continue;  // not an order: `check` names it (order_survey.hpp)
      }
      StatusTotals& totals = aggregates.by_status[figures.status];
      totals.orders += 1;
      totals.revenue += figures.total_price;
      ++orders_per_customer[figures.customer_id];
    }
  });
  aggregates.unique_customers = static_cast<std::int64_t>(orders_per_customer.size());
  return aggregates;
}

}  // namespace

OrderManagerDynamoDB::Impl::Impl(DynamoDbOptions engine_options, std::unique_ptr<dynamodb::Transport> transport)
    : options(std::move(engine_options)),
      stats_table(dynamodb::stats_table_name(options.table_name)),
      region(transport->region()),
      runner(std::move(transport)),
      writer(runner, options.table_name, stats_table) {}

void OrderManagerDynamoDB::Impl::ensure_ready() {
  if (ready.load(std::memory_order_acquire)) return;
  std::lock_guard lock(setup_mutex);
  if (ready.load(std::memory_order_relaxed)) return;
  dynamodb::ensure_tables(runner, options);
  ready.store(true, std::memory_order_release);
}

OrderManagerDynamoDB::OrderManagerDynamoDB(std::string table_name, std::optional<std::string> region)
    : OrderManagerDynamoDB([&] {
        DynamoDbOptions options;
        options.table_name = std::move(table_name);
        options.region = std::move(region);
        return options;
      }()) {}

OrderManagerDynamoDB::OrderManagerDynamoDB(DynamoDbOptions options) {
  DynamoDbOptions valid = checked(std::move(options));
  auto transport = dynamodb::make_aws_transport(valid);
  impl_ = std::make_unique<Impl>(std::move(valid), std::move(transport));
}

OrderManagerDynamoDB::~OrderManagerDynamoDB() = default;

const std::string& OrderManagerDynamoDB::table_name() const { return impl_->options.table_name; }
const std::string& OrderManagerDynamoDB::region() const { return impl_->region; }
DynamoDbCounters OrderManagerDynamoDB::counters() const { return impl_->runner.counters(); }
void OrderManagerDynamoDB::reset_counters() { impl_->runner.reset_counters(); }
void OrderManagerDynamoDB::ensure_tables() { impl_->ensure_ready(); }

bool OrderManagerDynamoDB::insert_order(const Order& order) {
  impl_->ensure_ready();
  // kOrderChanged: the id exists and holds another write than this call's (see OrderWriter).
  return impl_->writer.commit(std::nullopt, 0, order) == OrderWriter::Result::kCommitted;
}

void OrderManagerDynamoDB::upsert_order(const Order& order) {
  impl_->ensure_ready();
  for (int attempt = 0; attempt < kMaxOptimisticAttempts; ++attempt) {
    auto stored = dynamodb::get_order(impl_->runner, impl_->options.table_name, order.order_id);
    const std::optional<Order> before = stored ? std::optional<Order>(std::move(stored->order)) : std::nullopt;
    if (impl_->writer.commit(before, stored ? stored->version : 0, order) == OrderWriter::Result::kCommitted) return;
  }
  give_up("replace", order.order_id);
}

std::optional<Order> OrderManagerDynamoDB::find_order(const std::string& order_id) {
  impl_->ensure_ready();
  auto stored = dynamodb::get_order(impl_->runner, impl_->options.table_name, order_id);
  if (!stored) return std::nullopt;
  return std::move(stored->order);
}

std::vector<Order> OrderManagerDynamoDB::find_customer_orders(const std::string& customer_name,
                                                              std::optional<int> limit,
                                                              std::optional<OrderStatus> status) {
  impl_->ensure_ready();
  return dynamodb::query_index(impl_->runner, impl_->options.table_name,
                               {std::string(dynamodb::kCustomerNameIndex), std::string(dynamodb::kCustomerNameAttr),
                                customer_name, /*newest_first=*/true, limit, status});
}

std::optional<Order> OrderManagerDynamoDB::find_last_order(const std::string& customer_id) {
  impl_->ensure_ready();
  std::vector<Order> orders =
      dynamodb::query_index(impl_->runner, impl_->options.table_name,
                            {std::string(dynamodb::kCustomerIdIndex), std::string(dynamodb::kCustomerIdAttr),
                             customer_id, /*newest_first=*/true, 1, std::nullopt});
  if (orders.empty()) return std::nullopt;
  return std::move(orders.front());
}

std::vector<Order> OrderManagerDynamoDB::find_orders_by_status(OrderStatus status, std::optional<int> limit) {
  impl_->ensure_ready();
  return dynamodb::query_index(impl_->runner, impl_->options.table_name,
                               {std::string(dynamodb::kStatusIndex), std::string(dynamodb::kStatusAttr),
                                std::string(to_string(status)), /*newest_first=*/false, limit, std::nullopt});
}

OrderManagerInterface::ModifyResult OrderManagerDynamoDB::modify_order(const std::string& order_id,
                                                                       const Mutation& mutate) {
  impl_->ensure_ready();
  for (int attempt = 0; attempt < kMaxOptimisticAttempts; ++attempt) {
    auto stored = dynamodb::get_order(impl_->runner, impl_->options.table_name, order_id);
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
    if (impl_->writer.commit(stored->order, stored->version, changed) == OrderWriter::Result::kCommitted)
      return ModifyResult::kWritten;
    if (attempt > 0) dynamodb::backoff(attempt);
  }
  give_up("update", order_id);
}

OrderAggregates OrderManagerDynamoDB::aggregate_orders() {
  impl_->ensure_ready();
  std::vector<json> keys;
  for (int shard = 0; shard < dynamodb::kStatisticsShards; ++shard) keys.push_back(dynamodb::shard_key_value(shard));
  keys.push_back(dynamodb::clearing_flag_key_value());
  const std::vector<json> items = dynamodb::batch_get(impl_->runner, impl_->stats_table, keys);
  if (std::any_of(items.begin(), items.end(), dynamodb::is_clearing_flag)) {
    std::map<std::string, std::int64_t> orders_per_customer;
    return count_orders(impl_->runner, impl_->options.table_name, orders_per_customer);
  }
  return dynamodb::aggregates_from_shards(items);
}

bool OrderManagerDynamoDB::erase_order(const std::string& order_id) {
  impl_->ensure_ready();
  for (int attempt = 0; attempt < kMaxOptimisticAttempts; ++attempt) {
    auto stored = dynamodb::get_order(impl_->runner, impl_->options.table_name, order_id);
    if (!stored) return false;
    if (impl_->writer.commit(stored->order, stored->version, std::nullopt) == OrderWriter::Result::kCommitted)
      return true;
    if (attempt > 0) dynamodb::backoff(attempt);
  }
  give_up("delete", order_id);
}

void OrderManagerDynamoDB::erase_all_orders() {
  impl_->ensure_ready();
  // Many requests over two tables, so it can stop half-way: the flag, written first and deleted
  // last, makes get_order_statistics count the orders until a clear completes.
  impl_->runner.call("PutItem", {{"TableName", impl_->stats_table}, {"Item", dynamodb::clearing_flag_key_value()}});
  // Orders first, then the statistics (the flag last): a Scan of keys, deleted 25 per BatchWriteItem.
  // Not a structured binding: clang before 16 cannot capture one in the lambda (the fuzz build).
  for (const auto& table_and_key :
       {std::pair{impl_->options.table_name, std::string(dynamodb::kOrderIdAttr)},
        std::pair{impl_->stats_table, std::string(dynamodb::kStatsKeyAttr)}}) {
    const std::string& table = table_and_key.first;
    dynamodb::scan_all(impl_->runner, table, {table_and_key.second}, [&](const json& items) {
      std::vector<json> deletes;
      for (const json& item : items)
        if (!dynamodb::is_clearing_flag(item)) deletes.push_back({{"DeleteRequest", {{"Key", item}}}});
      dynamodb::batch_write(impl_->runner, table, deletes);
    });
  }
  impl_->writer.hints().clear();
  impl_->runner.call("DeleteItem", {{"TableName", impl_->stats_table}, {"Key", dynamodb::clearing_flag_key_value()}});
}

OrderPage OrderManagerDynamoDB::scan_orders(const std::string& after_order_id, int page_size) {
  impl_->ensure_ready();
  return dynamodb::scan_page(impl_->runner, impl_->options.table_name, after_order_id, page_size);
}

OrderStatistics OrderManagerDynamoDB::recompute_statistics() {
  impl_->ensure_ready();
  // Orders other clients wrote get the engine's version and sort key first, so that from now on
  // the counters include them and writes treat them as counted (order_survey.hpp).
  dynamodb::adopt_foreign_orders(impl_->runner, impl_->options.table_name);
  std::map<std::string, std::int64_t> orders_per_customer;
  const OrderAggregates aggregates = count_orders(impl_->runner, impl_->options.table_name, orders_per_customer);

  // Replace the statistics table's content: stale items (a clearing flag among them) go, shards and
  // markers are rewritten.
  std::vector<json> writes;
  std::set<std::string> wanted;
  for (json& item : dynamodb::shard_items_for(aggregates)) {
    wanted.insert(item.at(std::string(dynamodb::kStatsKeyAttr)).at("S").get<std::string>());
    writes.push_back({{"PutRequest", {{"Item", std::move(item)}}}});
  }
  for (const auto& [customer_id, count] : orders_per_customer) {
    json item = dynamodb::marker_key_value(customer_id);
    item[dynamodb::kMarkerOrdersAttr] = aws::N(count);
    wanted.insert(item.at(std::string(dynamodb::kStatsKeyAttr)).at("S").get<std::string>());
    writes.push_back({{"PutRequest", {{"Item", std::move(item)}}}});
  }
  dynamodb::scan_all(impl_->runner, impl_->stats_table, {std::string(dynamodb::kStatsKeyAttr)},
                     [&](const json& items) {
                       for (const json& item : items)
                         if (!wanted.contains(item.at(std::string(dynamodb::kStatsKeyAttr)).at("S").get<std::string>()))
                           writes.push_back({{"DeleteRequest", {{"Key", item}}}});
                     });
  dynamodb::batch_write(impl_->runner, impl_->stats_table, writes);
  impl_->writer.hints().clear();
  return domain::statistics_from(aggregates);
}

}  // namespace managers
