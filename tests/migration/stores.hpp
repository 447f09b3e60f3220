#pragma once

// Stores for the migration tests, by engine name, each in its own place
// under a test's TempDir; helpers to fill and read them.

#include <unistd.h>

#include <algorithm>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "managers/migration.hpp"
#include "managers/order_manager_factory.hpp"
#include "store/memory_order_store.hpp"
#include "support/all_orders.hpp"
#include "support/dynamodb_local.hpp"
#include "support/temp_dir.hpp"

namespace testing_support {

// The engines the parameterized suites run on in this executable:
// {"sqlite", "memory"} in migration_test, {"dynamodb"} in migration_dynamodb_test.
std::vector<std::string> engines_under_test();

// "sqlite": an OrderManager on DIR/NAME.db, made through the factory.
// "memory": a MemoryOrderManager.
// "dynamodb": an OrderManagerDynamoDB on a fresh table of DynamoDB Local, made through the factory.
inline std::unique_ptr<managers::OrderManagerInterface> make_store(const std::string& engine, const TempDir& dir,
                                                                   const std::string& name) {
  if (engine == "memory") return std::make_unique<managers::store::MemoryOrderManager>();
  managers::OrderManagerConfig config;
  if (engine == "dynamodb") {
    // A fresh table on the process's shared DynamoDB Local, with explicit
    // dummy credentials so nothing from the environment is used.
    static int next_table = 0;
    config.table_name = "migration-" + std::to_string(::getpid()) + "-" + std::to_string(++next_table) + "-" + name;
    config.region = "us-east-1";
    config.endpoint_url = shared_dynamodb_local().endpoint();
    config.dynamodb.access_key_id = "AKIDEXAMPLE";
    config.dynamodb.secret_access_key = "migration-secret";
    return managers::OrderManagerFactory::create(managers::OrderManagerType::DYNAMODB, config);
  }
  config.db_path = dir.file(name + ".db").string();
  return managers::OrderManagerFactory::create(managers::OrderManagerType::SQLITE, config);
}

inline std::string order_id(int i) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "ORD-%04d", i);
  return buffer;
}

// `count` varied orders: several customers, unicode, metadata, conversation
// ids, ready times, odd cents, and status changes (so histories differ).
inline void populate(managers::OrderManagerInterface& store, int count, int first = 0) {
  using managers::OrderStatus;
  for (int i = first; i < first + count; ++i) {
    managers::NewOrder order;
    order.order_id = order_id(i);
    order.customer_id = "CUST-" + std::to_string(i % 7);
    order.customer_name = i % 7 == 3 ? "Zoë Ünicode: 東京" : "Customer " + std::to_string(i % 7);
    order.items.push_back({"Coffee", 1 + i % 3, managers::Money::from_cents(350)});
    if (i % 2 == 0) order.items.push_back({"Sandwich: club", 2, managers::Money::from_cents(899 + i)});
    order.total_price = managers::Money::from_cents(1000 + 7 * i + 1);  // need not equal the items' sum
    if (i % 3 == 0) order.conversation_id = "CONV-" + std::to_string(i);
    if (i % 5 == 0) order.estimated_ready_time = "2024-11-22T15:30:00+01:00";
    if (i % 4 == 0) order.metadata = {{"table", std::to_string(i % 9)}, {"notes", {{"vip", i % 8 == 0}, {"n", i}}}};
    if (!store.create_order(order)) throw std::runtime_error("populate: " + order.order_id + " exists");
    if (i % 3 == 1) store.update_order_status(order.order_id, OrderStatus::CONFIRMED);
    if (i % 6 == 1) store.update_order_status(order.order_id, OrderStatus::PREPARING);
    if (i % 11 == 2) store.update_order_status(order.order_id, OrderStatus::CANCELLED);
  }
}

// Every order, via list_orders, sorted by order_id (an engine may list in its own order).
inline std::vector<managers::Order> orders_by_id(managers::OrderManagerInterface& store) {
  std::vector<managers::Order> orders = testing_support::all_orders(store, 13);
  std::sort(orders.begin(), orders.end(),
            [](const managers::Order& a, const managers::Order& b) { return a.order_id < b.order_id; });
  return orders;
}

inline std::string export_text(managers::OrderManagerInterface& store) {
  std::ostringstream out;
  managers::export_orders(store, out);
  return out.str();
}

inline managers::ImportReport import_text(managers::OrderManagerInterface& store, const std::string& text,
                                          managers::ImportOptions options = {}) {
  std::istringstream in(text);
  return managers::import_orders(store, in, options);
}

// A valid line for order `id` (a hand-written record of the spec's structure).
inline std::string spec_line(const std::string& id, int quantity = 2) {
  return R"({"order_id":")" + id +
         R"(","customer_id":"CUST-9","customer_name":"Alice Johnson","total_price":12.0,"status":"Pending",)"
         R"("created_at":"2024-11-22T10:00:00.000000Z","updated_at":"2024-11-22T10:00:00.000000Z",)"
         R"("estimated_ready_time":null,"conversation_id":null,"metadata":{},)"
         R"("items":[{"item_name":"Pastry","quantity":)" +
         std::to_string(quantity) + R"(,"unit_price":4.5,"subtotal":)" + std::to_string(quantity * 4.5) + "}]}";
}

// The counters of a report, and expected counters in the order read, copied,
// already present, conflicts, overwritten, failed.
inline managers::TransferCounts counts_of(const managers::MigrationReport& report) {
  return static_cast<const managers::TransferCounts&>(report);
}

inline managers::TransferCounts counts(std::int64_t read, std::int64_t copied, std::int64_t already_present,
                                       std::int64_t conflicts = 0, std::int64_t overwritten = 0,
                                       std::int64_t failed = 0) {
  managers::TransferCounts c;
  c.read = read;
  c.copied = copied;
  c.already_present = already_present;
  c.conflicts = conflicts;
  c.overwritten = overwritten;
  c.failed = failed;
  return c;
}

}  // namespace testing_support
