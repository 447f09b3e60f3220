// The column table (src/sqlite/order_columns.hpp) is the one description of the
// `orders` row: these tests hold it to that for every column it lists, so a column
// added to the table is covered without touching them.

#include <gtest/gtest.h>

#include "managers/order_manager.hpp"
#include "sqlite/connection.hpp"
#include "sqlite/order_columns.hpp"
#include "sqlite/raw_db.hpp"
#include "sqlite/schema.hpp"
#include "support/temp_dir.hpp"

namespace {

using managers::Money;
using managers::Order;
using managers::OrderStatus;
using managers::sqlite::kOrderColumns;
using managers::sqlite::only_progress_changed;
using sqlite_testing::RawDb;
namespace schema = managers::sqlite::schema;

// Two orders that differ in every field.
Order first_order() {
  Order order;
  order.order_id = "ORD-1";
  order.customer_id = "CUST-1";
  order.customer_name = "Ann";
  order.conversation_id = "conv-1";
  order.total_price = Money::from_cents(100);
  order.status = OrderStatus::PENDING;
  order.created_at = "2026-01-01T00:00:00.000000Z";
  order.updated_at = "2026-01-01T00:00:00.000000Z";
  order.estimated_ready_time = "2026-01-01T01:00:00";
  order.metadata = {{"table", "5"}};
  order.status_history = {{OrderStatus::PENDING, order.created_at}};
  order.items = {{"Coffee", 1, Money::from_cents(100), Money::from_cents(100)}};
  return order;
}

Order second_order() {
  Order order;
  order.order_id = "ORD-2";
  order.customer_id = "CUST-2";
  order.customer_name = "Bob";
  order.conversation_id = std::nullopt;
  order.total_price = Money::from_cents(250);
  order.status = OrderStatus::PREPARING;
  order.created_at = "2026-02-02T00:00:00.000000Z";
  order.updated_at = "2026-02-02T00:00:00.000000Z";
  order.estimated_ready_time = std::nullopt;
  order.metadata = {{"seats", 4}};
  order.status_history = {{OrderStatus::PENDING, order.created_at}, {OrderStatus::PREPARING, order.updated_at}};
  order.items = {{"Tea", 2, Money::from_cents(125), Money::from_cents(250)}};
  return order;
}

TEST(OrderColumns, TheTableTheEngineCreatesHasExactlyTheListedColumnsInOrder) {
  testing_support::TempDir dir;
  const std::string path = dir.file("orders.db").string();
  { managers::OrderManager manager(path); }
  RawDb db(path);
  const auto rows = db.rows("SELECT name FROM pragma_table_info('orders') ORDER BY cid");
  ASSERT_EQ(rows.size(), kOrderColumns.size());
  for (std::size_t i = 0; i < rows.size(); ++i) EXPECT_EQ(rows[i][0], kOrderColumns[i].name()) << i;
  EXPECT_EQ(kOrderColumns.front().name(), "order_id");
}

// A change of one column's field counts as "progress only" exactly when the column is a
// progress column: a field a newcomer adds is written by the narrow UPDATE only if its
// entry says so, and otherwise the full UPDATE runs (never a silently skipped field).
TEST(OrderColumns, OnlyAChangeOfProgressColumnsTakesTheNarrowUpdate) {
  const Order current = first_order();
  const Order other = second_order();
  for (const auto& column : kOrderColumns) {
    if (column.name() == "order_id") continue;  // the key never changes
    Order changed = current;
    column.copy(other, changed);
    ASSERT_NE(changed, current) << column.name() << ": the two orders must differ in it";
    EXPECT_EQ(only_progress_changed(current, changed), column.progress) << column.name();
  }
  Order items_changed = current;
  items_changed.items = other.items;
  EXPECT_FALSE(only_progress_changed(current, items_changed));
  EXPECT_TRUE(only_progress_changed(current, current));
}

TEST(OrderColumns, EveryColumnRoundTripsThroughTheEngine) {
  testing_support::TempDir dir;
  managers::OrderManager manager(dir.file("orders.db").string());
  // Through the store's bind and read for every column (the engine is the only way in).
  ASSERT_TRUE(manager.create_order("ORD-9", "CUST-9", "Zoë", {{"Coffee", 2, 3.50}}, 7.00, std::string("conv-9"),
                                   std::string("2024-11-22T15:30:00"), {{"k", "v"}}));
  const auto order = manager.get_order("ORD-9");
  ASSERT_TRUE(order);
  EXPECT_EQ(order->customer_id, "CUST-9");
  EXPECT_EQ(order->customer_name, "Zoë");
  EXPECT_EQ(order->conversation_id, "conv-9");
  EXPECT_EQ(order->total_price, Money::from_cents(700));
  EXPECT_EQ(order->estimated_ready_time, "2024-11-22T15:30:00");
  EXPECT_EQ(order->metadata, (nlohmann::json{{"k", "v"}}));
  EXPECT_EQ(order->status_history.size(), 1U);
}

// The migration runner applies the steps above a file's version, in order, and stamps each.
TEST(SchemaMigrations, StepsAboveTheFilesVersionRunInOrderAndAreStamped) {
  testing_support::TempDir dir;
  const std::string path = dir.file("orders.db").string();
  { managers::OrderManager manager(path); }
  const std::array<schema::Migration, 2> steps = {{
      {2, "orders.notes", "ALTER TABLE orders ADD COLUMN notes TEXT"},
      {3, "orders.rating", "ALTER TABLE orders ADD COLUMN rating INTEGER"},
  }};
  managers::sqlite::ConnectionSettings settings;
  settings.path = path;
  {
    managers::sqlite::Connection connection(settings);
    EXPECT_EQ(schema::apply_migrations(connection, 1, steps), 3);
  }
  RawDb db(path);
  EXPECT_EQ(db.rows("PRAGMA user_version")[0][0], "3");
  EXPECT_EQ(db.rows("SELECT COUNT(*) FROM pragma_table_info('orders') WHERE name IN ('notes', 'rating')")[0][0], "2");
  {
    managers::sqlite::Connection connection(settings);
    // From version 3 nothing is left to do (running a step twice would fail: duplicate column).
    EXPECT_EQ(schema::apply_migrations(connection, 3, steps), 3);
  }
}

TEST(SchemaMigrations, TheEnginesListReachesItsVersion) {
  EXPECT_EQ(schema::kMigrations.size() + 1, static_cast<std::size_t>(schema::kVersion));
}

}  // namespace
