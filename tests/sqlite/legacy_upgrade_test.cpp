// A conversations.db written by the earlier Python module opens and is upgraded
// in place: every order readable, money converted exactly, other tables kept,
// and a failed upgrade leaves the old file as it was.

#include <gtest/gtest.h>

#include "managers/errors.hpp"
#include "managers/order_manager.hpp"
#include "sqlite/raw_db.hpp"
#include "support/temp_dir.hpp"

namespace {

using managers::ConfigurationError;
using managers::Money;
using managers::Order;
using managers::OrderItem;
using managers::OrderManager;
using managers::OrderStatus;
using managers::StatusChange;
using nlohmann::json;
using sqlite_testing::RawDb;

Money cents(std::int64_t value) { return Money::from_cents(value); }

// What the Python module would have written for a few orders, REAL prices and
// naive datetime.now().isoformat() timestamps included.
void write_legacy_orders(RawDb& db) {
  sqlite_testing::create_legacy_schema(db);
  sqlite_testing::create_conversations_table(db);
  db.exec(
      "INSERT INTO orders VALUES ('ORD-001', 'CUST-001', 'John Doe', NULL, 16.99, 'Pending', "
      "  '2024-11-22T15:30:00.123456', '2024-11-22T15:30:00.123456', '2024-11-22T15:30:00', '{\"table\": \"5\"}');"
      "INSERT INTO orders VALUES ('ORD-002', 'CUST-002', 'Alice', 'CONV-7', 0.1 + 0.2, 'Being prepared', "
      "  '2024-11-23T09:00:00', '2024-11-23T09:05:30.5', NULL, NULL);"
      "INSERT INTO orders VALUES ('ORD-003', 'CUST-001', 'John Doe', NULL, 3.3, 'Completed', "
      "  '2024-11-24T08:00:00.000001', '2024-11-24T08:30:00.000001', NULL, 'null');"
      "INSERT INTO orders VALUES ('ORD-004', 'CUST-003', 'Bob', NULL, 8.99, 'Cancelled', "
      "  '2024-11-25T10:00:00', '2024-11-25T10:01:00', NULL, '[1, 2]');"
      "INSERT INTO orders VALUES ('ORD-005', 'CUST-003', 'Bob', NULL, 12, 'Ready for pickup', "
      "  '2024-11-26T10:00:00', '2024-11-26T10:01:00', NULL, 'not json');"
      // Items interleaved across orders, as a busy shop would have added them.
      "INSERT INTO order_items (order_id, item_name, quantity, unit_price, subtotal) VALUES "
      "  ('ORD-001', 'Coffee', 2, 3.50, 7.0),"
      "  ('ORD-002', 'Mint', 3, 0.1, 3 * 0.1),"
      "  ('ORD-001', 'Sandwich', 1, 8.99, 8.99),"
      "  ('ORD-003', 'Tea', 1, 3.3, 3.3),"
      "  ('ORD-004', 'Soup', 1, 8.99, 8.99),"
      "  ('ORD-005', 'Bagel', 4, 3, 12),"
      "  ('ORD-GONE', 'Orphan', 1, 1.0, 1.0);");
}

Order expected(const std::string& id, const std::string& customer_id, const std::string& name, std::int64_t total,
               OrderStatus status, const std::string& created, const std::string& updated) {
  Order order;
  order.order_id = id;
  order.customer_id = customer_id;
  order.customer_name = name;
  order.total_price = cents(total);
  order.status = status;
  order.created_at = created;
  order.updated_at = updated;
  order.status_history = {{OrderStatus::PENDING, created}};
  if (status != OrderStatus::PENDING) order.status_history.push_back({status, updated});
  return order;
}

std::vector<Order> expected_orders() {
  Order one = expected("ORD-001", "CUST-001", "John Doe", 1699, OrderStatus::PENDING,
                       "2024-11-22T15:30:00.123456Z", "2024-11-22T15:30:00.123456Z");
  one.estimated_ready_time = "2024-11-22T15:30:00";
  one.metadata = {{"table", "5"}};
  one.items = {{"Coffee", 2, cents(350), cents(700)}, {"Sandwich", 1, cents(899), cents(899)}};

  Order two = expected("ORD-002", "CUST-002", "Alice", 30, OrderStatus::PREPARING, "2024-11-23T09:00:00.000000Z",
                       "2024-11-23T09:05:30.500000Z");
  two.conversation_id = "CONV-7";
  two.items = {{"Mint", 3, cents(10), cents(30)}};

  Order three = expected("ORD-003", "CUST-001", "John Doe", 330, OrderStatus::COMPLETED,
                         "2024-11-24T08:00:00.000001Z", "2024-11-24T08:30:00.000001Z");
  three.items = {{"Tea", 1, cents(330), cents(330)}};

  Order four = expected("ORD-004", "CUST-003", "Bob", 899, OrderStatus::CANCELLED, "2024-11-25T10:00:00.000000Z",
                        "2024-11-25T10:01:00.000000Z");
  four.metadata = {{"legacy_metadata", json::array({1, 2})}};
  four.items = {{"Soup", 1, cents(899), cents(899)}};

  Order five = expected("ORD-005", "CUST-003", "Bob", 1200, OrderStatus::READY, "2024-11-26T10:00:00.000000Z",
                        "2024-11-26T10:01:00.000000Z");
  five.metadata = {{"legacy_metadata", "not json"}};
  five.items = {{"Bagel", 4, cents(300), cents(1200)}};
  return {one, two, three, four, five};
}

class LegacyUpgrade : public ::testing::Test {
 protected:
  testing_support::TempDir dir_;
  std::string path_ = dir_.file("conversations.db").string();
};

TEST_F(LegacyUpgrade, EveryOrderIsReadableWithMoneyConvertedExactly) {
  {
    RawDb db(path_);
    write_legacy_orders(db);
  }
  OrderManager manager(path_);
  EXPECT_EQ(manager.schema_version(), 1);
  for (const Order& order : expected_orders()) {
    const std::optional<Order> stored = manager.get_order(order.order_id);
    ASSERT_TRUE(stored.has_value()) << order.order_id;
    EXPECT_EQ(*stored, order) << order.order_id << "\n" << managers::to_json(*stored).dump(2);
  }
  EXPECT_EQ(manager.get_order("ORD-GONE"), std::nullopt);  // an orphan item is no order

  // The queries work on upgraded data.
  std::vector<std::string> ids;
  for (const Order& order : manager.get_customer_orders("John Doe")) ids.push_back(order.order_id);
  EXPECT_EQ(ids, (std::vector<std::string>{"ORD-003", "ORD-001"}));
  EXPECT_EQ(manager.get_customer_last_order("CUST-003")->order_id, "ORD-005");
  const managers::OrderStatistics statistics = manager.get_order_statistics();
  EXPECT_EQ(statistics.total_orders, 5);
  EXPECT_EQ(statistics.total_revenue, cents(1699 + 30 + 330 + 1200));  // ORD-004 is cancelled
  EXPECT_EQ(statistics.unique_customers, 3);
  EXPECT_EQ(manager.format_order_summary("ORD-001").find("  - Coffee x2 @ $3.50 = $7.00\n") != std::string::npos,
            true);

  // New orders and the lifecycle work on the upgraded file.
  ASSERT_TRUE(manager.create_order("ORD-006", "CUST-001", "John Doe", {{"Coffee", 1, 3.50}}, 3.50));
  EXPECT_TRUE(manager.update_order_status("ORD-002", OrderStatus::READY));
  EXPECT_FALSE(manager.update_order_status("ORD-003", OrderStatus::PENDING));
  EXPECT_TRUE(manager.delete_order("ORD-001"));
}

TEST_F(LegacyUpgrade, TheFileIsRewrittenInPlaceAndOtherTablesAreKept) {
  {
    RawDb db(path_);
    write_legacy_orders(db);
  }
  { OrderManager manager(path_); }

  RawDb db(path_);
  EXPECT_EQ(db.value("PRAGMA user_version"), "1");
  EXPECT_EQ(db.value("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(db.column("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"),
            (std::vector<std::string>{"conversations", "order_items", "orders"}));
  EXPECT_EQ(db.column("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name"),
            (std::vector<std::string>{"orders_by_customer_id", "orders_by_customer_name", "orders_by_status"}));
  EXPECT_EQ(db.rows("SELECT id, customer_id, transcript FROM conversations ORDER BY id"),
            (std::vector<std::vector<std::string>>{{"1", "CUST-001", "Hi, a coffee please"},
                                                   {"2", "CUST-002", "Where is my order?"}}));
  // Money is integer cents now, and the new tables are consistent.
  EXPECT_EQ(db.rows("SELECT typeof(total_price_cents), total_price_cents FROM orders WHERE order_id = 'ORD-002'"),
            (std::vector<std::vector<std::string>>{{"integer", "30"}}));
  EXPECT_TRUE(db.rows("PRAGMA foreign_key_check").empty());
  const auto keys = db.rows("PRAGMA foreign_key_list(order_items)");
  ASSERT_EQ(keys.size(), 1u);
  EXPECT_EQ(keys[0][2], "orders");
  EXPECT_EQ(keys[0][6], "CASCADE");
  EXPECT_EQ(db.value("PRAGMA integrity_check"), "ok");
  EXPECT_EQ(db.value("SELECT COUNT(*) FROM order_items"), "6");

  // Opening again changes nothing.
  const auto before = db.rows("SELECT * FROM orders ORDER BY order_id");
  { OrderManager manager(path_); }
  EXPECT_EQ(db.rows("SELECT * FROM orders ORDER BY order_id"), before);
}

// The platform's own views and triggers that name the orders table keep
// working on the upgraded one (by name, for the columns both schemas have).
TEST_F(LegacyUpgrade, ViewsAndTriggersOfThePlatformSurvive) {
  {
    RawDb db(path_);
    write_legacy_orders(db);
    db.exec(
        "CREATE VIEW pending_orders AS SELECT order_id, customer_id FROM orders WHERE status = 'Pending';"
        "CREATE TABLE audit (what TEXT);"
        "CREATE TRIGGER conversation_added AFTER INSERT ON conversations BEGIN "
        "  INSERT INTO audit SELECT 'orders: ' || COUNT(*) FROM orders; END;");
  }
  OrderManager manager(path_);
  ASSERT_TRUE(manager.create_order("ORD-NEW", "CUST-9", "Nia", {{"Tea", 1, 2.0}}, 2.0));
  RawDb db(path_);
  EXPECT_EQ(db.rows("SELECT order_id, customer_id FROM pending_orders ORDER BY order_id"),
            (std::vector<std::vector<std::string>>{{"ORD-001", "CUST-001"}, {"ORD-NEW", "CUST-9"}}));
  db.exec("INSERT INTO conversations (customer_id, transcript) VALUES ('CUST-9', 'hello')");
  EXPECT_EQ(db.value("SELECT what FROM audit"), "orders: 6");
}

TEST_F(LegacyUpgrade, AFailedUpgradeLeavesTheOldDatabaseUntouched) {
  {
    RawDb db(path_);
    write_legacy_orders(db);
    db.exec(
        "INSERT INTO orders VALUES ('ORD-BAD', 'CUST-9', 'Eve', NULL, 1.0, 'Lost in space', "
        "'2024-11-27T10:00:00', '2024-11-27T10:00:00', NULL, NULL)");
  }
  RawDb db(path_);
  const auto orders_before = db.rows("SELECT * FROM orders ORDER BY order_id");
  const auto items_before = db.rows("SELECT * FROM order_items ORDER BY id");
  const auto schema_before = db.rows("SELECT type, name, sql FROM sqlite_master ORDER BY name");

  try {
    OrderManager manager(path_);
    FAIL() << "an unconvertible order was accepted";
  } catch (const ConfigurationError& error) {
    EXPECT_NE(std::string(error.what()).find("ORD-BAD"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("Lost in space"), std::string::npos) << error.what();
  }
  EXPECT_EQ(db.value("PRAGMA user_version"), "0");
  EXPECT_EQ(db.rows("SELECT * FROM orders ORDER BY order_id"), orders_before);
  EXPECT_EQ(db.rows("SELECT * FROM order_items ORDER BY id"), items_before);
  EXPECT_EQ(db.rows("SELECT type, name, sql FROM sqlite_master ORDER BY name"), schema_before);

  // Once the row is fixed, the upgrade goes through.
  db.exec("UPDATE orders SET status = 'Cancelled' WHERE order_id = 'ORD-BAD'");
  OrderManager manager(path_);
  EXPECT_EQ(manager.get_order("ORD-BAD")->status, OrderStatus::CANCELLED);
  EXPECT_EQ(manager.get_order_statistics().total_orders, 6);
}

TEST_F(LegacyUpgrade, UnreadableTimestampsAndPricesAreReportedNotGuessed) {
  for (const char* row :
       {"('ORD-T', 'C', 'N', NULL, 1.0, 'Pending', 'last tuesday', '2024-01-01T00:00:00', NULL, NULL)",
        "('ORD-P', 'C', 'N', NULL, 'a lot', 'Pending', '2024-01-01T00:00:00', '2024-01-01T00:00:00', NULL, NULL)"}) {
    testing_support::TempDir dir;
    const std::string path = dir.file("legacy.db").string();
    {
      RawDb db(path);
      sqlite_testing::create_legacy_schema(db);
      db.exec(std::string("INSERT INTO orders VALUES ") + row);
    }
    EXPECT_THROW(OrderManager manager(path), ConfigurationError) << row;
    RawDb db(path);
    EXPECT_EQ(db.value("PRAGMA user_version"), "0");
    EXPECT_EQ(db.value("SELECT COUNT(*) FROM orders"), "1");
  }
}

TEST_F(LegacyUpgrade, AnOlderVariantWithoutTheOptionalColumnsUpgrades) {
  {
    RawDb db(path_);
    db.exec(
        "CREATE TABLE orders (order_id TEXT PRIMARY KEY, customer_id TEXT NOT NULL, customer_name TEXT NOT NULL, "
        "total_price REAL NOT NULL, status TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
        "CREATE TABLE order_items (id INTEGER PRIMARY KEY AUTOINCREMENT, order_id TEXT NOT NULL, "
        "item_name TEXT NOT NULL, quantity INTEGER NOT NULL, unit_price REAL NOT NULL);"
        "INSERT INTO orders VALUES ('ORD-1', 'C-1', 'Ann', 7.0, 'confirmed', '2024-01-02T03:04:05', "
        "'2024-01-02T03:04:06');"
        "INSERT INTO order_items (order_id, item_name, quantity, unit_price) VALUES ('ORD-1', 'Latte', 2, 3.5);");
  }
  OrderManager manager(path_);
  Order want = expected("ORD-1", "C-1", "Ann", 700, OrderStatus::CONFIRMED, "2024-01-02T03:04:05.000000Z",
                        "2024-01-02T03:04:06.000000Z");
  want.items = {{"Latte", 2, cents(350), cents(700)}};
  EXPECT_EQ(manager.get_order("ORD-1"), want);
}

TEST_F(LegacyUpgrade, AnEmptyLegacyDatabaseUpgrades) {
  {
    RawDb db(path_);
    sqlite_testing::create_legacy_schema(db);
  }
  OrderManager manager(path_);
  EXPECT_EQ(manager.get_order_statistics().total_orders, 0);
  ASSERT_TRUE(manager.create_order("ORD-1", "C-1", "Ann", {{"Tea", 1, 2.0}}, 2.0));
  RawDb db(path_);
  EXPECT_EQ(db.value("PRAGMA user_version"), "1");
}

}  // namespace
