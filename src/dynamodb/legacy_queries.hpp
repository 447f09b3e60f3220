#pragma once

// The index queries on a table whose index cannot give the documented order (table_schema.hpp
// IndexMode): the earlier Python module's GSIs keyed on the attribute alone (kUnsorted), or an
// index that is missing or still building while `upgrade-table` replaces it (kUnavailable).
// The answer is the same as query_index's on a sorted index: the orders ordered by created_sort
// (created_at, ties by order_id; newest first or oldest first), the status filter applied before
// the limit. The price is that the whole partition is read on every call: a Query of the index
// (kUnsorted) or a Scan of the whole table with a filter (kUnavailable), following
// LastEvaluatedKey, then sorted here. docs/DYNAMODB.md, "Legacy tables", has the figures.

#include <string>
#include <vector>

#include "dynamodb/order_queries.hpp"
#include "dynamodb/request_runner.hpp"
#include "dynamodb/table_schema.hpp"

namespace managers::dynamodb {

std::vector<Order> query_without_index_order(RequestRunner& runner, const std::string& table,
                                             const IndexQuery& query, IndexMode mode);

}  // namespace managers::dynamodb
