#include "managers/order.hpp"

#include <gtest/gtest.h>

#include "domain/statistics.hpp"

namespace managers::domain {
namespace {

TEST(Summary, HasTheSpecsLayout) {
  Order order;
  order.order_id = "ORD-001";
  order.customer_id = "CUST-001";
  order.customer_name = "John Doe";
  order.total_price = 16.99;
  order.created_at = "2026-11-25T08:00:00.000000Z";
  order.items = {{"Coffee", 2, 3.50, 7.00}, {"Sandwich", 1, 8.99, 8.99}};
  EXPECT_EQ(format_order_summary(order),
            "ORDER #ORD-001\n"
            "Customer: John Doe (ID: CUST-001)\n"
            "Status: Pending\n"
            "Created: 2026-11-25T08:00:00.000000Z\n"
            "Items:\n"
            "  - Coffee x2 @ $3.50 = $7.00\n"
            "  - Sandwich x1 @ $8.99 = $8.99\n"
            "Total: $16.99");
  order.estimated_ready_time = "2024-11-22T15:30:00";
  EXPECT_NE(format_order_summary(order).find("\nEstimated Ready: 2024-11-22T15:30:00"), std::string::npos);
}

TEST(Statistics, RevenueExcludesCancelledAndBreakdownListsPresentStatuses) {
  OrderAggregates aggregates;
  aggregates.by_status[OrderStatus::PENDING] = {2, Money("10.50")};
  aggregates.by_status[OrderStatus::CANCELLED] = {1, Money("99.99")};
  aggregates.by_status[OrderStatus::COMPLETED] = {1, Money("1.50")};
  aggregates.by_status[OrderStatus::READY] = {0, Money()};
  aggregates.unique_customers = 3;
  const OrderStatistics statistics = statistics_from(aggregates);
  EXPECT_EQ(statistics.total_orders, 4);
  EXPECT_EQ(statistics.total_revenue, Money("12.00"));
  EXPECT_EQ(statistics.unique_customers, 3);
  const std::vector<std::pair<std::string, std::int64_t>> expected = {
      {"Pending", 2}, {"Completed", 1}, {"Cancelled", 1}};
  EXPECT_EQ(statistics.status_breakdown, expected);
}

}  // namespace
}  // namespace managers::domain
