#include "sqlite/connection.hpp"

#include <sqlite3.h>

#include <thread>

#include "sqlite/busy_retry.hpp"
#include "sqlite/sqlite_error.hpp"

namespace managers::sqlite {

Connection::Connection(const ConnectionSettings& settings)
    : settings_(settings), process_write_lock_(ProcessWriteLock::for_file(settings.path)) {
  const int flags = (settings_.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                    SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(settings_.path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    const int code = db_ != nullptr ? sqlite3_extended_errcode(db_) : rc;
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw_storage_error(code, message + " (" + settings_.path + ")");
  }
  try {
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_handler(db_, &Connection::wait_while_busy, this);
    execute(settings_.synchronous_full ? "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL"
                                       : "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL");
  } catch (...) {
    sqlite3_close_v2(db_);
    throw;
  }
}

// SQLite's own busy handler (sqlite3_busy_timeout) sleeps longer the longer it has waited, up to
// 100 ms between attempts, so the writer of another process that has waited longest asks least
// often and keeps losing the lock to newcomers. Asking every millisecond keeps it level with them;
// an attempt is one fcntl() call.
int Connection::wait_while_busy(void* connection, int attempts_so_far) {
  Connection& self = *static_cast<Connection*>(connection);
  const auto now = std::chrono::steady_clock::now();
  if (attempts_so_far == 0) self.busy_since_ = now;
  if (now - self.busy_since_ >= self.settings_.busy_timeout) return 0;  // give up: SQLITE_BUSY
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return 1;
}

Connection::~Connection() {
  statements_.clear();  // finalize every statement before closing
  sqlite3_close_v2(db_);
}

Statement& Connection::cached(const char* sql) {
  auto found = statements_.find(sql);
  if (found == statements_.end())
    found = statements_.emplace(sql, std::make_unique<Statement>(db_, sql, settings_.busy_timeout)).first;
  return *found->second;
}

Statement Connection::prepare(std::string_view sql) {
  return Statement(db_, sql, settings_.busy_timeout, /*persistent=*/false);
}

void Connection::execute(const std::string& sql) {
  char* error = nullptr;
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    const std::string message = error != nullptr ? error : sqlite3_errstr(rc);
    sqlite3_free(error);
    throw_storage_error(sqlite3_extended_errcode(db_), message);
  }
}

std::int64_t Connection::query_int(const std::string& sql) {
  Statement statement = prepare(sql);
  StatementScope scope(statement);
  return step_retrying_busy(statement) ? statement.int64(0) : 0;
}

bool Connection::has_table(std::string_view name) {
  Statement statement = prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1");
  StatementScope scope(statement);
  statement.bind(1, name);
  return statement.step();
}

bool Connection::step_retrying_busy(Statement& statement) {
  const int rc =
      step_while_busy(statement.handle(), std::chrono::steady_clock::now() + settings_.busy_timeout, [] { return true; });
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw_storage_error(rc, db_);
}

bool Connection::in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

}  // namespace managers::sqlite
