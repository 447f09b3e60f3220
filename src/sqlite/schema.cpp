#include "sqlite/schema.hpp"

#include <sqlite3.h>

#include "managers/errors.hpp"
#include "managers/order_status.hpp"
#include "sqlite/legacy_upgrade.hpp"
#include "sqlite/order_columns.hpp"
#include "sqlite/sqlite_error.hpp"
#include "sqlite/transaction.hpp"

namespace managers::sqlite::schema {
namespace {

std::string status_check_list() {
  std::string list;
  for (OrderStatus status : kAllOrderStatuses) {
    if (!list.empty()) list += ", ";
    list += '\'';
    list += to_string(status);
    list += '\'';
  }
  return list;
}

[[noreturn]] void newer_schema(const std::string& path, std::int64_t version) {
  throw ConfigurationError("database " + path + " has order schema version " + std::to_string(version) +
                           " (PRAGMA user_version); this build supports up to " + std::to_string(kVersion) +
                           ": use a newer order-manager");
}

// PRAGMA foreign_keys cannot change inside a transaction: it is switched off
// around the schema transaction (the upgrade drops and renames referenced
// tables, as SQLite's documented table-rebuild procedure requires) and always
// switched back on.
class ForeignKeysOff {
 public:
  explicit ForeignKeysOff(Connection& connection) : connection_(connection) {
    connection_.execute("PRAGMA foreign_keys = OFF");
  }
  ~ForeignKeysOff() {
    try {
      connection_.execute("PRAGMA foreign_keys = ON");
    } catch (...) {
      // Left off only if the connection itself is failing; the open fails then anyway.
    }
  }
  ForeignKeysOff(const ForeignKeysOff&) = delete;
  ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;

 private:
  Connection& connection_;
};

}  // namespace

std::string create_tables_sql(const std::string& orders_table, const std::string& items_table) {
  std::string columns;
  for (const OrderColumn& column : kOrderColumns) {
    std::string declaration = column.declaration;
    if (const std::size_t at = declaration.find("{statuses}"); at != std::string::npos)
      declaration.replace(at, std::string_view("{statuses}").size(), status_check_list());
    columns += (columns.empty() ? "  " : ",\n  ") + std::string(column.name()) + " " + declaration;
  }
  return "CREATE TABLE " + orders_table + " (\n" + columns +
         "\n);\n"
         "CREATE TABLE " +
         items_table +
         " (\n"
         "  order_id TEXT NOT NULL REFERENCES orders (order_id) ON DELETE CASCADE,\n"
         "  position INTEGER NOT NULL,\n"
         "  item_name TEXT NOT NULL,\n"
         "  quantity INTEGER NOT NULL,\n"
         "  unit_price_cents INTEGER NOT NULL,\n"
         "  subtotal_cents INTEGER NOT NULL,\n"
         "  PRIMARY KEY (order_id, position)\n"
         ") WITHOUT ROWID;\n";
}

std::string create_indexes_sql() {
  return "CREATE INDEX orders_by_customer_name ON orders (customer_name, created_at DESC, order_id DESC);\n"
         "CREATE INDEX orders_by_customer_id ON orders (customer_id, created_at DESC, order_id DESC);\n"
         "CREATE INDEX orders_by_status ON orders (status, created_at, order_id);\n";
}

void enable_wal(Connection& connection) {
  Statement statement = connection.prepare("PRAGMA journal_mode = WAL");
  StatementScope scope(statement);
  connection.step_retrying_busy(statement);
  // An in-memory database answers "memory" and stays so; any file answers "wal".
}

int apply_migrations(Connection& connection, int from, std::span<const Migration> migrations) {
  int version = from;
  for (const Migration& migration : migrations) {
    if (migration.to <= version) continue;
    connection.execute(migration.sql);
    version = migration.to;
    connection.execute("PRAGMA user_version = " + std::to_string(version));
  }
  return version;
}

Inspection inspect(Connection& connection) {
  Inspection found;
  found.version = connection.query_int("PRAGMA user_version");
  if (found.version == kVersion) {
    found.state = State::kCurrent;
  } else if (found.version > kVersion) {
    found.state = State::kNewer;
    found.problem = "has order schema version " + std::to_string(found.version) +
                    " (PRAGMA user_version); this build supports up to " + std::to_string(kVersion) +
                    ": use a newer order-manager";
  } else if (found.version >= 1) {
    found.state = State::kOutdated;
  } else if (found.version < 0) {
    found.state = State::kForeign;
    found.problem = "has a negative PRAGMA user_version";
  } else if (!connection.has_table("orders")) {
    if (connection.has_table("order_items")) {
      found.state = State::kForeign;
      found.problem = "has a table order_items but no table orders: not a database of this engine or of the "
                      "earlier Python module";
    } else {
      found.state = State::kNoTables;
    }
  } else if (legacy::is_legacy_database(connection)) {
    found.state = State::kLegacy;
  } else {
    found.state = State::kForeign;
    found.problem = "has a table orders that is neither of this engine (schema version " + std::to_string(kVersion) +
                    ") nor of the earlier Python module";
  }
  return found;
}

int ensure(Connection& connection) {
  const std::string& path = connection.settings().path;
  const std::int64_t seen = connection.query_int("PRAGMA user_version");
  if (seen == kVersion) return kVersion;
  if (seen > kVersion) newer_schema(path, seen);

  ForeignKeysOff foreign_keys_off(connection);
  Transaction transaction(connection, TransactionMode::kImmediate);
  // Under the write lock: another process may have done it meanwhile.
  const Inspection found = inspect(connection);
  switch (found.state) {
    case State::kCurrent: return kVersion;
    case State::kNewer: newer_schema(path, found.version);
    case State::kForeign: throw ConfigurationError("database " + path + " " + found.problem);
    case State::kNoTables: connection.execute(create_tables_sql("orders", "order_items") + create_indexes_sql()); break;
    case State::kLegacy: legacy::upgrade(connection); break;
    case State::kOutdated: apply_migrations(connection, static_cast<int>(found.version), kMigrations); break;
  }
  connection.execute("PRAGMA user_version = " + std::to_string(kVersion));
  transaction.commit();
  return kVersion;
}

}  // namespace managers::sqlite::schema
