#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "managers/health_report.hpp"
#include "managers/money.hpp"
#include "managers/order.hpp"
#include "managers/order_status.hpp"
#include "managers/update_outcome.hpp"

namespace managers {

// A stored record that is not a readable order (an item another client wrote wrongly): skipped
// by list_orders, so that export and migration copy every other order and report this one.
struct UnreadableOrder {
  std::string order_id;
  std::string reason;  // e.g. "attribute total_price is not of type N"
};

// One page of list_orders. `next_page_token` is empty on the last page.
struct OrderPage {
  std::vector<Order> orders;
  std::string next_page_token;
  std::vector<UnreadableOrder> unreadable;  // records of this page that could not be read
};

namespace store {
class OrderStore;  // the private storage contract (src/store/order_store.hpp)
}

// The interface both engines share (the spec: "Both implementations share the
// same interface"). The public methods are the spec's, and they hold every
// domain rule: validation, money, timestamps, the status lifecycle and the
// summary text. Storage is delegated to the store the engine class hands to the
// protected constructor (a private contract, not part of the installed API), so
// the rules cannot drift between engines. docs/ARCHITECTURE.md shows the layers.
//
// Errors: invalid input throws ValidationError and writes nothing; a failure of
// the engine throws StorageError. A `false`/empty result always means the
// documented "not found / refused", never a swallowed error.
//
// Thread safety: every method may be called concurrently on one instance.
class OrderManagerInterface {
 public:
  virtual ~OrderManagerInterface();
  OrderManagerInterface(const OrderManagerInterface&) = delete;
  OrderManagerInterface& operator=(const OrderManagerInterface&) = delete;

  // Creates an order with status Pending, created_at = updated_at = now (UTC),
  // each item's subtotal = unit_price x quantity and a one-entry status history.
  // Returns false, changing nothing, if `order_id` already exists. The order and
  // its items are written atomically. `metadata` must be a JSON object or null.
  bool create_order(const std::string& order_id, const std::string& customer_id,
                    const std::string& customer_name, const std::vector<OrderItemInput>& items,
                    Money total_price, const std::optional<std::string>& conversation_id = std::nullopt,
                    const std::optional<std::string>& estimated_ready_time = std::nullopt,
                    const nlohmann::json& metadata = nullptr);
  bool create_order(const NewOrder& order);

  // The complete order with its items, or nullopt if there is none.
  std::optional<Order> get_order(const std::string& order_id);

  // The customer's orders (matched by exact customer_name), newest first
  // (created_at descending, ties by order_id descending). `status` filters
  // before `limit` counts; `limit` must be positive when given.
  std::vector<Order> get_customer_orders(const std::string& customer_name,
                                         std::optional<int> limit = std::nullopt,
                                         std::optional<OrderStatus> status = std::nullopt);

  // The most recent order of the customer with this customer *id*, or nullopt.
  std::optional<Order> get_customer_last_order(const std::string& customer_id);

  // Moves the order to `status`, appending to its status history. Returns true
  // if done or if the order already has that status (no-op); false if the order
  // does not exist or is COMPLETED/CANCELLED (final). Never creates an order.
  bool update_order_status(const std::string& order_id, OrderStatus status);
  // The same change, telling apart what the bool folds together (and, for a
  // refusal, the final status that refused it).
  StatusChangeResult change_order_status(const std::string& order_id, OrderStatus status);
  // The same change, made only if the order's status is one of `from`, checked in the same
  // atomic step as the write (a policy such as "a customer may cancel only a Pending or
  // Confirmed order" cannot be overtaken by a concurrent change). Otherwise kRefusedFrom with
  // the status that refused it; an order already at `status` is kUnchanged, as above.
  StatusChangeResult change_order_status_from(const std::string& order_id, const std::vector<OrderStatus>& from,
                                              OrderStatus status);

  // Sets estimated_ready_time (ISO-8601). False if the order does not exist.
  bool update_order_ready_time(const std::string& order_id, const std::string& estimated_ready_time);
  // The same change with its outcome (kChanged, kUnchanged or kNotFound).
  UpdateOutcome change_order_ready_time(const std::string& order_id, const std::string& estimated_ready_time);

  // Orders with `status`, oldest first (a kitchen queue: created_at ascending,
  // ties by order_id ascending), at most `limit` when given.
  std::vector<Order> get_orders_by_status(OrderStatus status, std::optional<int> limit = std::nullopt);

  // Totals over every order; see OrderStatistics for the revenue rule.
  OrderStatistics get_order_statistics();

  // Deletes the order and its items. False if it did not exist.
  bool delete_order(const std::string& order_id);

  // Deletes every order. Use with caution!
  void clear_all_orders();

  // The readable summary of the spec, or "Order not found." for a missing id.
  std::string format_order_summary(const std::string& order_id);

  // Beyond the spec: walks every order exactly once, one page at a time (pages
  // may hold fewer than `page_size`). Pass the previous page's next_page_token
  // ("" for the first page). The order of the walk is the engine's: ascending
  // order_id on SQLite, DynamoDB's hash order on DynamoDB; export sorts.
  OrderPage list_orders(const std::string& page_token = "", int page_size = 100);

  // Beyond the spec, for migration and import: stores a complete order as it
  // is (timestamps, status, history kept). import_order returns false, changing
  // nothing, if the id exists; replace_order overwrites. Both validate first.
  bool import_order(const Order& order);
  void replace_order(const Order& order);

  // "sqlite" or "dynamodb".
  std::string backend_name() const;
  // Where the engine keeps its orders, as (field, value) pairs in the engine's own words:
  // {("db_path", "conversations.db")} or {("table_name", "orders"), ("region", "us-east-1")}.
  // For callers that show or pass on the location without knowing the engine.
  std::vector<std::pair<std::string, std::string>> location() const;

  // Beyond the spec (its "Troubleshooting" as a call): checks that the engine is
  // reachable and its storage matches what it expects. Never throws for a
  // problem it can describe; each problem comes with its fix. The first fact is
  // "backend: <name>", the engine's own facts follow.
  HealthReport check_health();

 protected:
  // An engine class hands over the store it built (never null).
  explicit OrderManagerInterface(std::unique_ptr<store::OrderStore> store);

 private:
  std::unique_ptr<store::OrderStore> store_;
};

}  // namespace managers
