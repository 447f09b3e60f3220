#pragma once

// Stores for the migration tests, by engine name, each in its own place
// under a test's TempDir; helpers to fill and read them.

#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "managers/migration.hpp"
#include "managers/order_manager_factory.hpp"
#include "migration/memory_engine.hpp"
#include "support/temp_dir.hpp"

namespace testing_support {

// "sqlite": an OrderManager on DIR/NAME.db, made through the factory.
// "memory": a MemoryEngine.
inline std::unique_ptr<managers::OrderManagerInterface> make_store(const std::string& engine, const TempDir& dir,
                                                                   const std::string& name) {
  if (engine == "memory") return std::make_unique<MemoryEngine>();
  managers::OrderManagerConfig config;
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

// Every order, via list_orders.
inline std::vector<managers::Order> all_orders(managers::OrderManagerInterface& store) {
  std::vector<managers::Order> orders;
  std::string token;
  do {
    managers::OrderPage page = store.list_orders(token, 13);
    for (auto& order : page.orders) orders.push_back(std::move(order));
    token = page.next_page_token;
  } while (!token.empty());
  return orders;
}

inline std::string export_text(managers::OrderManagerInterface& store) {
  std::ostringstream out;
  managers::export_orders(store, out);
  return out.str();
}

}  // namespace testing_support
