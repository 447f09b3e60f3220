#include "sqlite/legacy_upgrade.hpp"

#include <sqlite3.h>

#include <set>
#include <string>

#include "domain/timestamps.hpp"
#include "managers/errors.hpp"
#include "sqlite/order_columns.hpp"
#include "sqlite/order_rows.hpp"
#include "sqlite/order_sql.hpp"
#include "sqlite/schema.hpp"

namespace managers::sqlite::legacy {
namespace {

constexpr char kNewOrders[] = "om_upgrade_orders";
constexpr char kNewItems[] = "om_upgrade_order_items";

std::set<std::string> column_names(Connection& connection, const std::string& table) {
  Statement statement = connection.prepare("PRAGMA table_info(" + table + ")");
  StatementScope scope(statement);
  std::set<std::string> names;
  while (statement.step()) names.insert(statement.string(1));
  return names;
}

[[noreturn]] void unconvertible(const std::string& order_id, const std::string& field, const std::string& what) {
  throw ConfigurationError("cannot upgrade the earlier Python module's database: order '" + order_id + "' has " +
                           field + " " + what + "; the database was left unchanged");
}

Money legacy_money(const Statement& row, int column, const std::string& order_id, const std::string& field) {
  try {
    switch (row.type(column)) {
      case SQLITE_INTEGER: return Money::from_cents(row.int64(column)).times(100);
      case SQLITE_FLOAT: return Money::from_double_rounded(row.real(column), field);  // float arithmetic's noise
      case SQLITE_TEXT: return Money::parse(row.text(column), field);
      default: break;
    }
  } catch (const std::exception& error) {
    unconvertible(order_id, field, std::string("'") + std::string(row.text(column)) + "' (" + error.what() + ")");
  }
  unconvertible(order_id, field, "that is not a number");
}

std::string legacy_timestamp(const Statement& row, int column, const std::string& order_id,
                             const std::string& field) {
  const std::string_view text = row.text(column);
  const auto micros = domain::parse_iso8601_micros(text);
  if (!micros) unconvertible(order_id, field, "'" + std::string(text) + "', which is not an ISO-8601 timestamp");
  return domain::format_utc_micros(*micros);
}

OrderStatus legacy_status(const Statement& row, int column, const std::string& order_id) {
  try {
    return parse_order_status(row.text(column));
  } catch (const ValidationError&) {
    unconvertible(order_id, "status", "'" + std::string(row.text(column)) + "', which is not an OrderStatus value");
  }
}

nlohmann::json legacy_metadata(const Statement& row, int column) {
  if (row.is_null(column)) return nlohmann::json::object();
  const std::string_view text = row.text(column);
  nlohmann::json parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_object()) return parsed;
  if (parsed.is_null()) return nlohmann::json::object();  // json.dumps(None)
  if (text.empty()) return nlohmann::json::object();
  // Kept, not lost: a value that is not an object (or not JSON) goes under one key.
  return nlohmann::json{{"legacy_metadata", parsed.is_discarded() ? nlohmann::json(std::string(text)) : parsed}};
}

// The legacy column if the table has it, else NULL (older variants lack some).
std::string column_or_null(const std::set<std::string>& columns, const char* name) {
  return columns.count(name) != 0 ? std::string(name) : std::string("NULL");
}

// Copies every old order, converted, into the new tables. Its statements are
// finalized on return, before the old tables are dropped.
void copy_orders(Connection& connection, const std::set<std::string>& order_columns, bool has_items,
                 const std::string& item_sequence) {
  Statement orders = connection.prepare(
      "SELECT order_id, customer_id, customer_name, " + column_or_null(order_columns, "conversation_id") +
      ", total_price, status, created_at, " + column_or_null(order_columns, "updated_at") + ", " +
      column_or_null(order_columns, "estimated_ready_time") + ", " + column_or_null(order_columns, "metadata") +
      " FROM orders ORDER BY rowid");
  std::optional<Statement> items;
  if (has_items)
    items.emplace(connection.prepare(
        "SELECT item_name, quantity, unit_price FROM order_items WHERE order_id = :order_id ORDER BY order_id, " +
        item_sequence));
  Statement insert_order = connection.prepare(sql::insert_order_into(kNewOrders));
  Statement insert_item = connection.prepare(
      "INSERT INTO " + std::string(kNewItems) +
      " (order_id, position, item_name, quantity, unit_price_cents, subtotal_cents) "
      "VALUES (:order_id, :position, :item_name, :quantity, :unit_price_cents, :subtotal_cents)");

  StatementScope orders_scope(orders);
  while (orders.step()) {
    Order order;
    order.order_id = orders.string(0);
    order.customer_id = orders.string(1);
    order.customer_name = orders.string(2);
    order.conversation_id = orders.optional_string(3);
    order.total_price = legacy_money(orders, 4, order.order_id, "total_price");
    order.status = legacy_status(orders, 5, order.order_id);
    order.created_at = legacy_timestamp(orders, 6, order.order_id, "created_at");
    order.updated_at = orders.is_null(7) ? order.created_at : legacy_timestamp(orders, 7, order.order_id, "updated_at");
    order.estimated_ready_time = orders.optional_string(8);
    order.metadata = legacy_metadata(orders, 9);
    order.status_history.push_back({OrderStatus::PENDING, order.created_at});
    if (order.status != OrderStatus::PENDING) order.status_history.push_back({order.status, order.updated_at});

    if (items) {
      StatementScope items_scope(*items);
      items->bind(":order_id", std::string_view(order.order_id));
      while (items->step()) {
        OrderItem item;
        item.item_name = items->string(0);
        item.quantity = items->int64(1);
        const std::string field = "items[" + std::to_string(order.items.size()) + "].unit_price";
        item.unit_price = legacy_money(*items, 2, order.order_id, field);
        try {
          item.subtotal = item.unit_price.times(item.quantity);
        } catch (const std::exception&) {
          unconvertible(order.order_id, field, "times its quantity out of range");
        }
        order.items.push_back(std::move(item));
      }
    }

    const OrderRowTexts texts(order);
    {
      StatementScope insert_scope(insert_order);
      bind_order_columns(insert_order, order, texts);
      insert_order.run();
    }
    insert_items(insert_item, order);
  }
}

}  // namespace

