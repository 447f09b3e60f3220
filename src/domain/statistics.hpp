#pragma once

#include "managers/order_manager_interface.hpp"
#include "store/order_aggregates.hpp"

namespace managers::domain {

// Whether an order's total counts as revenue: CANCELLED orders never took money.
bool counts_as_revenue(OrderStatus status);

// The spec's statistics from an engine's per-status totals.
OrderStatistics statistics_from(const OrderAggregates& aggregates);

}  // namespace managers::domain
