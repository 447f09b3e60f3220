#pragma once

// A full look at the orders table, for what only a Scan can tell: items other clients wrote.
//
//  - A "foreign" order is a readable order item without the engine's `version` attribute (put
//    by boto3, the AWS CLI...). The statistics counters never counted it and, without
//    created_sort, the index queries do not find it. The write path counts it in on its first
//    write through the engine (order_writer.hpp); adopt_foreign_orders() does so for all at once.
//  - A corrupt item is not an order even read leniently (item_mapping.hpp): named by its key.
//
// Cost: consistent Scans of the whole table (about 1 RCU per 4 KB scanned; survey_orders makes
// two, adopt_foreign_orders one plus one UpdateItem per foreign order). Used by `check` and
// `recompute-stats`, never by the spec's methods.

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "dynamodb/request_runner.hpp"
#include "managers/health_report.hpp"
#include "managers/order_manager_interface.hpp"
#include "store/order_aggregates.hpp"

namespace managers::dynamodb {

struct OrderSurvey {
  std::int64_t readable = 0;
  std::int64_t foreign = 0;                      // readable, no version: not in the counters
  std::int64_t without_sort_key = 0;             // readable, no created_sort: not found by index queries
  std::vector<UnreadableOrder> corrupt;          // the first kMaxListed
  std::int64_t corrupt_count = 0;
  OrderAggregates aggregates;  // what the counters should hold, counted as recompute_statistics() counts
  std::map<std::string, std::int64_t> orders_per_customer;
};
inline constexpr std::size_t kMaxListedCorrupt = 20;

OrderSurvey survey_orders(RequestRunner& runner, const std::string& table);

// The statistics counted from the orders themselves (a consistent Scan of the three attributes
// they depend on; corrupt items not counted): what recompute_statistics() writes back, what
// get_order_statistics() answers while the counters are known to be out of step (a
// clear_all_orders that stopped half-way), and what `check` compares the counters with.
OrderAggregates count_orders(RequestRunner& runner, const std::string& table,
                             std::map<std::string, std::int64_t>& orders_per_customer);

// Gives every readable foreign order the engine's version (1) and its created_sort, each with a
// condition (still without a version), so the index queries find it and later writes treat it as
// counted; recompute_statistics() and upgrade-table call it. Returns how many were adopted.
// `on_item` (optional) hears the running count of items scanned, for a progress bar.
std::int64_t adopt_foreign_orders(RequestRunner& runner, const std::string& table,
                                  const std::function<void(std::int64_t scanned)>& on_item = {});

// True when the counters hold what the survey counted (zero entries ignored).
bool same_aggregates(const OrderAggregates& a, const OrderAggregates& b);

// "3 orders, revenue 12.00, 2 customers" for messages.
std::string describe_aggregates(const OrderAggregates& aggregates);

// What `check` says about the survey: a fact with the counts, and a problem (with its fix) for
// each unreadable item, for foreign orders, and for counters that differ from what it counted.
void report_survey(const OrderSurvey& survey, const OrderAggregates& counters, HealthReport& report);

}  // namespace managers::dynamodb
