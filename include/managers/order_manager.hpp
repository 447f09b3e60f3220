#pragma once

#include <memory>
#include <string>

#include "managers/order_manager_interface.hpp"

namespace managers {

// How hard a committed write is pushed to disk (SQLite's PRAGMA synchronous in WAL mode).
enum class Durability {
  FULL,    // fsync on every commit: a committed order survives a power loss (default)
  NORMAL,  // fsync at checkpoints: survives a crash of the process, may lose the last commits on power loss
};

struct SqliteOptions {
  std::string db_path = "conversations.db";  // ":memory:" keeps the orders in this process only
  int busy_timeout_ms = 5000;  // how long a writer waits for another process's lock
  Durability durability = Durability::FULL;
  // Connections opened on demand, one per concurrently active thread, at most this
  // many (further callers wait for one). ":memory:" always uses exactly one.
  int max_connections = 8;
};

// The SQLite engine (the spec's OrderManager). The file may hold other tables;
// a database written by the earlier Python module is upgraded in place.
// Thread safety: one instance may be shared by any number of threads, and any
// number of processes may open the same file. Engine notes: docs/SQLITE.md.
//
// Throws StorageError when the file cannot be opened or read (SQLITE_CANTOPEN,
// SQLITE_NOTADB, ...) and ConfigurationError for a file of a newer schema.
class OrderManager final : public OrderManagerInterface {
 public:
  explicit OrderManager(std::string db_path = "conversations.db");
  explicit OrderManager(SqliteOptions options);
  ~OrderManager() override;

  std::string backend_name() const override { return "sqlite"; }
  // The file, its schema version, journal mode and durability; a problem if the
  // file cannot be read.
  HealthReport check_health() override;
  // PRAGMA user_version of the opened file.
  int schema_version() const;
  const std::string& db_path() const;

 protected:
  bool insert_order(const Order& order) override;
  void upsert_order(const Order& order) override;
  std::optional<Order> find_order(const std::string& order_id) override;
  std::vector<Order> find_customer_orders(const std::string& customer_name, std::optional<int> limit,
                                          std::optional<OrderStatus> status) override;
  std::optional<Order> find_last_order(const std::string& customer_id) override;
  std::vector<Order> find_orders_by_status(OrderStatus status, std::optional<int> limit) override;
  ModifyResult modify_order(const std::string& order_id, const Mutation& mutate) override;
  OrderAggregates aggregate_orders() override;
  bool erase_order(const std::string& order_id) override;
  void erase_all_orders() override;
  OrderPage scan_orders(const std::string& after_order_id, int page_size) override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace managers
