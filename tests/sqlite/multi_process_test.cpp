// Several processes on one file: forked children each open their own
// OrderManager and write at once. Nothing is lost, nothing fails spuriously.

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "managers/order_manager.hpp"
#include "sqlite/raw_db.hpp"
#include "support/child_processes.hpp"
#include "support/temp_dir.hpp"

namespace {

using managers::Order;
using managers::OrderManager;
using managers::OrderStatus;
using sqlite_testing::RawDb;
using testing_support::run_children;

constexpr int kChildren = 4;

class MultiProcess : public ::testing::Test {
 protected:
  testing_support::TempDir dir_;
  std::string path_ = dir_.file("shared.db").string();
};

TEST_F(MultiProcess, ChildrenWritingOneFileAtOnceLoseNothing) {
  constexpr int kOrdersPerChild = 40;
  constexpr int kStatusChanges = 15;
  const std::vector<std::pair<OrderStatus, OrderStatus>> pairs = {{OrderStatus::CONFIRMED, OrderStatus::PREPARING},
                                                                  {OrderStatus::READY, OrderStatus::PENDING}};
  {
    OrderManager manager(path_);
    ASSERT_TRUE(manager.create_order("SHARED", "CUST-S", "Shared", {{"Tea", 1, 2.0}}, 2.0));
  }
  const std::vector<int> codes = run_children(kChildren, [&](int c) {
    OrderManager manager(path_);
    for (int i = 0; i < kOrdersPerChild; ++i) {
      const std::string id = "P" + std::to_string(c) + "-" + std::to_string(i);
      if (!manager.create_order(id, "CUST-" + std::to_string(c), "Child " + std::to_string(c),
                                {{"Item", 1, managers::Money::from_cents(100 + i)}},
                                managers::Money::from_cents(100 + i)))
        return 1;
      // Two children also keep changing one shared order's status.
      if (c < 2 && i < kStatusChanges &&
          !manager.update_order_status("SHARED", i % 2 == 0 ? pairs[c].first : pairs[c].second))
        return 1;
    }
    return 0;
  });
  EXPECT_EQ(codes, std::vector<int>(kChildren, 0));

  OrderManager manager(path_);
  const managers::OrderStatistics statistics = manager.get_order_statistics();
  EXPECT_EQ(statistics.total_orders, 1 + kChildren * kOrdersPerChild);
  EXPECT_EQ(statistics.unique_customers, 1 + kChildren);
  for (int c = 0; c < kChildren; ++c) {
    const std::vector<Order> orders = manager.get_customer_orders("Child " + std::to_string(c));
    ASSERT_EQ(orders.size(), static_cast<std::size_t>(kOrdersPerChild));
    for (const Order& order : orders) EXPECT_EQ(order.items.at(0).subtotal, order.total_price);
  }
  // Every status change of both children is in the history, in each child's order.
  const Order shared = *manager.get_order("SHARED");
  ASSERT_EQ(shared.status_history.size(), 1u + 2 * kStatusChanges);
  for (std::size_t c = 0; c < pairs.size(); ++c) {
    std::vector<OrderStatus> applied;
    for (std::size_t i = 1; i < shared.status_history.size(); ++i)
      if (shared.status_history[i].status == pairs[c].first || shared.status_history[i].status == pairs[c].second)
        applied.push_back(shared.status_history[i].status);
    ASSERT_EQ(applied.size(), static_cast<std::size_t>(kStatusChanges));
    for (int i = 0; i < kStatusChanges; ++i)
      EXPECT_EQ(applied[i], i % 2 == 0 ? pairs[c].first : pairs[c].second) << "child " << c << " change " << i;
  }
  RawDb db(path_);
  EXPECT_EQ(db.value("PRAGMA integrity_check"), "ok");
}

TEST_F(MultiProcess, ChildrenCreatingOneNewFileAtOnceMakeOneSchema) {
  const std::vector<int> codes = run_children(kChildren, [&](int c) {
    OrderManager manager(path_);
    for (int i = 0; i < 10; ++i)
      if (!manager.create_order("N" + std::to_string(c) + "-" + std::to_string(i), "C", "New",
                                {{"Tea", 1, 1.0}}, 1.0))
        return 1;
    return manager.schema_version() == 1 ? 0 : 1;
  });
  EXPECT_EQ(codes, std::vector<int>(kChildren, 0));
  RawDb db(path_);
  EXPECT_EQ(db.value("PRAGMA user_version"), "1");
  EXPECT_EQ(db.value("SELECT COUNT(*) FROM orders"), std::to_string(kChildren * 10));
  EXPECT_EQ(db.value("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"), "2");
}

TEST_F(MultiProcess, ChildrenOpeningOneLegacyFileAtOnceUpgradeItOnce) {
  {
    RawDb db(path_);
    sqlite_testing::create_legacy_schema(db);
    db.exec(
        "INSERT INTO orders VALUES ('ORD-001', 'CUST-001', 'John Doe', NULL, 16.99, 'Pending', "
        "'2024-11-22T15:30:00.123456', '2024-11-22T15:30:00.123456', '2024-11-22T15:30:00', '{\"table\": \"5\"}');"
        "INSERT INTO order_items (order_id, item_name, quantity, unit_price, subtotal) VALUES "
        "('ORD-001', 'Coffee', 2, 3.5, 7.0), ('ORD-001', 'Sandwich', 1, 8.99, 8.99);");
  }
  const std::vector<int> codes = run_children(3, [&](int) {
    OrderManager manager(path_);
    const std::optional<Order> order = manager.get_order("ORD-001");
    return order && order->total_price.cents() == 1699 && order->items.size() == 2 &&
                   order->items[1].unit_price.cents() == 899 && order->created_at == "2024-11-22T15:30:00.123456Z"
               ? 0
               : 1;
  });
  EXPECT_EQ(codes, std::vector<int>(3, 0));
  RawDb db(path_);
  EXPECT_EQ(db.value("PRAGMA user_version"), "1");
  EXPECT_EQ(db.value("SELECT COUNT(*) FROM orders"), "1");
  EXPECT_EQ(db.value("SELECT COUNT(*) FROM order_items"), "2");
}

TEST_F(MultiProcess, ChildrenRacingForOneIdHaveExactlyOneWinner) {
  { OrderManager manager(path_); }
  const std::vector<int> codes = run_children(kChildren, [&](int c) {
    OrderManager manager(path_);
    return manager.create_order("ONLY-ONE", "C-" + std::to_string(c), "Racer", {{"Tea", 1, 1.0}}, 1.0) ? 0 : 10;
  });
  EXPECT_EQ(std::count(codes.begin(), codes.end(), 0), 1);
  EXPECT_EQ(std::count(codes.begin(), codes.end(), 10), kChildren - 1);
  OrderManager manager(path_);
  EXPECT_EQ(manager.get_order_statistics().total_orders, 1);
}

}  // namespace
