#include "dynamodb/statistics_counters.hpp"

#include <charconv>
#include <stdexcept>

#include "aws/attribute_value.hpp"
#include "dynamodb/key_codec.hpp"
#include "dynamodb/table_schema.hpp"
#include "managers/errors.hpp"

namespace managers::dynamodb {
namespace {

using nlohmann::json;

void add(StatisticsDelta& delta, const Order& order, int sign) {
  StatusTotals& totals = delta.by_status[order.status];
  totals.orders += sign;
  totals.revenue = sign > 0 ? totals.revenue + order.total_price : totals.revenue - order.total_price;
  delta.customers[order.customer_id] += sign;
}

std::int64_t counter(const json& item, const std::string& attribute) {
  const auto found = item.find(attribute);
  if (found == item.end()) return 0;
  return whole_number(*found, "statistics counter " + attribute);
}

// Counters whose sum does not fit are as corrupt as one that is not a number.
std::int64_t add_counter(std::int64_t total, std::int64_t value, const std::string& attribute) {
  std::int64_t sum = 0;
  if (__builtin_add_overflow(total, value, &sum))
    throw StorageError("dynamodb", "CorruptItem", "statistics counter " + attribute + " overflows when summed");
  return sum;
}

}  // namespace

std::string remove_terms(const std::vector<std::string>& attributes, json& names, std::size_t limit) {
  std::string terms;
  for (std::size_t i = 0; i < attributes.size() && i < limit; ++i) {
    const std::string name = "#r" + std::to_string(i);
    terms += (terms.empty() ? "" : ", ") + name;
    names[name] = attributes[i];
  }
  return terms;
}

std::int64_t whole_number(const json& value, const std::string& what) {
  const auto text = value.is_object() ? value.find("N") : value.end();
  if (!value.is_object() || text == value.end() || !text->is_string())
    throw StorageError("dynamodb", "CorruptItem", what + " is not a number");
  const std::string& digits = text->get_ref<const std::string&>();
  std::int64_t number = 0;
  const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
  if (ec != std::errc{} || ptr != digits.data() + digits.size())
    throw StorageError("dynamodb", "CorruptItem", what + " is not whole: " + digits);
  return number;
}

StatisticsDelta delta_between(const std::optional<Order>& before, const std::optional<Order>& after) {
  StatisticsDelta delta;
  if (before) add(delta, *before, -1);
  if (after) add(delta, *after, +1);
  std::erase_if(delta.by_status,
                [](const auto& entry) { return entry.second.orders == 0 && entry.second.revenue == Money(); });
  std::erase_if(delta.customers, [](const auto& entry) { return entry.second == 0; });
  return delta;
}

json shard_key_value(int shard) { return {{std::string(kStatsKeyAttr), aws::S(shard_key(shard))}}; }

json clearing_flag_key_value() { return {{std::string(kStatsKeyAttr), aws::S(kClearingFlagKey)}}; }

bool is_clearing_flag(const json& item) {
  const auto key = item.find(kStatsKeyAttr);
  return key != item.end() && *key == aws::S(kClearingFlagKey);
}

json upgrading_flag_key_value() { return {{std::string(kStatsKeyAttr), aws::S(kUpgradingFlagKey)}}; }

bool is_upgrading_flag(const json& item) {
  const auto key = item.find(kStatsKeyAttr);
  return key != item.end() && *key == aws::S(kUpgradingFlagKey);
}

json marker_key_value(const std::string& customer_id) {
  return {{std::string(kStatsKeyAttr), aws::S(customer_marker_key(customer_id))}};
}

MarkerWrite marker_write(const std::string& stats_table, const std::string& customer_id, int change,
                         MarkerState state) {
  const json key = marker_key_value(customer_id);
  const json pk_name = {{"#pk", kStatsKeyAttr}};
  const json orders_name = {{"#orders", kMarkerOrdersAttr}};
  const json both_names = {{"#pk", kStatsKeyAttr}, {"#orders", kMarkerOrdersAttr}};
  MarkerWrite write;
  if (change > 0 && state == MarkerState::kAbsent) {
    write.transact_item = {{"Update",
                            {{"TableName", stats_table},
                             {"Key", key},
                             {"UpdateExpression", "SET #orders = :one"},
                             {"ConditionExpression", "attribute_not_exists(#pk)"},
                             {"ExpressionAttributeNames", both_names},
                             {"ExpressionAttributeValues", {{":one", aws::N(1)}}}}}};
    write.unique_customers_change = 1;
  } else if (change > 0) {
    write.transact_item = {{"Update",
                            {{"TableName", stats_table},
                             {"Key", key},
                             {"UpdateExpression", "ADD #orders :one"},
                             {"ConditionExpression", "attribute_exists(#pk)"},
                             {"ExpressionAttributeNames", both_names},
                             {"ExpressionAttributeValues", {{":one", aws::N(1)}}}}}};
  } else if (state == MarkerState::kMoreThanOne) {
    write.transact_item = {{"Update",
                            {{"TableName", stats_table},
                             {"Key", key},
                             {"UpdateExpression", "ADD #orders :minus_one"},
                             {"ConditionExpression", "#orders > :one"},
                             {"ExpressionAttributeNames", orders_name},
                             {"ExpressionAttributeValues", {{":one", aws::N(1)}, {":minus_one", aws::N(-1)}}}}}};
  } else if (state == MarkerState::kLast) {
    write.transact_item = {{"Delete",
                            {{"TableName", stats_table},
                             {"Key", key},
                             {"ConditionExpression", "#orders <= :one"},
                             {"ExpressionAttributeNames", orders_name},
                             {"ExpressionAttributeValues", {{":one", aws::N(1)}}}}}};
    write.unique_customers_change = -1;
  } else {
    // Decrement of a marker that is not there (statistics already out of step): assert it stays
    // absent, so a concurrent first order of this customer cancels and retries this write.
    write.transact_item = {{"Delete",
                            {{"TableName", stats_table},
                             {"Key", key},
                             {"ConditionExpression", "attribute_not_exists(#pk)"},
                             {"ExpressionAttributeNames", pk_name}}}};
  }
  return write;
}

MarkerState marker_state_of(const json* item, int change) {
  if (item == nullptr || !item->is_object() || item->empty()) return MarkerState::kAbsent;
  if (change > 0) return MarkerState::kPresent;
  return counter(*item, kMarkerOrdersAttr) > 1 ? MarkerState::kMoreThanOne : MarkerState::kLast;
}

void CounterAdds::add(const std::string& attribute, std::int64_t amount) {
  const std::string name = "#a" + std::to_string(next_);
  const std::string value = ":v" + std::to_string(next_);
  ++next_;
  terms_ += (terms_.empty() ? "" : ", ") + name + " " + value;
  names_[name] = attribute;
  values_[value] = aws::N(amount);
}

json shard_update(const std::string& stats_table, int shard, const StatisticsDelta& delta,
                  int unique_customers_change) {
  json names = json::object();
  json values = json::object();
  CounterAdds adds(names, values);
  for (const auto& [status, totals] : delta.by_status) {
    if (totals.orders != 0) adds.add(count_attribute(status), totals.orders);
    if (totals.revenue != Money()) adds.add(revenue_attribute(status), totals.revenue.cents());
  }
  if (unique_customers_change != 0) adds.add(kUniqueCustomersAttr, unique_customers_change);
  if (adds.terms().empty()) return nullptr;
  return {{"Update",
           {{"TableName", stats_table},
            {"Key", shard_key_value(shard)},
            {"UpdateExpression", "ADD " + adds.terms()},
            {"ExpressionAttributeNames", std::move(names)},
            {"ExpressionAttributeValues", std::move(values)}}}};
}

OrderAggregates aggregates_from_shards(const std::vector<json>& shard_items) {
  OrderAggregates aggregates;
  for (const json& item : shard_items) {
    for (OrderStatus status : kAllOrderStatuses) {
      const std::int64_t count = counter(item, count_attribute(status));
      const std::int64_t cents = counter(item, revenue_attribute(status));
      if (count == 0 && cents == 0) continue;
      StatusTotals& totals = aggregates.by_status[status];
      totals.orders = add_counter(totals.orders, count, count_attribute(status));
      try {
        totals.revenue += Money::from_cents(cents);
      } catch (const std::overflow_error&) {
        throw StorageError("dynamodb", "CorruptItem",
                           "statistics counter " + revenue_attribute(status) + " is beyond any amount of money");
      }
    }
    aggregates.unique_customers =
        add_counter(aggregates.unique_customers, counter(item, kUniqueCustomersAttr), kUniqueCustomersAttr);
  }
  std::erase_if(aggregates.by_status, [](const auto& entry) { return entry.second.orders == 0; });
  return aggregates;
}

std::vector<json> shard_items_for(const OrderAggregates& aggregates) {
  std::vector<json> items;
  for (int shard = 0; shard < kStatisticsShards; ++shard) {
    json item = shard_key_value(shard);
    if (shard == 0) {
      for (const auto& [status, totals] : aggregates.by_status) {
        item[count_attribute(status)] = aws::N(totals.orders);
        item[revenue_attribute(status)] = aws::N(totals.revenue.cents());
      }
      item[kUniqueCustomersAttr] = aws::N(aggregates.unique_customers);
    }
    items.push_back(std::move(item));
  }
  return items;
}

}  // namespace managers::dynamodb
