#pragma once

// Every statement the engine runs on its hot paths, in one place. Each is a
// static array so Connection::cached() can key its statement cache by address.
// The tables and indexes they rely on are created in schema.cpp; the comment on
// each query names the index that serves it (tests/sqlite checks the plans).

namespace managers::sqlite::sql {

// The order columns, in the order order_rows.cpp reads and binds them (?1..?11).
#define OM_ORDER_COLUMNS                                                                                   \
  "order_id, customer_id, customer_name, conversation_id, total_price_cents, status, created_at, updated_at, " \
  "estimated_ready_time, metadata, status_history"

inline constexpr char kInsertOrder[] =
    "INSERT INTO orders (" OM_ORDER_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
    "ON CONFLICT (order_id) DO NOTHING";

inline constexpr char kUpsertOrder[] =
    "INSERT INTO orders (" OM_ORDER_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
    "ON CONFLICT (order_id) DO UPDATE SET customer_id = excluded.customer_id, "
    "customer_name = excluded.customer_name, conversation_id = excluded.conversation_id, "
    "total_price_cents = excluded.total_price_cents, status = excluded.status, created_at = excluded.created_at, "
    "updated_at = excluded.updated_at, estimated_ready_time = excluded.estimated_ready_time, "
    "metadata = excluded.metadata, status_history = excluded.status_history";

inline constexpr char kUpdateOrder[] =
    "UPDATE orders SET customer_id = ?2, customer_name = ?3, conversation_id = ?4, total_price_cents = ?5, "
    "status = ?6, created_at = ?7, updated_at = ?8, estimated_ready_time = ?9, metadata = ?10, "
    "status_history = ?11 WHERE order_id = ?1";

// The columns a status or ready-time change touches: no index but orders_by_status is rewritten.
inline constexpr char kUpdateProgress[] =
    "UPDATE orders SET status = ?2, updated_at = ?3, estimated_ready_time = ?4, status_history = ?5 "
    "WHERE order_id = ?1";

inline constexpr char kInsertItem[] =
    "INSERT INTO order_items (order_id, position, item_name, quantity, unit_price_cents, subtotal_cents) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

inline constexpr char kDeleteItems[] = "DELETE FROM order_items WHERE order_id = ?1";

// Primary key of orders.
inline constexpr char kSelectOrder[] = "SELECT " OM_ORDER_COLUMNS " FROM orders WHERE order_id = ?1";

// Primary key of order_items (order_id, position).
inline constexpr char kSelectItems[] =
    "SELECT item_name, quantity, unit_price_cents, subtotal_cents FROM order_items WHERE order_id = ?1 "
    "ORDER BY position";

// orders_by_customer_name. A negative LIMIT means no limit.
inline constexpr char kSelectCustomerOrders[] =
    "SELECT " OM_ORDER_COLUMNS " FROM orders WHERE customer_name = ?1 "
    "ORDER BY created_at DESC, order_id DESC LIMIT ?2";

// orders_by_customer_name; the status filter applies before the limit. The
// unary + keeps the planner off orders_by_status, which would walk every order
// of that status to find one customer's.
inline constexpr char kSelectCustomerOrdersWithStatus[] =
    "SELECT " OM_ORDER_COLUMNS " FROM orders WHERE customer_name = ?1 AND +status = ?2 "
    "ORDER BY created_at DESC, order_id DESC LIMIT ?3";

// orders_by_customer_id.
inline constexpr char kSelectLastOrder[] =
    "SELECT " OM_ORDER_COLUMNS " FROM orders WHERE customer_id = ?1 "
    "ORDER BY created_at DESC, order_id DESC LIMIT 1";

// orders_by_status.
inline constexpr char kSelectOrdersByStatus[] =
    "SELECT " OM_ORDER_COLUMNS " FROM orders WHERE status = ?1 ORDER BY created_at, order_id LIMIT ?2";

// Primary key of orders.
inline constexpr char kScanOrders[] =
    "SELECT " OM_ORDER_COLUMNS " FROM orders WHERE order_id > ?1 ORDER BY order_id LIMIT ?2";

// One statement, so the totals and the customer count come from one snapshot.
// orders_by_status for the grouping, orders_by_customer_id for the count.
inline constexpr char kAggregate[] =
    "SELECT status, COUNT(*), SUM(total_price_cents), (SELECT COUNT(DISTINCT customer_id) FROM orders) "
    "FROM orders GROUP BY status";

inline constexpr char kDeleteOrder[] = "DELETE FROM orders WHERE order_id = ?1";  // items go by ON DELETE CASCADE

inline constexpr char kDeleteAllItems[] = "DELETE FROM order_items";
inline constexpr char kDeleteAllOrders[] = "DELETE FROM orders";

inline constexpr char kOrderColumns[] = OM_ORDER_COLUMNS;

#undef OM_ORDER_COLUMNS

}  // namespace managers::sqlite::sql
