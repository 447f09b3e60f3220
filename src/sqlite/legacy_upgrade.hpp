#pragma once

#include "sqlite/connection.hpp"

// The earlier Python module (the spec's `OrderManager(db_path="conversations.db")`)
// left databases with user_version 0 and these tables:
//
//   CREATE TABLE orders (order_id TEXT PRIMARY KEY, customer_id TEXT NOT NULL,
//     customer_name TEXT NOT NULL, conversation_id TEXT, total_price REAL NOT NULL,
//     status TEXT NOT NULL DEFAULT 'Pending', created_at TEXT NOT NULL,
//     updated_at TEXT NOT NULL, estimated_ready_time TEXT, metadata TEXT);
//   CREATE TABLE order_items (id INTEGER PRIMARY KEY AUTOINCREMENT, order_id TEXT NOT NULL,
//     item_name TEXT NOT NULL, quantity INTEGER NOT NULL, unit_price REAL NOT NULL,
//     subtotal REAL NOT NULL, FOREIGN KEY (order_id) REFERENCES orders(order_id));
//
// with naive local timestamps from datetime.now().isoformat()
// ("2024-11-22T15:30:00.123456") and metadata as JSON text or NULL.
namespace managers::sqlite::legacy {

// True if `orders` has the Python module's shape (a REAL total_price column).
bool is_legacy_database(Connection& connection);

// Rewrites the two tables into schema version 1, in the caller's transaction
// (with foreign keys off): builds the new tables under temporary names, copies
// every order converting it, drops the old tables, renames the new ones into
// place and creates the indexes. A failure anywhere rolls back to the old
// database untouched. Every other table of the file is left alone.
//
// Conversion (docs/SQLITE.md): money REAL -> integer cents through the shortest
// decimal that reads back as the stored double (16.99 -> 1699), rounded
// half-even; each item's subtotal recomputed as unit_price x quantity; naive
// timestamps read as UTC and written as "...Z"; status_history reconstructed as
// Pending at created_at plus the current status at updated_at; metadata that is
// not a JSON object kept under "legacy_metadata"; items in their insertion (id)
// order; items whose order no longer exists are not carried over.
// A row that cannot be converted (an unknown status, an unreadable timestamp or
// price) throws ConfigurationError naming the order and leaves the file as it was.
void upgrade(Connection& connection);

}  // namespace managers::sqlite::legacy
