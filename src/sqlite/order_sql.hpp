#pragma once

// Every statement the engine runs on its hot paths, in one place. The ones that
// name the order columns are made from kOrderColumns (order_columns.hpp) on first
// use; the others are static arrays. Either way each text has static storage, so
// Connection::cached() can key its statement cache by address. Parameters are
// named (":order_id", ":limit"), never positional. The tables and indexes they
// rely on are created in schema.cpp; the comment on each query names the index
// that serves it (tests/sqlite checks the plans).

#include <string>

namespace managers::sqlite::sql {

// INSERT of every order column into `table` (the legacy upgrade writes a table of another name).
std::string insert_order_into(const std::string& table);

// The order row unless its id exists.
const char* insert_order();
// The order row, replacing every column of an existing one.
const char* upsert_order();
// Every column of an existing row. Primary key of orders.
const char* update_order();
// The progress columns only (status, updated_at, estimated_ready_time, status_history):
// no index but orders_by_status is rewritten. Primary key of orders.
const char* update_progress();

// Primary key of orders.
const char* select_order();
// orders_by_customer_name. A negative :limit means no limit.
const char* select_customer_orders();
// orders_by_customer_name; the status filter applies before the limit. The unary +
// keeps the planner off orders_by_status, which would walk every order of that status
// to find one customer's.
const char* select_customer_orders_with_status();
// orders_by_customer_id.
const char* select_last_order();
// orders_by_status.
const char* select_orders_by_status();
// Primary key of orders: the page after :after.
const char* scan_orders();

inline constexpr char kInsertItem[] =
    "INSERT INTO order_items (order_id, position, item_name, quantity, unit_price_cents, subtotal_cents) "
    "VALUES (:order_id, :position, :item_name, :quantity, :unit_price_cents, :subtotal_cents)";

// Primary key of order_items (order_id, position).
inline constexpr char kDeleteItems[] = "DELETE FROM order_items WHERE order_id = :order_id";

// Primary key of order_items (order_id, position).
inline constexpr char kSelectItems[] =
    "SELECT item_name, quantity, unit_price_cents, subtotal_cents FROM order_items WHERE order_id = :order_id "
    "ORDER BY position";

// One statement, so the totals and the customer count come from one snapshot.
// orders_by_status for the grouping, orders_by_customer_id for the count.
inline constexpr char kAggregate[] =
    "SELECT status, COUNT(*), SUM(total_price_cents), (SELECT COUNT(DISTINCT customer_id) FROM orders) "
    "FROM orders GROUP BY status";

// Items go by ON DELETE CASCADE. Primary key of orders.
inline constexpr char kDeleteOrder[] = "DELETE FROM orders WHERE order_id = :order_id";

inline constexpr char kDeleteAllItems[] = "DELETE FROM order_items";
inline constexpr char kDeleteAllOrders[] = "DELETE FROM orders";

}  // namespace managers::sqlite::sql
