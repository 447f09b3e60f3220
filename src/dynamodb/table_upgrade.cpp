// DynamoDbOrderStore::pending_upgrade / upgrade (table_upgrade.hpp) and their helpers.

#include "dynamodb/table_upgrade.hpp"

#include "aws/attribute_value.hpp"
#include "domain/timestamps.hpp"
#include "dynamodb/dynamodb_order_store.hpp"
#include "dynamodb/order_survey.hpp"
#include "dynamodb/statistics_counters.hpp"
#include "dynamodb/table_schema.hpp"
#include "dynamodb/table_setup.hpp"

namespace managers::dynamodb {
namespace {

using nlohmann::json;

// Building an index reads every item of the table: on AWS that can take hours for a big table. The
// bound only stops a run that waits on something that will never happen; a rerun resumes.
constexpr int kIndexBuildTimeoutMs = 6 * 3600 * 1000;

std::string status_of(const json& index) { return index.value("IndexStatus", std::string()); }

// `projection`: the one asked for (DynamoDbOptions::index_projection), or any the engine reads.
bool projection_wanted(const json& index, const IndexShape& shape, std::optional<IndexProjection> projection) {
  return projection ? index_projection_is(index, shape, *projection) : index_projection_usable(index, shape);
}

bool index_ready(const json& table, const IndexShape& shape, std::optional<IndexProjection> projection) {
  const json* index = find_index(table, shape.name);
  return index != nullptr && index_has_our_keys(*index, shape) && projection_wanted(*index, shape, projection) &&
         is_sorted(index_modes(table)[index_position(shape.name)]);
}

// What an index needs, in steps of their own so that progress (and a test killing the run) can
// tell "the old index is gone" from "the new one is built".
struct IndexWork {
  bool drop = false;   // the earlier module's index (or one projecting too little) is there, or being deleted
  bool build = false;  // ours must be created, or waited for
};

IndexWork index_work(const json& table, const IndexShape& shape, std::optional<IndexProjection> projection) {
  if (index_ready(table, shape, projection)) return {};
  const json* index = find_index(table, shape.name);
  return {index != nullptr && (!index_has_our_keys(*index, shape) || !projection_wanted(*index, shape, projection)),
          true};
}

// Why `index` (there, with our keys or not) is dropped, for the list of steps.
std::string drop_reason(const json& index, const IndexShape& shape, std::optional<IndexProjection> projection) {
  if (!index_has_our_keys(index, shape)) return "no sort key " + std::string(shape.sort_key);
  if (!index_projection_usable(index, shape)) return "projects neither ALL nor status";
  const std::string now = index.value("Projection", json::object()).value("ProjectionType", std::string("?"));
  return "projection " + now + "; rebuilt with " +
         (projection == IndexProjection::kKeys ? std::string("the keys and status") : std::string("ALL"));
}

}  // namespace

bool upgrade_in_progress(RequestRunner& runner, const std::string& stats_table) {
  try {
    const json reply =
        runner.call("GetItem", {{"TableName", stats_table}, {"Key", upgrading_flag_key_value()}, {"ConsistentRead", true}});
    const auto item = reply.find("Item");
    return item != reply.end() && item->is_object() && !item->empty();
  } catch (const ServiceFailure& failure) {
    if (failure.code() == "ResourceNotFoundException") return false;
    throw;
  }
}

std::vector<std::string> upgrade_steps(const json& table, bool in_progress, std::optional<IndexProjection> projection) {
  std::vector<std::string> index_steps;
  for (const IndexShape& shape : kIndexes) {
    const IndexWork work = index_work(table, shape, projection);
    const json* index = find_index(table, shape.name);
    const std::string name(shape.name);
    if (work.drop) index_steps.push_back("drop index " + name + " (" + drop_reason(*index, shape, projection) + ")");
    if (work.build)
      index_steps.push_back((index != nullptr && !work.drop ? "wait until DynamoDB has built index " : "build index ") +
                            name + " sorted by " + std::string(shape.sort_key));
  }
  if (index_steps.empty() && !in_progress) return {};
  std::vector<std::string> steps = {"give every order written by another client the engine's version and sort key"};
  steps.insert(steps.end(), index_steps.begin(), index_steps.end());
  steps.push_back("count the statistics into " + stats_table_name(table.value("TableName", std::string())));
  return steps;
}

std::vector<std::string> DynamoDbOrderStore::pending_upgrade() {
  ensure_ready();
  const std::optional<json> table = describe_table(runner_, options_.table_name);
  if (!table) return {};
  return upgrade_steps(*table, upgrade_in_progress(runner_, stats_table_), options_.index_projection);
}

bool DynamoDbOrderStore::upgrade(const UpgradeProgressHandler& progress) {
  ensure_ready();
  const std::string& table_name = options_.table_name;
  std::optional<json> table = describe_table(runner_, table_name);
  if (!table) return false;
  const std::vector<std::string> steps =
      upgrade_steps(*table, upgrade_in_progress(runner_, stats_table_), options_.index_projection);
  if (steps.empty()) return false;
  const int count = static_cast<int>(steps.size());
  int step = 0;
  auto announce = [&](std::string unit, std::int64_t done, std::optional<std::int64_t> total) {
    if (progress) progress({step, count, steps[static_cast<std::size_t>(step - 1)], std::move(unit), done, total});
  };

  // 0. From here on the counters are not trusted until the last step (statistics_counters.hpp).
  json flag = upgrading_flag_key_value();
  flag["started_at"] = aws::S(domain::utc_now());
  runner_.call("PutItem", {{"TableName", stats_table_}, {"Item", flag}});

  // 1. Every order gets what the sorted indexes and the counters need.
  ++step;
  const std::optional<std::int64_t> items =
      table->contains("ItemCount") && (*table)["ItemCount"].is_number_integer()
          ? std::optional<std::int64_t>((*table)["ItemCount"].get<std::int64_t>())
          : std::nullopt;
  announce("orders", 0, items);
  adopt_foreign_orders(runner_, table_name, [&](std::int64_t scanned) {
    announce("orders", scanned, items && *items >= scanned ? items : std::nullopt);
  });

  // 2. One index at a time: DynamoDB changes one GSI per UpdateTable, and a table keeps serving
  // while it does; reads of the index being replaced Scan meanwhile (legacy_queries.hpp).
  const bool provisioned = billing_mode_of(*table) != "PAY_PER_REQUEST";
  // UpdateTable is refused while the table is still UPDATING from a previous change.
  const auto table_active = [](const json& t) { return t.value("TableStatus", std::string()) == "ACTIVE"; };
  for (const IndexShape& shape : kIndexes) {
    const IndexWork work = index_work(*table, shape, options_.index_projection);
    const std::string name(shape.name);
    if (work.drop) {
      ++step;
      announce("", 0, std::nullopt);
      const json* index = find_index(*table, name);
      if (index != nullptr && status_of(*index) != "DELETING") {
        wait_for_table(runner_, table_name, kIndexBuildTimeoutMs, table_active, "become ACTIVE");
        runner_.call("UpdateTable", {{"TableName", table_name},
                                     {"GlobalSecondaryIndexUpdates", json::array({{{"Delete", {{"IndexName", name}}}}})}});
      }
      refresh_index_modes();  // this process's own reads of the index Scan from now on
      table = wait_for_table(
          runner_, table_name, kIndexBuildTimeoutMs, [&name](const json& t) { return find_index(t, name) == nullptr; },
          "drop index " + name);
    }
    if (work.build) {
      ++step;
      announce("", 0, std::nullopt);
      if (find_index(*table, name) == nullptr) {
        wait_for_table(runner_, table_name, kIndexBuildTimeoutMs, table_active, "become ACTIVE");
        runner_.call("UpdateTable", create_index_request(table_name, shape, provisioned, options_));
      }
      refresh_index_modes();
      table = wait_for_table(
          runner_, table_name, kIndexBuildTimeoutMs,
          [&](const json& t) { return index_ready(t, shape, options_.index_projection); },
          "have index " + name + " ACTIVE");
      take_index_modes(*table);
    }
  }

  // 3. The counters, then the flag: statistics come from the counters again.
  ++step;
  announce("", 0, std::nullopt);
  recompute();
  runner_.call("DeleteItem", {{"TableName", stats_table_}, {"Key", upgrading_flag_key_value()}});
  refresh_index_modes();
  announce("", 1, 1);
  return true;
}

}  // namespace managers::dynamodb
