#pragma once

// The columns of the `orders` table, described once. The table definition, every
// statement that names them (order_sql.hpp), binding an Order and reading a row are
// made from this list, so adding a field to the SQLite engine is one entry here and
// one schema migration (schema.hpp). `order_items` is a separate table (order_rows.hpp).
//
// Each column names its statement parameter (":order_id"): statements bind by
// name, never by position, so the order of the list is free to change.

#include <array>
#include <string>
#include <string_view>

#include "managers/order.hpp"
#include "sqlite/statement.hpp"

namespace managers::sqlite {

// The texts stored for an order's JSON columns. Build it before the statement
// scope that binds it: the statement reads the strings without copying.
struct OrderRowTexts {
  explicit OrderRowTexts(const Order& order);
  std::string metadata;
  std::string status_history;
};

struct OrderColumn {
  const char* parameter;    // ":order_id" (NUL-terminated for SQLite); the column's name follows the ':'
  const char* declaration;  // its type and constraints in CREATE TABLE
  // Written by a status or ready-time change (the narrow UPDATE); every other column
  // is left as it is by such a change.
  bool progress = false;
  void (*bind)(Statement& statement, int index, const Order& order, const OrderRowTexts& texts) = nullptr;
  void (*read)(const Statement& row, int column, Order& order) = nullptr;
  // Copies this column's field from one order to another (to tell which columns a change touched).
  void (*copy)(const Order& from, Order& to) = nullptr;

  std::string_view name() const { return std::string_view(parameter).substr(1); }
};

inline constexpr std::size_t kOrderColumnCount = 11;
// In the order of the table definition and of every column list. order_id first: it is the key.
extern const std::array<OrderColumn, kOrderColumnCount> kOrderColumns;

// "order_id, customer_id, ..." in kOrderColumns' order.
std::string order_column_list();

// Binds every parameter of `statement` that names an order column.
void bind_order_columns(Statement& statement, const Order& order, const OrderRowTexts& texts);

// Reads the order columns of the current row (a SELECT of order_column_list()); items are left empty.
Order read_order_row(const Statement& row);

// Whether `changed` differs from `current` only in progress columns (and not in its items).
bool only_progress_changed(const Order& current, const Order& changed);

}  // namespace managers::sqlite
