#pragma once

// The storage contract: the one list of operations an engine implements. It is
// private to the library (never installed): OrderManagerInterface owns a store
// and calls it after applying every domain rule (validation, the status
// lifecycle, timestamps, the summary text), so a store only maps the model onto
// its engine and the rules cannot drift between engines.
//
// Implementations: sqlite/sqlite_order_store.hpp, dynamodb/dynamodb_order_store.hpp,
// store/memory_order_store.hpp (tests and fuzz targets). docs/ARCHITECTURE.md
// says how to add one.
//
// Errors: a failure of the engine throws StorageError (with the backend's code);
// a stored value the engine cannot have written is a StorageError too. Inputs
// arrive already validated. Every method may be called concurrently.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "managers/health_report.hpp"
#include "managers/order.hpp"
#include "managers/order_manager_interface.hpp"
#include "managers/order_status.hpp"
#include "store/order_aggregates.hpp"

namespace managers::store {

// What a mutation decided after looking at the current order.
enum class Change { kWrite, kUnchanged, kRefuse };
using Mutation = std::function<Change(Order&)>;
// What modify() did.
enum class ModifyResult { kNotFound, kWritten, kUnchanged, kRefused };

class OrderStore {
 public:
  virtual ~OrderStore() = default;
  OrderStore() = default;
  OrderStore(const OrderStore&) = delete;
  OrderStore& operator=(const OrderStore&) = delete;

  // "sqlite", "dynamodb", "memory": the engine's name in the engine table.
  virtual std::string backend_name() const = 0;
  // Where the orders live, as (field, value) pairs (OrderManagerInterface::location()).
  virtual std::vector<std::pair<std::string, std::string>> location() const = 0;
  // The engine's facts and problems (each with its fix); never throws for a
  // problem it can describe. The interface adds "backend: <name>" before them.
  virtual HealthReport check_health() = 0;

  // Inserts `order` unless its id exists (then returns false, writing nothing).
  // The order and its items are written atomically.
  virtual bool insert(const Order& order) = 0;
  // Inserts or overwrites `order` as it is.
  virtual void upsert(const Order& order) = 0;
  virtual std::optional<Order> get(const std::string& order_id) = 0;
  // By exact customer_name, newest first (created_at descending, ties by
  // order_id descending); `status` filters before `limit` counts.
  virtual std::vector<Order> customer_orders(const std::string& customer_name, std::optional<int> limit,
                                             std::optional<OrderStatus> status) = 0;
  // The newest order of the customer with this id, same ordering.
  virtual std::optional<Order> last_order(const std::string& customer_id) = 0;
  // Oldest first (created_at ascending, ties by order_id ascending).
  virtual std::vector<Order> orders_by_status(OrderStatus status, std::optional<int> limit) = 0;
  // Reads the order, calls `mutate` on a copy and, if it returns kWrite, stores
  // the copy (its order_id unchanged) — atomically with respect to every other
  // writer (a transaction, or a conditional write retried on conflict, so
  // `mutate` may run more than once).
  virtual ModifyResult modify(const std::string& order_id, const Mutation& mutate) = 0;
  // Per-status totals and the number of distinct customer ids, one snapshot.
  virtual OrderAggregates aggregate() = 0;
  // Deletes the order and its items; false if it did not exist.
  virtual bool erase(const std::string& order_id) = 0;
  virtual void erase_all() = 0;
  // Up to `page_size` orders following the token `after` ("" = from the start)
  // in the engine's own stable order; `next_page_token` is non-empty when more
  // may follow.
  virtual OrderPage list_page(const std::string& after, int page_size) = 0;
};

}  // namespace managers::store

// The operations above as override declarations, for the body of an implementation
// (SqliteOrderStore, DynamoDbOrderStore, MemoryOrderStore): the list is written once, here.
#define OM_ORDER_STORE_OVERRIDES                                                                       \
  bool insert(const ::managers::Order& order) override;                                                \
  void upsert(const ::managers::Order& order) override;                                                \
  std::optional<::managers::Order> get(const std::string& order_id) override;                          \
  std::vector<::managers::Order> customer_orders(const std::string& customer_name,                     \
                                                 std::optional<int> limit,                             \
                                                 std::optional<::managers::OrderStatus> status) override; \
  std::optional<::managers::Order> last_order(const std::string& customer_id) override;                \
  std::vector<::managers::Order> orders_by_status(::managers::OrderStatus status,                      \
                                                  std::optional<int> limit) override;                  \
  ::managers::store::ModifyResult modify(const std::string& order_id,                                  \
                                         const ::managers::store::Mutation& mutate) override;          \
  ::managers::OrderAggregates aggregate() override;                                                    \
  bool erase(const std::string& order_id) override;                                                    \
  void erase_all() override;                                                                           \
  ::managers::OrderPage list_page(const std::string& after, int page_size) override;
