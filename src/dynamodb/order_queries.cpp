#include "dynamodb/order_queries.hpp"

#include <map>

#include "aws/attribute_value.hpp"
#include "dynamodb/batch_operations.hpp"
#include "dynamodb/item_mapping.hpp"
#include "dynamodb/table_schema.hpp"
#include "managers/errors.hpp"

namespace managers::dynamodb {
namespace {

using nlohmann::json;

const json& items_of(const json& reply) {
  static const json kNone = json::array();
  const auto items = reply.find("Items");
  return items != reply.end() && items->is_array() ? *items : kNone;
}

std::string string_attribute(const json& item, std::string_view name) {
  const auto found = item.find(name);
  return found != item.end() && found->is_object() ? found->value("S", std::string()) : std::string();
}

json index_query_request(const std::string& table, const IndexQuery& query) {
  json request = {{"TableName", table},
                  {"IndexName", query.index},
                  {"KeyConditionExpression", "#k = :k"},
                  {"ExpressionAttributeNames", {{"#k", query.key_attribute}}},
                  {"ExpressionAttributeValues", {{":k", aws::S(query.key_value)}}},
                  {"ScanIndexForward", !query.newest_first}};
  if (query.status_filter) {
    request["FilterExpression"] = "#s = :s";
    request["ExpressionAttributeNames"]["#s"] = kStatusAttr;
    request["ExpressionAttributeValues"][":s"] = aws::S(to_string(*query.status_filter));
  }
  return request;
}

// Whether an order read from the table (after its index entry) still answers the query: a status
// index entry, or the status copy a customer index filters on, may be older than the order.
bool still_answers(const json& item, const IndexQuery& query) {
  if (string_attribute(item, query.key_attribute) != query.key_value) return false;
  return !query.status_filter || string_attribute(item, kStatusAttr) == to_string(*query.status_filter);
}

}  // namespace

bool has_more(const json& reply) {
  const auto key = reply.find("LastEvaluatedKey");
  return key != reply.end() && key->is_object() && !key->empty();
}

std::optional<StoredOrder> get_order(RequestRunner& runner, const std::string& table, const std::string& order_id) {
  const json reply = runner.call("GetItem", {{"TableName", table},
                                             {"Key", {{std::string(kOrderIdAttr), aws::S(order_id)}}},
                                             {"ConsistentRead", true}});
  const auto item = reply.find("Item");
  if (item == reply.end() || !item->is_object() || item->empty()) return std::nullopt;
  StoredOrder stored{order_from_item(*item), item_version(*item), {}, {}, {}};
  if (const auto c = item->find(kStatsWriteAttr); c != item->end() && c->contains("S")) stored.stats_write = c->at("S");
  if (const auto w = item->find(kWriteIdAttr); w != item->end() && w->contains("S")) stored.write_id = w->at("S");
  if (const auto b = item->find(kBornAttr); b != item->end() && b->contains("S")) stored.born = b->at("S");
  return stored;
}

std::vector<Order> query_index(RequestRunner& runner, const std::string& table, const IndexQuery& query) {
  json request = index_query_request(table, query);
  std::vector<Order> orders;
  for (;;) {
    const bool limited = query.limit.has_value();
    if (limited && !query.status_filter) request["Limit"] = *query.limit - static_cast<int>(orders.size());
    const json reply = runner.call("Query", request);
    for (const json& item : items_of(reply)) {
      orders.push_back(order_from_item(item));
      if (limited && static_cast<int>(orders.size()) == *query.limit) return orders;
    }
    if (!has_more(reply)) return orders;
    request["ExclusiveStartKey"] = reply["LastEvaluatedKey"];
  }
}

std::vector<Order> query_index_keys(RequestRunner& runner, const std::string& table, const IndexQuery& query) {
  json request = index_query_request(table, query);
  const bool limited = query.limit.has_value();
  const auto missing = [&](const std::vector<Order>& orders) {
    return static_cast<std::size_t>(*query.limit) - orders.size();
  };
  std::vector<Order> orders;
  if (limited && *query.limit <= 0) return orders;
  for (;;) {
    if (limited && !query.status_filter) request["Limit"] = missing(orders);
    const json reply = runner.call("Query", request);
    std::vector<std::string> ids;
    for (const json& entry : items_of(reply)) ids.push_back(string_attribute(entry, kOrderIdAttr));
    // In index order, a batch at a time, each no bigger than what is still missing: a limited
    // query reads no order it does not return unless one moved on since its index entry.
    for (std::size_t next = 0; next < ids.size();) {
      const std::size_t count = std::min({ids.size() - next, kBatchGetLimit, limited ? missing(orders) : kBatchGetLimit});
      std::vector<json> keys;
      for (std::size_t i = next; i < next + count; ++i) keys.push_back({{std::string(kOrderIdAttr), aws::S(ids[i])}});
      std::map<std::string, json> fetched;
      for (json& item : batch_get(runner, table, keys)) {
        std::string id = string_attribute(item, kOrderIdAttr);
        fetched.emplace(std::move(id), std::move(item));
      }
      for (std::size_t i = next; i < next + count; ++i) {
        const auto item = fetched.find(ids[i]);
        // Gone (deleted since its index entry was read) or moved on: not part of the answer.
        if (item == fetched.end() || !still_answers(item->second, query)) continue;
        orders.push_back(order_from_item(item->second));
      }
      if (limited && missing(orders) == 0) return orders;
      next += count;
    }
    if (!has_more(reply)) return orders;
    request["ExclusiveStartKey"] = reply["LastEvaluatedKey"];
  }
}

OrderPage scan_page(RequestRunner& runner, const std::string& table, const std::string& after_order_id,
                    int page_size) {
  json request = {{"TableName", table}, {"ConsistentRead", true}};
  if (!after_order_id.empty())
    request["ExclusiveStartKey"] = {{std::string(kOrderIdAttr), aws::S(after_order_id)}};
  OrderPage page;
  int scanned = 0;
  std::string last_key;  // the last item scanned, readable or not: where the next page starts
  for (;;) {
    request["Limit"] = page_size - scanned;
    const json reply = runner.call("Scan", request);
    for (const json& item : items_of(reply)) {
      ++scanned;
      last_key = item.value(std::string(kOrderIdAttr), json::object()).value("S", std::string());
      try {
        page.orders.push_back(order_from_item(item));
      } catch (const StorageError& error) {
        // Another client's item that is not an order: reported, and the walk goes on.
        if (error.code() != "CorruptItem") throw;
        std::string reason = error.backend_message();
        if (const std::string prefix = "order " + last_key + ": "; reason.rfind(prefix, 0) == 0)
          reason.erase(0, prefix.size());
        page.unreadable.push_back({last_key, std::move(reason)});
      }
    }
    if (!has_more(reply)) return page;  // the scan is complete: no token
    if (scanned >= page_size) {
      page.next_page_token = last_key;
      return page;
    }
    request["ExclusiveStartKey"] = reply["LastEvaluatedKey"];
  }
}

void scan_all(RequestRunner& runner, const std::string& table, const std::vector<std::string>& projection,
              const std::function<void(const json& items)>& on_page) {
  json request = {{"TableName", table}, {"ConsistentRead", true}};
  set_projection(request, projection);
  for (;;) {
    const json reply = runner.call("Scan", request);
    on_page(items_of(reply));
    if (!has_more(reply)) return;
    request["ExclusiveStartKey"] = reply["LastEvaluatedKey"];
  }
}

}  // namespace managers::dynamodb
