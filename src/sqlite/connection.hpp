#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "sqlite/statement.hpp"
#include "sqlite/process_write_lock.hpp"

struct sqlite3;

namespace managers::sqlite {

// Whether `path` names SQLite's private in-memory database rather than a file (each connection to
// it has a database of its own).
inline bool is_in_memory(const std::string& path) { return path.empty() || path == ":memory:"; }

// How every connection of one manager is opened.
struct ConnectionSettings {
  std::string path;
  std::chrono::milliseconds busy_timeout{5000};
  bool synchronous_full = true;  // PRAGMA synchronous = FULL, else NORMAL
  // SQLITE_OPEN_READONLY (and never create the file): for looking without changing a byte.
  bool read_only = false;
};

// One open database connection (RAII over sqlite3*) with its own cache of
// prepared statements. A connection is used by one thread at a time (it is
// opened with SQLITE_OPEN_NOMUTEX); the ConnectionPool hands it out.
//
// Opening sets, once per connection: extended result codes, the busy handler,
// foreign_keys = ON and the synchronous level. It does not read the file, so a
// file that is not a database is reported by the first statement that does.
class Connection {
 public:
  explicit Connection(const ConnectionSettings& settings);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  sqlite3* handle() const { return db_; }
  const ConnectionSettings& settings() const { return settings_; }

  // The statement for `sql`, prepared on first use and kept for the life of the
  // connection. `sql` must be a static character array (the cache is keyed by
  // its address), e.g. one of the constants in order_sql.hpp.
  Statement& cached(const char* sql);
  // A statement for one use (PRAGMAs, built SQL), not kept.
  Statement prepare(std::string_view sql);

  // Runs one or more statements that return no rows (DDL, PRAGMAs), unprepared.
  void execute(const std::string& sql);
  // The first column of the first row of `sql` (e.g. PRAGMA user_version).
  std::int64_t query_int(const std::string& sql);
  // Whether the database has a table of this name.
  bool has_table(std::string_view name);

  // Steps `statement` to its first row or to completion, retrying while SQLite
  // reports SQLITE_BUSY (some lock waits return it without consulting the busy
  // handler) until the busy timeout has passed. True if a row is ready.
  bool step_retrying_busy(Statement& statement);

  // True while a transaction is open on this connection.
  bool in_transaction() const;

  // What this process's writers of the file hold before SQLite's write lock (process_write_lock.hpp).
  ProcessWriteLock& process_write_lock() const { return *process_write_lock_; }

 private:
  // The busy handler: sleeps 1 ms and asks again until the busy timeout has passed.
  static int wait_while_busy(void* connection, int attempts_so_far);

  ConnectionSettings settings_;
  sqlite3* db_ = nullptr;
  std::shared_ptr<ProcessWriteLock> process_write_lock_;
  std::chrono::steady_clock::time_point busy_since_;
  std::unordered_map<const char*, std::unique_ptr<Statement>> statements_;
};

}  // namespace managers::sqlite
