#include "sqlite/statement.hpp"

#include <sqlite3.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <utility>

#include "sqlite/busy_retry.hpp"
#include "sqlite/sqlite_error.hpp"

namespace managers::sqlite {

Statement::Statement(sqlite3* db, std::string_view sql, std::chrono::milliseconds busy_timeout, bool persistent)
    : db_(db), busy_timeout_(busy_timeout) {
  const int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                                    persistent ? SQLITE_PREPARE_PERSISTENT : 0, &stmt_, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt_);
    stmt_ = nullptr;
    throw_storage_error(rc, db);
  }
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement::Statement(Statement&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)),
      stmt_(std::exchange(other.stmt_, nullptr)),
      busy_timeout_(other.busy_timeout_),
      returned_rows_(std::exchange(other.returned_rows_, false)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    db_ = std::exchange(other.db_, nullptr);
    stmt_ = std::exchange(other.stmt_, nullptr);
    busy_timeout_ = other.busy_timeout_;
    returned_rows_ = std::exchange(other.returned_rows_, false);
  }
  return *this;
}

void Statement::bind(int index, std::string_view text) {
  // A zero-length text must still bind as '' (not NULL): give SQLite a valid pointer.
  const char* data = text.data() != nullptr ? text.data() : "";
  const int rc = sqlite3_bind_text(stmt_, index, data, static_cast<int>(text.size()), SQLITE_STATIC);
  if (rc != SQLITE_OK) throw_storage_error(rc, db_);
}

void Statement::bind(int index, std::int64_t value) {
  const int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK) throw_storage_error(rc, db_);
}

void Statement::bind(int index, const std::optional<std::string>& text) {
  if (text)
    bind(index, std::string_view(*text));
  else
    bind_null(index);
}

int Statement::parameter_index(const char* parameter) const {
  return sqlite3_bind_parameter_index(stmt_, parameter);
}

int Statement::required_parameter_index(const char* parameter) const {
  const int index = parameter_index(parameter);
  if (index == 0)
    throw std::logic_error(std::string("statement has no parameter ") + parameter + ": " + sqlite3_sql(stmt_));
  return index;
}

void Statement::bind_null(int index) {
  const int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK) throw_storage_error(rc, db_);
}

bool Statement::step() {
  // A read outside any transaction that finds the database busy before its first row (in WAL
  // mode, a reader that cannot take its read lock while writers and checkpoints churn, where SQLite
  // may answer SQLITE_BUSY without its busy handler) is run again after a pause, for as long as the
  // connection's busy timeout. Writes wait in the busy handler (busy_timeout_ms) and are not retried
  // here; inside a transaction, or once rows were returned, BUSY is an error: the transaction's
  // snapshot, or the rows already read, cannot be kept.
  const int rc = step_while_busy(stmt_, std::chrono::steady_clock::now() + busy_timeout_, [this] {
    return !returned_rows_ && sqlite3_stmt_readonly(stmt_) != 0 && sqlite3_get_autocommit(db_) != 0;
  });
  if (rc == SQLITE_ROW) {
    returned_rows_ = true;
    return true;
  }
  if (rc == SQLITE_DONE) return false;
  throw_storage_error(rc, db_);
}

void Statement::run() {
  while (step()) {
  }
}

bool Statement::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

std::string_view Statement::text(int column) const {
  const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (data == nullptr) return {};
  return {data, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
}

std::optional<std::string> Statement::optional_string(int column) const {
  if (is_null(column)) return std::nullopt;
  return std::string(text(column));
}

std::int64_t Statement::int64(int column) const { return sqlite3_column_int64(stmt_, column); }

double Statement::real(int column) const { return sqlite3_column_double(stmt_, column); }

int Statement::type(int column) const { return sqlite3_column_type(stmt_, column); }

void Statement::reset() noexcept {
  returned_rows_ = false;
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

}  // namespace managers::sqlite
