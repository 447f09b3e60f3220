#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "managers/order.hpp"
#include "sqlite/connection.hpp"
#include "sqlite/statement.hpp"

namespace managers::sqlite {

// The parts of an order outside the `orders` columns (order_columns.hpp): its rows of
// `order_items` in `position` order, and the stored text forms of the JSON columns.

// Appends the order's items (kSelectItems). Run it while the statement that
// produced the order row is still active: both then read one snapshot.
void read_items(Connection& connection, Order& order);

// Inserts every item of `order` (kInsertItem), positions 0, 1, ...
void insert_items(Connection& connection, const Order& order);
// The same through a given statement with kInsertItem's named parameters (the legacy
// upgrade writes into tables of another name).
void insert_items(Statement& insert_item, const Order& order);

// The stored forms, exposed for the legacy upgrade and the tests.
std::string encode_status_history(const std::vector<StatusChange>& history);
std::vector<StatusChange> decode_status_history(std::string_view text, const std::string& order_id);
std::string encode_metadata(const nlohmann::json& metadata);
nlohmann::json decode_metadata(std::string_view text, const std::string& order_id);
OrderStatus decode_status(std::string_view text, const std::string& order_id);

}  // namespace managers::sqlite
