#pragma once

// O(1) statistics: the aggregates live in the companion table "<table>-stats" and change in the
// same TransactWriteItems as the order they describe.
//
//   pk = "shard#0" .. "shard#7"   count_<STATUS> (orders), revenue_<STATUS> (cents), unique_customers.
//                                 A write adds its delta to ONE random shard, so no single item takes
//                                 every write (the spec's hot-partition warning); a read sums all 8
//                                 (one BatchGetItem, whatever the table size).
//   pk = "customer#<customer_id>" orders: how many orders the customer has. Created with the
//                                 customer's first order (unique_customers + 1), deleted with the
//                                 last (unique_customers - 1).
//   pk = "clearing"               present while clear_all_orders runs (written first, deleted last):
//                                 if a clear stopped half-way, the counters no longer describe the
//                                 orders, so statistics are counted from the orders until a clear
//                                 finishes or recompute_statistics() rewrites the counters.
//   pk = "upgrading"              present while `upgrade-table` converts a table of the earlier
//                                 module's layout (written first, deleted last): the counters do not
//                                 describe the orders yet, so statistics are counted from the orders
//                                 (table_upgrade.hpp).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "managers/order.hpp"
#include "managers/order_manager_interface.hpp"
#include "store/order_aggregates.hpp"

namespace managers::dynamodb {

inline constexpr int kStatisticsShards = 8;
inline constexpr const char* kUniqueCustomersAttr = "unique_customers";
inline constexpr const char* kMarkerOrdersAttr = "orders";
inline constexpr const char* kClearingFlagKey = "clearing";
inline constexpr const char* kUpgradingFlagKey = "upgrading";

// The net change one write makes to the statistics.
struct StatisticsDelta {
  std::map<OrderStatus, StatusTotals> by_status;  // counts and revenue may be negative; zeros dropped
  std::map<std::string, int> customers;           // customer_id -> +1 or -1; zeros dropped
  bool empty() const { return by_status.empty() && customers.empty(); }
};
StatisticsDelta delta_between(const std::optional<Order>& before, const std::optional<Order>& after);

// What the engine believes about a customer's marker when it writes the transaction; the item's
// condition makes a wrong belief cancel the transaction instead of corrupting the count.
enum class MarkerState {
  kAbsent,       // no marker: an increment creates it (unique_customers + 1)
  kPresent,      // a marker with orders >= 1: an increment adds 1
  kMoreThanOne,  // orders > 1: a decrement subtracts 1
  kLast,         // orders <= 1: a decrement deletes the marker (unique_customers - 1)
};

// The transaction item for one customer's marker, and what it does to unique_customers.
struct MarkerWrite {
  nlohmann::json transact_item;
  int unique_customers_change = 0;
};
// `change` is +1 (state kAbsent or kPresent) or -1 (state kAbsent, kMoreThanOne or kLast; a
// decrement of an absent marker only asserts it is absent, for statistics already out of step).
MarkerWrite marker_write(const std::string& stats_table, const std::string& customer_id, int change,
                         MarkerState state);
// The state a marker item read with GetItem is in for a change of `change` (item null: absent).
MarkerState marker_state_of(const nlohmann::json* item, int change);

// The ADD clause of an UpdateExpression over counters ("#a0 :v0, #a1 :v1"), writing the names and
// values it uses into the request's own maps: one builder for every counter update of both write
// modes (an intent, its revert, the transactional shard update).
class CounterAdds {
 public:
  CounterAdds(nlohmann::json& names, nlohmann::json& values) : names_(names), values_(values) {}
  void add(const std::string& attribute, std::int64_t amount);
  const std::string& terms() const { return terms_; }  // "" while nothing was added

 private:
  nlohmann::json& names_;
  nlohmann::json& values_;
  std::string terms_;
  int next_ = 0;
};

// The REMOVE clause's terms for `attributes` ("#r0, #r1"), at most `limit` of them, writing their
// names into the request's ExpressionAttributeNames: one builder for the writer's removal of settled
// intents and the reader's removal of complete ones. "" when there is none.
std::string remove_terms(const std::vector<std::string>& attributes, nlohmann::json& names,
                         std::size_t limit = SIZE_MAX);

// The transaction item adding the per-status delta and `unique_customers_change` to `shard`, or
// null when there is nothing to add.
nlohmann::json shard_update(const std::string& stats_table, int shard, const StatisticsDelta& delta,
                            int unique_customers_change);

// A whole number attribute value ({"N": "-12"}), read strictly: the whole text, in int64 range.
// Throws StorageError "CorruptItem" naming `what` otherwise. Every counter and intent field goes
// through it.
std::int64_t whole_number(const nlohmann::json& value, const std::string& what);

// Sums the shard items (as GetItem / BatchGetItem return them). Throws StorageError for a
// malformed counter.
OrderAggregates aggregates_from_shards(const std::vector<nlohmann::json>& shard_items);

// The shard items that hold `aggregates` (all on shard 0, the other shards zero), for recompute.
std::vector<nlohmann::json> shard_items_for(const OrderAggregates& aggregates);

nlohmann::json shard_key_value(int shard);
nlohmann::json clearing_flag_key_value();
bool is_clearing_flag(const nlohmann::json& item);
nlohmann::json upgrading_flag_key_value();
bool is_upgrading_flag(const nlohmann::json& item);
nlohmann::json marker_key_value(const std::string& customer_id);

}  // namespace managers::dynamodb
