#pragma once

// `upgrade-table`: converts a table of the earlier Python module's layout (GSIs keyed on the
// attribute alone) into the engine's, in place and online. DynamoDbOrderStore::upgrade runs:
//
//   0. the `upgrading` flag into <table>-stats (statistics_counters.hpp): from now until the last
//      step, get_order_statistics counts the orders instead of trusting the counters;
//   1. adopt every order other clients wrote (order_survey.hpp adopt_foreign_orders: a conditional
//      UpdateItem sets version 1 and created_sort, so a concurrent write is never clobbered);
//   2. per index not yet the engine's (or, when DynamoDbOptions::index_projection is set, not of
//      that projection), one at a time: UpdateTable Delete, wait until it is gone, UpdateTable
//      Create (partition key + created_sort, the projection asked for, ALL by default), wait until
//      ACTIVE and no longer backfilling. Meanwhile reads of that index Scan the table
//      (legacy_queries.hpp);
//   3. recompute the statistics, then delete the flag.
//
// Every step looks at the table as it is and does only what is missing, so a run killed at any
// point is finished by the next one, and a run on an upgraded table (all indexes sorted and
// ACTIVE, no flag) does nothing.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dynamodb/request_runner.hpp"
#include "managers/order_manager_dynamodb.hpp"

namespace managers::dynamodb {

// True when the `upgrading` flag is in the statistics table (false when that table is missing).
bool upgrade_in_progress(RequestRunner& runner, const std::string& stats_table);

// The steps an upgrade of the described table would take, as sentences; empty when there is
// nothing to do. `projection`: the one every index must have (unset: any the engine can read).
std::vector<std::string> upgrade_steps(const nlohmann::json& table, bool in_progress,
                                       std::optional<IndexProjection> projection);

}  // namespace managers::dynamodb
