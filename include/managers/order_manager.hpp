#pragma once

#include <memory>
#include <string>

#include "managers/order_manager_interface.hpp"

namespace managers {

namespace sqlite {
class SqliteOrderStore;  // the engine's store (private)
}

// The spec's default database file.
inline constexpr char kDefaultDbPath[] = "conversations.db";

// How hard a committed write is pushed to disk (SQLite's PRAGMA synchronous in WAL mode).
enum class Durability {
  FULL,    // fsync on every commit: a committed order survives a power loss (default)
  NORMAL,  // fsync at checkpoints: survives a crash of the process, may lose the last commits on power loss
};

struct SqliteOptions {
  std::string db_path = kDefaultDbPath;  // ":memory:" keeps the orders in this process only
  int busy_timeout_ms = 5000;  // how long a writer waits for another process's lock
  Durability durability = Durability::FULL;
  // Connections opened on demand, one per concurrently active thread, at most this
  // many (further callers wait for one). ":memory:" always uses exactly one.
  int max_connections = 8;
};

// The SQLite engine (the spec's OrderManager). The file may hold other tables;
// a database written by the earlier Python module is upgraded in place.
// Thread safety: one instance may be shared by any number of threads, and any
// number of processes may open the same file. Engine notes: docs/SQLITE.md.
//
// Throws StorageError when the file cannot be opened or read (SQLITE_CANTOPEN,
// SQLITE_NOTADB, ...) and ConfigurationError for a file of a newer schema.
// check_health() reports the file, its schema version, journal mode and durability.
class OrderManager final : public OrderManagerInterface {
 public:
  explicit OrderManager(std::string db_path = kDefaultDbPath);
  explicit OrderManager(SqliteOptions options);
  ~OrderManager() override;

  // PRAGMA user_version of the opened file.
  int schema_version() const;
  const std::string& db_path() const;

 private:
  explicit OrderManager(std::unique_ptr<sqlite::SqliteOrderStore>&& store);
  OrderManager(sqlite::SqliteOrderStore* store, std::unique_ptr<sqlite::SqliteOrderStore>&& owned);
  sqlite::SqliteOrderStore* store_;  // owned by the base class
};

}  // namespace managers
