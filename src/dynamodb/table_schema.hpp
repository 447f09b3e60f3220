#pragma once

// The shape of the two tables the engine uses, as CreateTable requests and as a check of what
// DescribeTable reports. Nothing here talks to the network.
//
//   <table>        partition key order_id (S); GSIs customer_id_index, customer_name_index and
//                  status_index, each partitioned by its attribute and sorted by created_sort
//                  (created_at#order_id), projection ALL so list queries need no extra reads
//                  (or, with IndexProjection::kKeys, the keys and status: list queries then read
//                  their orders from the table).
//   <table>-stats  partition key pk (S): the statistics counter shards and one marker per customer.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "managers/order_manager_dynamodb.hpp"

namespace managers::dynamodb {

// Attribute names of an order item that keys or indexes use.
inline constexpr std::string_view kOrderIdAttr = "order_id";
inline constexpr std::string_view kCustomerIdAttr = "customer_id";
inline constexpr std::string_view kCustomerNameAttr = "customer_name";
inline constexpr std::string_view kStatusAttr = "status";
inline constexpr std::string_view kCreatedSortAttr = "created_sort";
// Partition key of the statistics table.
inline constexpr std::string_view kStatsKeyAttr = "pk";

inline constexpr std::string_view kCustomerIdIndex = "customer_id_index";
inline constexpr std::string_view kCustomerNameIndex = "customer_name_index";
inline constexpr std::string_view kStatusIndex = "status_index";

struct IndexShape {
  std::string_view name;
  std::string_view partition_key;
  std::string_view sort_key;
};
inline constexpr std::array<IndexShape, 3> kIndexes = {{
    {kCustomerIdIndex, kCustomerIdAttr, kCreatedSortAttr},
    {kCustomerNameIndex, kCustomerNameAttr, kCreatedSortAttr},
    {kStatusIndex, kStatusAttr, kCreatedSortAttr},
}};
// Where the index `name` is in kIndexes.
constexpr std::size_t index_position(std::string_view name) {
  for (std::size_t i = 0; i < kIndexes.size(); ++i)
    if (kIndexes[i].name == name) return i;
  return kIndexes.size();
}

// "<table>-stats". Still matched by the spec's IAM resource "table/orders*".
std::string stats_table_name(const std::string& table_name);

// The one rule for table names, used by the engine and the factory alike: DynamoDB's own rule
// (3 to 255 characters of a-z A-Z 0-9 _ - .) with room for the "-stats" suffix of the statistics
// table, so 3 to 249 characters. Throws ConfigurationError naming `source` (the field, variable
// or option the name came from) otherwise.
inline constexpr std::size_t kMaxTableNameLength = 255 - 6;  // 6 = "-stats"
void validate_table_name(const std::string& table_name, std::string_view source = "table_name");

nlohmann::json create_orders_table_request(const DynamoDbOptions& options);
nlohmann::json create_stats_table_request(const DynamoDbOptions& options);

// What differs between DescribeTable's "Table" object and the shape the engine cannot work
// without, one sentence per difference naming it ("table orders has partition key id; expected
// order_id"). Empty when the table is usable. Only the table's own key counts here: the indexes
// may be in any state (index_mode below), extra indexes and attributes are allowed.
std::vector<std::string> orders_table_differences(const nlohmann::json& table);

// How the engine can read one of its three indexes on an existing table. The earlier Python
// module created them keyed on the attribute alone, so their order is not time order; an index
// being replaced by `upgrade-table` is missing or building for a while. Each mode answers
// exactly what the interface documents, at different costs (docs/DYNAMODB.md, "Legacy tables").
enum class IndexMode {
  kSorted,       // ours (partition key + created_sort, projection ALL, ACTIVE): Query in index order
  kSortedKeys,   // ours with IndexProjection::kKeys (KEYS_ONLY, or INCLUDE with status): Query in
                 // index order, then read the listed orders from the table (BatchGetItem)
  kUnsorted,     // partition key right, no or another sort key, ACTIVE, projection ALL: Query the
                 // whole partition, sort on the client
  kUnavailable,  // missing, not ACTIVE, backfilling, or projecting neither ALL nor the keys and
                 // status: Scan the table with a filter, sort on the client
};
std::array<IndexMode, kIndexes.size()> index_modes(const nlohmann::json& table);
// Sorted by created_sort: a list query reads in index order (the engine's own layout).
inline bool is_sorted(IndexMode mode) { return mode == IndexMode::kSorted || mode == IndexMode::kSortedKeys; }
inline bool is_legacy(const std::array<IndexMode, kIndexes.size()>& modes) {
  for (IndexMode mode : modes)
    if (!is_sorted(mode)) return true;
  return false;
}
// One sentence per index that is not sorted ("index status_index has no sort key (expected
// created_sort)"), for `check` and the engine's warning.
std::vector<std::string> legacy_index_notes(const nlohmann::json& table);
// Whether the index is there with the engine's key schema (any status) and a projection the
// engine can read (ALL, or the keys with status): upgrade-table then only waits for it instead of
// replacing it.
bool index_has_our_keys(const nlohmann::json& index, const IndexShape& shape);
bool index_projection_usable(const nlohmann::json& index, const IndexShape& shape);
// Whether the index projects what `projection` makes (ALL; the keys with status).
bool index_projection_is(const nlohmann::json& index, const IndexShape& shape, IndexProjection projection);
// DescribeTable's entry for `name` among the table's GSIs, or nullptr.
const nlohmann::json* find_index(const nlohmann::json& table, std::string_view name);
// The UpdateTable request that creates `shape` as the engine creates it (billing as the table's).
nlohmann::json create_index_request(const std::string& table_name, const IndexShape& shape, bool provisioned,
                                    const DynamoDbOptions& options);
std::vector<std::string> stats_table_differences(const nlohmann::json& table);

// True when the table and every one of its GSIs are ACTIVE (and none is backfilling).
bool table_is_active(const nlohmann::json& table);

// "PROVISIONED" or "PAY_PER_REQUEST" as DescribeTable reports it (tables created before on-demand
// existed have no BillingModeSummary and are provisioned).
std::string billing_mode_of(const nlohmann::json& table);

}  // namespace managers::dynamodb
