#pragma once

// The key values the engine derives from an order: the GSI sort key and the keys of the
// statistics table's items. One place, so the table layout is written down once.

#include <string>
#include <string_view>

#include "managers/order_status.hpp"

namespace managers::dynamodb {

// The sort key of all three GSIs: the creation instant as "YYYY-MM-DDTHH:MM:SS.ffffffZ" (UTC,
// fixed width, so text order is time order; an imported "2024-11-22T15:30:00+01:00" is normalised)
// then '#' then the order id, so orders created in the same microsecond sort by id.
std::string created_sort_key(const std::string& created_at, const std::string& order_id);

// Statistics table keys: "shard#3" for counter shard 3, "customer#CUST-1" for a customer marker.
std::string shard_key(int shard);
std::string customer_marker_key(std::string_view customer_id);

// The per-status counter attribute names of a shard: "count_PENDING", "revenue_PENDING" (cents).
std::string count_attribute(OrderStatus status);
std::string revenue_attribute(OrderStatus status);

}  // namespace managers::dynamodb
