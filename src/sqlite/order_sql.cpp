#include "sqlite/order_sql.hpp"

#include "sqlite/order_columns.hpp"

namespace managers::sqlite::sql {
namespace {

// "<name> = <prefix><name>, ..." for the columns `wanted` selects (the key never: it is the row's identity).
template <typename Wanted>
std::string assignments(const std::string& value_prefix, Wanted wanted) {
  std::string text;
  for (const OrderColumn& column : kOrderColumns) {
    if (column.name() == "order_id" || !wanted(column)) continue;
    if (!text.empty()) text += ", ";
    text += std::string(column.name()) + " = " + value_prefix + std::string(column.name());
  }
  return text;
}

bool every_column(const OrderColumn&) { return true; }
bool progress_column(const OrderColumn& column) { return column.progress; }

std::string select_from_orders(const std::string& rest) { return "SELECT " + order_column_list() + " FROM orders " + rest; }

}  // namespace

std::string insert_order_into(const std::string& table) {
  std::string values;
  for (const OrderColumn& column : kOrderColumns) values += (values.empty() ? "" : ", ") + std::string(column.parameter);
  return "INSERT INTO " + table + " (" + order_column_list() + ") VALUES (" + values + ")";
}

// Each text is built once, on first use, and lives as long as the program (static storage).
const char* insert_order() {
  static const std::string text = insert_order_into("orders") + " ON CONFLICT (order_id) DO NOTHING";
  return text.c_str();
}

const char* upsert_order() {
  static const std::string text = insert_order_into("orders") + " ON CONFLICT (order_id) DO UPDATE SET " +
                                  assignments("excluded.", every_column);
  return text.c_str();
}

const char* update_order() {
  static const std::string text = "UPDATE orders SET " + assignments(":", every_column) + " WHERE order_id = :order_id";
  return text.c_str();
}

const char* update_progress() {
  static const std::string text =
      "UPDATE orders SET " + assignments(":", progress_column) + " WHERE order_id = :order_id";
  return text.c_str();
}

const char* select_order() {
  static const std::string text = select_from_orders("WHERE order_id = :order_id");
  return text.c_str();
}

const char* select_customer_orders() {
  static const std::string text =
      select_from_orders("WHERE customer_name = :customer_name ORDER BY created_at DESC, order_id DESC LIMIT :limit");
  return text.c_str();
}

const char* select_customer_orders_with_status() {
  static const std::string text = select_from_orders(
      "WHERE customer_name = :customer_name AND +status = :status ORDER BY created_at DESC, order_id DESC "
      "LIMIT :limit");
  return text.c_str();
}

const char* select_last_order() {
  static const std::string text =
      select_from_orders("WHERE customer_id = :customer_id ORDER BY created_at DESC, order_id DESC LIMIT 1");
  return text.c_str();
}

const char* select_orders_by_status() {
  static const std::string text =
      select_from_orders("WHERE status = :status ORDER BY created_at, order_id LIMIT :limit");
  return text.c_str();
}

const char* scan_orders() {
  static const std::string text = select_from_orders("WHERE order_id > :after ORDER BY order_id LIMIT :limit");
  return text.c_str();
}

}  // namespace managers::sqlite::sql
