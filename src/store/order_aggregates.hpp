#pragma once

// What a store reports for get_order_statistics: per-status totals. The domain
// turns them into the public OrderStatistics (domain/statistics.hpp), so the
// revenue rule lives in one place and no engine computes it.

#include <cstdint>
#include <map>

#include "managers/money.hpp"
#include "managers/order_status.hpp"

namespace managers {

struct StatusTotals {
  std::int64_t orders = 0;
  Money revenue;  // sum of total_price
};

struct OrderAggregates {
  std::map<OrderStatus, StatusTotals> by_status;
  std::int64_t unique_customers = 0;
};

}  // namespace managers
