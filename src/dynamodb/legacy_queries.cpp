#include "dynamodb/legacy_queries.hpp"

#include <algorithm>
#include <utility>

#include "aws/attribute_value.hpp"
#include "dynamodb/item_mapping.hpp"
#include "dynamodb/key_codec.hpp"
#include "dynamodb/order_queries.hpp"

namespace managers::dynamodb {
namespace {

using nlohmann::json;

}  // namespace

std::vector<Order> query_without_index_order(RequestRunner& runner, const std::string& table,
                                             const IndexQuery& query, IndexMode mode) {
  json request = {{"TableName", table},
                  {"ExpressionAttributeNames", {{"#k", query.key_attribute}}},
                  {"ExpressionAttributeValues", {{":k", aws::S(query.key_value)}}}};
  std::string filter;
  if (query.status_filter) {
    filter = "#s = :s";
    request["ExpressionAttributeNames"]["#s"] = kStatusAttr;
    request["ExpressionAttributeValues"][":s"] = aws::S(to_string(*query.status_filter));
  }
  std::string operation = "Query";
  if (mode == IndexMode::kUnsorted) {
    request["IndexName"] = query.index;
    request["KeyConditionExpression"] = "#k = :k";
  } else {
    // No usable index: every item of the table is read, those of the partition kept.
    operation = "Scan";
    filter = filter.empty() ? "#k = :k" : "#k = :k AND " + filter;
  }
  if (!filter.empty()) request["FilterExpression"] = filter;

  // created_sort is computed from the order rather than read: the earlier module's items have none.
  std::vector<std::pair<std::string, Order>> sorted;
  for (;;) {
    const json reply = runner.call(operation, request);
    if (const auto items = reply.find("Items"); items != reply.end() && items->is_array())
      for (const json& item : *items) {
        Order order = order_from_item(item);
        std::string key = created_sort_key(order.created_at, order.order_id);
        sorted.emplace_back(std::move(key), std::move(order));
      }
    if (!has_more(reply)) break;
    request["ExclusiveStartKey"] = reply["LastEvaluatedKey"];
  }
  // created_sort is unique per order (it ends with the order id), so the order is total.
  std::sort(sorted.begin(), sorted.end(), [&query](const auto& a, const auto& b) {
    return query.newest_first ? a.first > b.first : a.first < b.first;
  });
  std::vector<Order> orders;
  const std::size_t wanted =
      query.limit ? std::min(sorted.size(), static_cast<std::size_t>(std::max(*query.limit, 0))) : sorted.size();
  orders.reserve(wanted);
  for (std::size_t i = 0; i < wanted; ++i) orders.push_back(std::move(sorted[i].second));
  return orders;
}

}  // namespace managers::dynamodb
