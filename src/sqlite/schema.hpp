#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>

#include "sqlite/connection.hpp"

namespace managers::sqlite::schema {

// The schema this engine writes, recorded in PRAGMA user_version.
//   0  no orders tables yet, or the earlier Python module's tables (see legacy_upgrade.hpp)
//   1  orders / order_items with integer cents, JSON metadata and status_history, three indexes
inline constexpr int kVersion = 1;

// One step of the schema, from version `to - 1` to `to`, for files an older build wrote.
// A new file gets the newest tables directly (create_tables_sql, from kOrderColumns), and the
// legacy upgrade builds them too, so a migration only ever runs on a file at 1 <= version < to.
// To add a field: its entry in kOrderColumns, then a migration here (e.g.
// {2, "orders.notes", "ALTER TABLE orders ADD COLUMN notes TEXT"}) and kVersion = 2.
struct Migration {
  int to;
  const char* what;  // for messages: what the step adds
  const char* sql;
};
// Oldest first, consecutive, the last one reaching kVersion (checked below at compile time).
inline constexpr std::array<Migration, kVersion - 1> kMigrations = {};

constexpr bool migrations_reach_version() {
  for (std::size_t i = 0; i < kMigrations.size(); ++i)
    if (kMigrations[i].to != static_cast<int>(i) + 2) return false;
  return true;
}
static_assert(migrations_reach_version(), "kMigrations must go 2, 3, ... kVersion");

// Runs every migration of `migrations` whose `to` is above `from`, in order, and stamps
// PRAGMA user_version after each; the caller holds the write transaction. Returns the
// version reached. (The engine passes kMigrations; tests pass their own list.)
int apply_migrations(Connection& connection, int from, std::span<const Migration> migrations);

// Puts the database in WAL mode (persistent in the file). The first read of the
// file: a file that is not a database fails here with SQLITE_NOTADB.
void enable_wal(Connection& connection);

// What a file holds, told by reading only (so `check` can say what opening it would do).
enum class State {
  kCurrent,   // schema version kVersion
  kNoTables,  // no order tables yet: they are created on first open
  kLegacy,    // the earlier Python module's tables: upgraded in place on first open
  kOutdated,  // an older schema version of this engine: migrated on first open (kMigrations)
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
