#pragma once

#include <cstdint>
#include <string>

#include "sqlite/connection.hpp"

namespace managers::sqlite::schema {

// The schema this engine writes, recorded in PRAGMA user_version.
//   0  no orders tables yet, or the earlier Python module's tables (see legacy_upgrade.hpp)
//   1  orders / order_items with integer cents, JSON metadata and status_history, three indexes
inline constexpr int kVersion = 1;

// Puts the database in WAL mode (persistent in the file). The first read of the
// file: a file that is not a database fails here with SQLITE_NOTADB.
void enable_wal(Connection& connection);

// What a file holds, told by reading only (so `check` can say what opening it would do).
enum class State {
  kCurrent,   // schema version kVersion
  kNoTables,  // no order tables yet: they are created on first open
  kLegacy,    // the earlier Python module's tables: upgraded in place on first open
  kNewer,     // a newer schema version than this build knows: refused
  kForeign,   // order tables of an unknown shape: refused
};
struct Inspection {
  State state = State::kCurrent;
  std::int64_t version = 0;  // PRAGMA user_version
  std::string problem;       // for kNewer / kForeign: "has ..." (after "database <path> ")
};
// Reads PRAGMA user_version and the tables; writes nothing (works on a read-only connection).
Inspection inspect(Connection& connection);

// Brings the file to kVersion and returns it: creates the tables in a file
// without them, upgrades a database of the earlier Python module in place, and
// leaves every other table alone. Runs under the write lock (BEGIN IMMEDIATE),
// so processes opening one new file at once create the schema once. Throws
// ConfigurationError for a file of a newer schema or tables it does not know.
int ensure(Connection& connection);

// The DDL of version kVersion, with the two tables named as given (the legacy
// upgrade builds them under temporary names). order_items always references
// "orders". No indexes: see create_indexes.
std::string create_tables_sql(const std::string& orders_table, const std::string& items_table);
std::string create_indexes_sql();

}  // namespace managers::sqlite::schema
