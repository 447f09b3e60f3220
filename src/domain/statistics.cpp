#include "domain/statistics.hpp"

namespace managers::domain {

bool counts_as_revenue(OrderStatus status) { return status != OrderStatus::CANCELLED; }

OrderStatistics statistics_from(const OrderAggregates& aggregates) {
  OrderStatistics statistics;
  statistics.unique_customers = aggregates.unique_customers;
  for (OrderStatus status : kAllOrderStatuses) {
    const auto found = aggregates.by_status.find(status);
    if (found == aggregates.by_status.end() || found->second.orders == 0) continue;
    statistics.total_orders += found->second.orders;
    if (counts_as_revenue(status)) statistics.total_revenue += found->second.revenue;
    statistics.status_breakdown.emplace_back(std::string(to_string(status)), found->second.orders);
  }
  return statistics;
}

}  // namespace managers::domain
