// What only the SQLite engine promises: its file layout, its indexes, sharing
// the file with other tables, and how it reports a broken or busy file.

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <latch>
#include <thread>

#include "managers/errors.hpp"
#include "managers/order_manager.hpp"
#include "sqlite/order_sql.hpp"
#include "sqlite/raw_db.hpp"
#include "support/temp_dir.hpp"

namespace {

using managers::ConfigurationError;
using managers::Durability;
using managers::Money;
using managers::Order;
using managers::OrderManager;
using managers::OrderStatus;
using managers::SqliteOptions;
using managers::StorageError;
using sqlite_testing::RawDb;
namespace sql = managers::sqlite::sql;

bool create_spec_order(OrderManager& manager, const std::string& id = "ORD-001") {
  return manager.create_order(id, "CUST-001", "John Doe", {{"Coffee", 2, 3.50}, {"Sandwich", 1, 8.99}}, 16.99,
                              std::nullopt, std::string("2024-11-22T15:30:00"), {{"table", "5"}});
}

class SqliteEngine : public ::testing::Test {
 protected:
  testing_support::TempDir dir_;
  std::string path_ = dir_.file("orders.db").string();
};

TEST_F(SqliteEngine, ANewFileGetsTheSchemaWalAndTheIndexes) {
  OrderManager manager(path_);
  EXPECT_EQ(manager.schema_version(), 1);
  EXPECT_EQ(manager.db_path(), path_);
  EXPECT_EQ(manager.backend_name(), "sqlite");

  RawDb db(path_);
  EXPECT_EQ(db.value("PRAGMA user_version"), "1");
  EXPECT_EQ(db.value("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(db.column("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name"),
            (std::vector<std::string>{"orders_by_customer_id", "orders_by_customer_name", "orders_by_status"}));
  // order_items: a position column, and a foreign key that cascades deletes.
  const auto keys = db.rows("PRAGMA foreign_key_list(order_items)");
  ASSERT_EQ(keys.size(), 1u);
  EXPECT_EQ(keys[0][2], "orders");  // table
  EXPECT_EQ(keys[0][6], "CASCADE");  // on_delete
  EXPECT_EQ(db.value("SELECT COUNT(*) FROM pragma_table_info('order_items') WHERE name = 'position'"), "1");
}

// Every query the engine runs has an index behind it: no full scan of a table,
// no sort in a temporary b-tree (the statistics are a scan by nature).
TEST_F(SqliteEngine, AnIndexServesEveryQuery) {
  { OrderManager manager(path_); }
  RawDb db(path_);
  const std::vector<std::pair<const char*, const char*>> queries = {
      {sql::select_order(), "sqlite_autoindex_orders_1"},
      {sql::kSelectItems, "PRIMARY KEY"},
      {sql::select_customer_orders(), "orders_by_customer_name"},
      {sql::select_customer_orders_with_status(), "orders_by_customer_name"},
      {sql::select_last_order(), "orders_by_customer_id"},
      {sql::select_orders_by_status(), "orders_by_status"},
      {sql::scan_orders(), "sqlite_autoindex_orders_1"},
      {sql::kDeleteOrder, "sqlite_autoindex_orders_1"},
      {sql::kDeleteItems, "PRIMARY KEY"},
      {sql::update_order(), "sqlite_autoindex_orders_1"},
      {sql::update_progress(), "sqlite_autoindex_orders_1"},
  };
  for (const auto& [query, index] : queries) {
    std::string text;
    for (const auto& row : db.rows(std::string("EXPLAIN QUERY PLAN ") + query)) text += row.at(3) + "\n";
    SCOPED_TRACE(std::string(query) + "\n" + text);
    EXPECT_NE(text.find(index), std::string::npos);
    EXPECT_EQ(text.find("SCAN "), std::string::npos);
    EXPECT_EQ(text.find("TEMP B-TREE"), std::string::npos);
  }
  for (const auto& row : db.rows(std::string("EXPLAIN QUERY PLAN ") + sql::kAggregate))
    EXPECT_EQ(row.at(3).find("TEMP B-TREE"), std::string::npos) << row.at(3);
}

// A row another program made unreadable is reported by list_orders and skipped, as on DynamoDB
// (export and migrate then copy every other order and name it), never a dead end for the walk.
TEST_F(SqliteEngine, ListOrdersReportsAnUnreadableRowAndListsTheRest) {
  {
    OrderManager manager(path_);
    for (const char* id : {"A-1", "A-2", "A-3"}) ASSERT_TRUE(create_spec_order(manager, id));
  }
  RawDb(path_).exec("UPDATE orders SET metadata = '[1, 2]' WHERE order_id = 'A-2'");
  OrderManager manager(path_);
  std::vector<std::string> listed;
  std::vector<std::string> unreadable;
  std::string token;
  do {
    const managers::OrderPage page = manager.list_orders(token, 2);
    for (const Order& order : page.orders) listed.push_back(order.order_id);
    for (const auto& bad : page.unreadable) {
      unreadable.push_back(bad.order_id);
      EXPECT_NE(bad.reason.find("metadata"), std::string::npos) << bad.reason;
    }
    token = page.next_page_token;
  } while (!token.empty());
  EXPECT_EQ(listed, (std::vector<std::string>{"A-1", "A-3"}));
  EXPECT_EQ(unreadable, (std::vector<std::string>{"A-2"}));
  EXPECT_THROW(manager.get_order("A-2"), StorageError);  // a direct read still says what is wrong
}

TEST_F(SqliteEngine, MoneyIsStoredAsIntegerCentsAndJsonAsText) {
  OrderManager manager(path_);
  ASSERT_TRUE(create_spec_order(manager));
  ASSERT_TRUE(manager.update_order_status("ORD-001", OrderStatus::CONFIRMED));
  RawDb db(path_);
  EXPECT_EQ(db.rows("SELECT typeof(total_price_cents), total_price_cents, metadata, json_valid(status_history), "
                    "json_array_length(status_history), status FROM orders"),
            (std::vector<std::vector<std::string>>{{"integer", "1699", "{\"table\":\"5\"}", "1", "2", "Confirmed"}}));
  EXPECT_EQ(db.rows("SELECT position, item_name, quantity, unit_price_cents, subtotal_cents FROM order_items "
                    "ORDER BY position"),
            (std::vector<std::vector<std::string>>{{"0", "Coffee", "2", "350", "700"},
                                                   {"1", "Sandwich", "1", "899", "899"}}));
}

TEST_F(SqliteEngine, DeletingAnOrderDeletesItsItems) {
  OrderManager manager(path_);
  ASSERT_TRUE(create_spec_order(manager, "ORD-001"));
  ASSERT_TRUE(create_spec_order(manager, "ORD-002"));
  ASSERT_TRUE(manager.delete_order("ORD-001"));
  RawDb db(path_);
  EXPECT_EQ(db.column("SELECT DISTINCT order_id FROM order_items"), std::vector<std::string>{"ORD-002"});
  manager.clear_all_orders();
  EXPECT_EQ(db.value("SELECT COUNT(*) FROM order_items"), "0");
}

TEST_F(SqliteEngine, OtherTablesInTheFileAreLeftAlone) {
  {
    RawDb db(path_);
    sqlite_testing::create_conversations_table(db);
    db.exec("CREATE INDEX conversations_by_customer ON conversations (customer_id);"
            "CREATE VIEW recent_conversations AS SELECT * FROM conversations ORDER BY id DESC");
  }
  RawDb db(path_);
  const auto conversations = db.rows("SELECT * FROM conversations ORDER BY id");
  {
    OrderManager manager(path_);
    ASSERT_TRUE(create_spec_order(manager));
    ASSERT_TRUE(manager.delete_order("ORD-001"));
    ASSERT_TRUE(create_spec_order(manager));
    manager.clear_all_orders();
  }
  { OrderManager reopened(path_); }
  EXPECT_EQ(db.rows("SELECT * FROM conversations ORDER BY id"), conversations);
  EXPECT_EQ(db.column("SELECT name FROM sqlite_master WHERE name LIKE '%conversations%' ORDER BY name"),
            (std::vector<std::string>{"conversations", "conversations_by_customer", "recent_conversations"}));
  // The platform keeps writing its table while the engine has the file open.
  OrderManager manager(path_);
  db.exec("INSERT INTO conversations (customer_id, transcript) VALUES ('CUST-003', 'Thanks!')");
  ASSERT_TRUE(create_spec_order(manager));
  EXPECT_EQ(db.value("SELECT COUNT(*) FROM conversations"), "3");
}

TEST_F(SqliteEngine, AFileThatIsNotADatabaseIsAStorageError) {
  {
    std::ofstream garbage(path_, std::ios::binary);
    for (int i = 0; i < 512; ++i) garbage << "this is not an SQLite database";
  }
  try {
    OrderManager manager(path_);
    FAIL() << "opened a garbage file";
  } catch (const StorageError& error) {
    EXPECT_EQ(error.backend(), "sqlite");
    EXPECT_EQ(error.code(), "SQLITE_NOTADB");
    EXPECT_FALSE(error.backend_message().empty());
  }
}

TEST_F(SqliteEngine, AFileThatCannotBeOpenedIsAStorageError) {
  try {
    OrderManager manager(dir_.file("no-such-folder/orders.db").string());
    FAIL() << "opened a file in a missing folder";
  } catch (const StorageError& error) {
    EXPECT_EQ(error.backend(), "sqlite");
    EXPECT_EQ(error.code().rfind("SQLITE_CANTOPEN", 0), 0u) << error.code();
  }
}

TEST_F(SqliteEngine, ANewerSchemaIsAConfigurationError) {
  {
    RawDb db(path_);
    db.exec("PRAGMA user_version = 2");
  }
  EXPECT_THROW(OrderManager manager(path_), ConfigurationError);
}

TEST_F(SqliteEngine, AnUnknownOrdersTableIsAConfigurationError) {
  {
    RawDb db(path_);
    db.exec("CREATE TABLE orders (id INTEGER PRIMARY KEY, what TEXT); INSERT INTO orders (what) VALUES ('mine')");
  }
  EXPECT_THROW(OrderManager manager(path_), ConfigurationError);
  RawDb db(path_);
  EXPECT_EQ(db.value("SELECT what FROM orders"), "mine");
  EXPECT_EQ(db.value("PRAGMA user_version"), "0");
}

TEST_F(SqliteEngine, LockedPastTheBusyTimeoutIsAStorageErrorAndReadsGoOn) {
  SqliteOptions options;
  options.db_path = path_;
  options.busy_timeout_ms = 50;
  OrderManager manager(options);
  ASSERT_TRUE(create_spec_order(manager));

  RawDb other(path_);
  other.exec("BEGIN IMMEDIATE; INSERT INTO orders (order_id, customer_id, customer_name, total_price_cents, status, "
             "created_at, updated_at, status_history) VALUES ('HELD', 'C', 'N', 1, 'Pending', 'x', 'x', '[]')");
  try {
    manager.create_order("ORD-002", "CUST-002", "Jane", {{"Tea", 1, 2.0}}, 2.0);
    FAIL() << "wrote while another connection held the write lock";
  } catch (const StorageError& error) {
    EXPECT_EQ(error.backend(), "sqlite");
    EXPECT_EQ(error.code().rfind("SQLITE_BUSY", 0), 0u) << error.code();
  }
  EXPECT_THROW(manager.update_order_status("ORD-001", OrderStatus::CONFIRMED), StorageError);
  // WAL: readers are not blocked by the writer, and see only committed data.
  EXPECT_TRUE(manager.get_order("ORD-001").has_value());
  EXPECT_EQ(manager.get_order("HELD"), std::nullopt);
  EXPECT_EQ(manager.get_order_statistics().total_orders, 1);

  other.exec("ROLLBACK");
  EXPECT_TRUE(manager.create_order("ORD-002", "CUST-002", "Jane", {{"Tea", 1, 2.0}}, 2.0));
  EXPECT_EQ(manager.get_order("ORD-001")->status, OrderStatus::PENDING);
}

TEST_F(SqliteEngine, ARowChangedBehindTheEnginesBackIsReportedNotMisread) {
  OrderManager manager(path_);
  ASSERT_TRUE(create_spec_order(manager));
  RawDb db(path_);
  db.exec("UPDATE orders SET metadata = 'not json'");
  try {
    manager.get_order("ORD-001");
    FAIL() << "read a corrupt row";
  } catch (const StorageError& error) {
    EXPECT_EQ(error.code(), "INVALID_ROW");
    EXPECT_NE(error.backend_message().find("ORD-001"), std::string::npos);
  }
  // The CHECK constraint keeps statuses valid even for other writers.
  EXPECT_THROW(db.exec("UPDATE orders SET status = 'Lost'"), std::runtime_error);
}

TEST_F(SqliteEngine, TwoManagersOnOneFileSeeEachOthersWrites) {
  OrderManager first(path_);
  OrderManager second(path_);
  ASSERT_TRUE(create_spec_order(first));
  EXPECT_FALSE(create_spec_order(second));
  ASSERT_TRUE(second.update_order_status("ORD-001", OrderStatus::PREPARING));
  EXPECT_EQ(first.get_order("ORD-001")->status, OrderStatus::PREPARING);
  EXPECT_EQ(first.get_order("ORD-001")->status_history.size(), 2u);
  first.clear_all_orders();
  EXPECT_EQ(second.get_order_statistics().total_orders, 0);
}

TEST_F(SqliteEngine, MoreThreadsThanConnectionsShareThePool) {
  SqliteOptions options;
  options.db_path = path_;
  options.max_connections = 2;
  options.durability = Durability::NORMAL;
  OrderManager manager(options);
  constexpr int kThreads = 8;
  std::latch start(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      start.arrive_and_wait();
      for (int i = 0; i < 10; ++i) {
        const std::string id = "P" + std::to_string(t) + "-" + std::to_string(i);
        EXPECT_TRUE(manager.create_order(id, "C-" + std::to_string(t), "Pool", {{"Tea", 1, 1.0}}, 1.0));
        EXPECT_TRUE(manager.get_order(id).has_value());
      }
    });
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(manager.get_order_statistics().total_orders, kThreads * 10);
}

TEST_F(SqliteEngine, AnInMemoryDatabaseIsSharedByAllThreadsOfTheInstance) {
  OrderManager manager(":memory:");
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i)
        EXPECT_TRUE(manager.create_order("M" + std::to_string(t) + "-" + std::to_string(i), "C", "Mem",
                                         {{"Tea", 1, 1.0}}, 1.0));
    });
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(manager.get_customer_orders("Mem").size(), 40u);
  EXPECT_EQ(manager.schema_version(), 1);
}

