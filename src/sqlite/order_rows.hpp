#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "managers/order.hpp"
#include "sqlite/connection.hpp"
#include "sqlite/statement.hpp"

namespace managers::sqlite {

// Row <-> Order mapping. An order is one row of `orders` (money as integer
// cents, metadata and status_history as JSON text) plus its rows of
// `order_items` in `position` order. Columns are those of OM_ORDER_COLUMNS in
// order_sql.hpp.

// The texts stored for an order's JSON columns. Build it before the statement
// scope that binds it: the statement reads the strings without copying.
struct OrderRowTexts {
  explicit OrderRowTexts(const Order& order);
  std::string metadata;
  std::string status_history;
};

// Binds ?1..?11 of kInsertOrder / kUpsertOrder / kUpdateOrder.
void bind_order_row(Statement& statement, const Order& order, const OrderRowTexts& texts);

// Reads the order columns of the current row; items are left empty.
Order read_order_row(const Statement& row);

// Appends the order's items (kSelectItems). Run it while the statement that
// produced the order row is still active: both then read one snapshot.
void read_items(Connection& connection, Order& order);

// Inserts every item of `order` (kInsertItem), positions 0, 1, ...
void insert_items(Connection& connection, const Order& order);
// The same through a given statement with kInsertItem's parameters (the legacy
// upgrade writes into tables of another name).
void insert_items(Statement& insert_item, const Order& order);

// The stored forms, exposed for the legacy upgrade and the tests.
std::string encode_status_history(const std::vector<StatusChange>& history);
std::vector<StatusChange> decode_status_history(std::string_view text, const std::string& order_id);
std::string encode_metadata(const nlohmann::json& metadata);
nlohmann::json decode_metadata(std::string_view text, const std::string& order_id);
OrderStatus decode_status(std::string_view text, const std::string& order_id);

}  // namespace managers::sqlite