bool is_legacy_database(Connection& connection) {
  const std::set<std::string> columns = column_names(connection, "orders");
  for (const char* required : {"order_id", "customer_id", "customer_name", "total_price", "status", "created_at"})
    if (columns.count(required) == 0) return false;
  return columns.count("total_price_cents") == 0;
}

void upgrade(Connection& connection) {
  const std::set<std::string> order_columns = column_names(connection, "orders");
  const bool has_items = connection.has_table("order_items");
  std::string item_sequence = "rowid";  // the order items were added in
  if (has_items) {
    const std::set<std::string> item_columns = column_names(connection, "order_items");
    for (const char* required : {"order_id", "item_name", "quantity", "unit_price"})
      if (item_columns.count(required) == 0)
        throw ConfigurationError(std::string("cannot upgrade the earlier Python module's database: order_items has no ") +
                                 required + " column; the database was left unchanged");
    // Dropped with the old table at the end; makes the per-order item reads cheap.
    if (item_columns.count("id") != 0) item_sequence = "id";
    connection.execute("CREATE INDEX om_upgrade_legacy_items ON order_items (order_id, " + item_sequence + ")");
  }

  connection.execute("DROP TABLE IF EXISTS " + std::string(kNewItems) + "; DROP TABLE IF EXISTS " +
                     std::string(kNewOrders) + ";" + schema::create_tables_sql(kNewOrders, kNewItems));

  copy_orders(connection, order_columns, has_items, item_sequence);

  // legacy_alter_table: the renames only rename. Views and triggers of other
  // tables that name "orders" keep naming it (and work on the new table),
  // instead of SQLite refusing the rename while the old table is gone.
  connection.execute("PRAGMA legacy_alter_table = ON");
  try {
    connection.execute(std::string(has_items ? "DROP TABLE order_items;" : "") + "DROP TABLE orders;" +
                       "ALTER TABLE " + kNewOrders + " RENAME TO orders;" + "ALTER TABLE " + kNewItems +
                       " RENAME TO order_items;" + schema::create_indexes_sql());
  } catch (...) {
    connection.execute("PRAGMA legacy_alter_table = OFF");
    throw;
  }
  connection.execute("PRAGMA legacy_alter_table = OFF");
}

}  // namespace managers::sqlite::legacy
