#pragma once

// The read side: one consistent GetItem per order, Queries on the GSIs that follow
// LastEvaluatedKey until the answer is complete, and the table Scan behind list_orders.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dynamodb/request_runner.hpp"
#include "managers/order.hpp"
#include "managers/order_manager_interface.hpp"

namespace managers::dynamodb {

// True when a Query / Scan reply says more pages follow (a non-empty LastEvaluatedKey).
bool has_more(const nlohmann::json& reply);

struct StoredOrder {
  Order order;
  std::int64_t version = 0;
  std::string write_id;  // the commit that wrote it ("" for an item written by another client)
  std::string born;      // write_id of the create that began this incarnation of the order ("" if unknown)
  std::string stats_write;  // write_id of the last write that changed the statistics ("" if unknown)
};

// GetItem with ConsistentRead: sees every write that completed before it.
std::optional<StoredOrder> get_order(RequestRunner& runner, const std::string& table, const std::string& order_id);

struct IndexQuery {
  std::string index;
  std::string key_attribute;
  std::string key_value;
  bool newest_first = false;                  // ScanIndexForward=false
  std::optional<int> limit;                   // counted after the filter
  std::optional<OrderStatus> status_filter;   // FilterExpression on status
};
// Pages through the index until `limit` orders passed the filter or the partition is exhausted.
// Without a filter each page asks for exactly the orders still missing (Limit), so a limited
// query reads no more than it returns; with one, pages are DynamoDB's 1 MB.
std::vector<Order> query_index(RequestRunner& runner, const std::string& table, const IndexQuery& query);

// The same answer from an index that holds only the keys (and status): each page's entries are
// read from the table with consistent BatchGetItems, in index order, and an order deleted or moved
// out of the answer since its entry was written is left out (so every order listed is current).
std::vector<Order> query_index_keys(RequestRunner& runner, const std::string& table, const IndexQuery& query);

// Up to `page_size` orders in scan order, starting after `after_order_id` ("" = the start);
// next_page_token is the last order_id returned when the scan may go on, else "".
OrderPage scan_page(RequestRunner& runner, const std::string& table, const std::string& after_order_id,
                    int page_size);

// Every item of `table` (consistent Scan, following LastEvaluatedKey), `projection` attributes
// only when given; calls `on_page` once per page.
void scan_all(RequestRunner& runner, const std::string& table, const std::vector<std::string>& projection,
              const std::function<void(const nlohmann::json& items)>& on_page);

}  // namespace managers::dynamodb
