#include "dynamodb/order_survey.hpp"

#include "aws/attribute_value.hpp"
#include "dynamodb/item_mapping.hpp"
#include "dynamodb/key_codec.hpp"
#include "dynamodb/order_queries.hpp"
#include "dynamodb/table_schema.hpp"
#include "domain/statistics.hpp"
#include "managers/errors.hpp"

namespace managers::dynamodb {
namespace {

using nlohmann::json;

std::string key_of(const json& item) {
  return item.value(std::string(kOrderIdAttr), json::object()).value("S", std::string());
}

// Each readable order with its item, or the item's reason for not being one.
template <typename OnOrder, typename OnCorrupt>
void walk(RequestRunner& runner, const std::string& table, OnOrder on_order, OnCorrupt on_corrupt) {
  scan_all(runner, table, {}, [&](const json& items) {
    for (const json& item : items) {
      std::optional<Order> order;
      try {
        order = order_from_item(item);
      } catch (const StorageError& error) {
        if (error.code() != "CorruptItem") throw;
        on_corrupt(UnreadableOrder{key_of(item), error.backend_message()});
        continue;
      }
      on_order(*order, item);
    }
  });
}

std::map<OrderStatus, StatusTotals> nonzero(const std::map<OrderStatus, StatusTotals>& totals) {
  std::map<OrderStatus, StatusTotals> out;
  for (const auto& [status, value] : totals)
    if (value.orders != 0 || value.revenue != Money()) out[status] = value;
  return out;
}

}  // namespace

OrderSurvey survey_orders(RequestRunner& runner, const std::string& table) {
  OrderSurvey survey;
  walk(
      runner, table,
      [&](const Order&, const json& item) {
        ++survey.readable;
        if (item_version(item) == 0) ++survey.foreign;
        if (!item.contains(std::string(kCreatedSortAttr))) ++survey.without_sort_key;
      },
      [&](UnreadableOrder corrupt) {
        ++survey.corrupt_count;
        if (survey.corrupt.size() < kMaxListedCorrupt) survey.corrupt.push_back(std::move(corrupt));
      });
  // What the counters should hold, counted as recompute_statistics() counts, so that a recount
  // always agrees with the check.
  survey.aggregates = count_orders(runner, table, survey.orders_per_customer);
  return survey;
}

OrderAggregates count_orders(RequestRunner& runner, const std::string& table,
                             std::map<std::string, std::int64_t>& orders_per_customer) {
  OrderAggregates aggregates;
  scan_all(runner, table, {"order_id", "customer_id", "status", "total_price"}, [&](const json& items) {
    for (const json& item : items) {
      OrderFigures figures;
      try {
        figures = order_figures_from_item(item);
      } catch (const StorageError& error) {
        if (error.code() != "CorruptItem") throw;
        continue;  // not an order: `check` names it
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

std::int64_t adopt_foreign_orders(RequestRunner& runner, const std::string& table,
                                  const std::function<void(std::int64_t scanned)>& on_item) {
  std::int64_t adopted = 0;
  std::int64_t scanned = 0;
  walk(
      runner, table,
      [&](const Order& order, const json& item) {
        if (on_item) on_item(++scanned);
        if (item_version(item) != 0) return;
        try {
          runner.call("UpdateItem",
                      {{"TableName", table},
                       {"Key", {{std::string(kOrderIdAttr), aws::S(order.order_id)}}},
                       {"UpdateExpression", "SET #v = :one, #sort = :sort"},
                       // Still the item read: not written since by the engine (version) nor
                       // re-put by another client with another creation time (created_at, the
                       // sort key's source). Only two attributes are set: nothing is clobbered.
                       {"ConditionExpression",
                        "attribute_exists(#id) AND attribute_not_exists(#v) AND #c = :created"},
                       {"ExpressionAttributeNames",
                        {{"#v", kVersionAttr}, {"#sort", kCreatedSortAttr}, {"#id", kOrderIdAttr},
                         {"#c", "created_at"}}},
                       {"ExpressionAttributeValues",
                        {{":one", aws::N(1)},
                         {":sort", aws::S(created_sort_key(order.created_at, order.order_id))},
                         {":created", item.at("created_at")}}}});
          ++adopted;
        } catch (const ServiceFailure& failure) {
          // Written or deleted meanwhile (through the engine or not): nothing to adopt.
          if (failure.code() != "ConditionalCheckFailedException") throw;
        }
      },
      [&](const UnreadableOrder&) {
        if (on_item) on_item(++scanned);
      });
  return adopted;
}

bool same_aggregates(const OrderAggregates& a, const OrderAggregates& b) {
  const auto left = nonzero(a.by_status);
  const auto right = nonzero(b.by_status);
  if (a.unique_customers != b.unique_customers || left.size() != right.size()) return false;
  for (const auto& [status, totals] : left) {
    const auto found = right.find(status);
    if (found == right.end() || found->second.orders != totals.orders || found->second.revenue != totals.revenue)
      return false;
  }
  return true;
}

std::string describe_aggregates(const OrderAggregates& aggregates) {
  const OrderStatistics statistics = domain::statistics_from(aggregates);
  return std::to_string(statistics.total_orders) + " orders, revenue " + statistics.total_revenue.to_string() + ", " +
         std::to_string(statistics.unique_customers) + " customers";
}

void report_survey(const OrderSurvey& survey, const OrderAggregates& counters, HealthReport& report) {
  report.facts.push_back("orders: " + std::to_string(survey.readable) + " readable, " +
                         std::to_string(survey.corrupt_count) + " unreadable, " + std::to_string(survey.foreign) +
                         " written by other clients and not yet adopted");
  for (const UnreadableOrder& corrupt : survey.corrupt)
    report.problems.push_back({"order item " + corrupt.order_id + " cannot be read: " + corrupt.reason,
                               "repair or delete the item (aws dynamodb get-item / delete-item on key order_id = " +
                                   corrupt.order_id + "); export and migrate skip it and report it"});
  if (survey.corrupt_count > static_cast<std::int64_t>(survey.corrupt.size()))
    report.problems.push_back({std::to_string(survey.corrupt_count - static_cast<std::int64_t>(survey.corrupt.size())) +
                                   " more order items cannot be read",
                               "fix the ones listed, then run check again"});
  if (survey.foreign > 0 || survey.without_sort_key > 0)
    report.problems.push_back(
        {std::to_string(survey.foreign) + " order(s) written by another client lack the engine's version, and " +
             std::to_string(survey.without_sort_key) +
             " lack created_sort: the statistics do not count them and index queries (customer-orders, "
             "last-order, by-status) do not find them",
         "run: order-manager recompute-stats (adopts them and recounts)"});
  if (!same_aggregates(survey.aggregates, counters))
    report.problems.push_back({"the statistics counters are out of step with the orders: the counters hold " +
                                   describe_aggregates(counters) + ", the table holds " +
                                   describe_aggregates(survey.aggregates),
                               "run: order-manager recompute-stats (while nothing else writes)"});
}

}  // namespace managers::dynamodb