TEST_F(SqliteEngine, OptionsAreChecked) {
  SqliteOptions options;
  options.db_path = path_;
  options.max_connections = 0;
  EXPECT_THROW(OrderManager manager(options), ConfigurationError);
  options.max_connections = 1;
  options.busy_timeout_ms = -1;
  EXPECT_THROW(OrderManager manager(options), ConfigurationError);
}

TEST_F(SqliteEngine, BothDurabilitiesStoreAndReadBack) {
  for (Durability durability : {Durability::FULL, Durability::NORMAL}) {
    testing_support::TempDir dir;
    SqliteOptions options;
    options.db_path = dir.file("d.db").string();
    options.durability = durability;
    {
      OrderManager manager(options);
      ASSERT_TRUE(create_spec_order(manager));
      const managers::HealthReport health = manager.check_health();
      const std::string expected = durability == Durability::FULL ? "durability: FULL" : "durability: NORMAL";
      EXPECT_NE(std::find(health.facts.begin(), health.facts.end(), expected), health.facts.end());
    }
    OrderManager reopened(options.db_path);
    EXPECT_EQ(reopened.get_order("ORD-001")->total_price, Money::from_cents(1699));
  }
}

// The interface leaves the walk's order to the engine; on SQLite it is ascending
// order_id, in full pages until the last.
TEST_F(SqliteEngine, ListOrdersWalksInAscendingOrderIdInFullPages) {
  OrderManager manager(path_);
  std::vector<std::string> ids;
  for (int i = 0; i < 23; ++i) {
    const int n = (i * 7) % 23;
    ids.push_back(std::string("L-") + (n < 10 ? "0" : "") + std::to_string(n));
    ASSERT_TRUE(manager.create_order(ids.back(), "C", "Lister", {{"Tea", 1, 1.0}}, 1.0));
  }
  std::sort(ids.begin(), ids.end());
  std::vector<std::string> seen;
  std::vector<std::size_t> sizes;
  std::string token;
  do {
    const managers::OrderPage page = manager.list_orders(token, 5);
    sizes.push_back(page.orders.size());
    for (const Order& order : page.orders) seen.push_back(order.order_id);
    token = page.next_page_token;
    if (!token.empty()) {
      EXPECT_EQ(token, seen.back());
    }
  } while (!token.empty());
  EXPECT_EQ(seen, ids);
  EXPECT_EQ(sizes, (std::vector<std::size_t>{5, 5, 5, 5, 3}));
  // Exactly full last page: no empty page after it.
  OrderManager exact(dir_.file("exact.db").string());
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(exact.create_order("E-" + std::to_string(i), "C", "N", {{"Tea", 1, 1.0}}, 1.0));
  EXPECT_EQ(exact.list_orders("", 4).next_page_token, "");
  EXPECT_EQ(exact.list_orders("", 2).next_page_token, "E-1");
}

TEST_F(SqliteEngine, CheckHealthReportsTheFile) {
  OrderManager manager(path_);
  const managers::HealthReport health = manager.check_health();
  EXPECT_TRUE(health.ok());
  auto has = [&](const std::string& fact) {
    return std::find(health.facts.begin(), health.facts.end(), fact) != health.facts.end();
  };
  EXPECT_TRUE(has("backend: sqlite"));
  EXPECT_TRUE(has("database: " + path_));
  EXPECT_TRUE(has("schema version: 1"));
  EXPECT_TRUE(has("journal mode: wal"));
}

}  // namespace
