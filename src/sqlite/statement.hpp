#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace managers::sqlite {

// One prepared statement (RAII over sqlite3_stmt*). Prepared once per
// connection and reused: bind, step, read columns, then reset (use a
// StatementScope so the reset happens on every path, errors included).
//
// Text is bound without copying (SQLITE_STATIC): the bound string must outlive
// the statement's use, i.e. be declared before the StatementScope.
class Statement {
 public:
  // `busy_timeout`: how long step() tries again a read that found the database busy (the
  // connection's busy timeout; Connection::cached and Connection::prepare pass it).
  Statement(sqlite3* db, std::string_view sql, std::chrono::milliseconds busy_timeout, bool persistent = true);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;

  void bind(int index, std::string_view text);
  void bind(int index, std::int64_t value);
  void bind(int index, int value) { bind(index, static_cast<std::int64_t>(value)); }
  void bind(int index, const std::optional<std::string>& text);
  void bind_null(int index);
  // The same by parameter name (":order_id"). Naming a parameter the statement does not
  // have is a programming error (std::logic_error).
  template <typename Value>
  void bind(const char* parameter, const Value& value) {
    bind(required_parameter_index(parameter), value);
  }
  // The index of a named parameter, 0 if the statement has none of that name.
  int parameter_index(const char* parameter) const;

  // Advances to the next row: true if there is one, false when done. Throws
  // StorageError for any failure.
  bool step();
  // Runs a statement that returns no rows (or ignores them).
  void run();

  bool is_null(int column) const;
  // Valid until the next step() or reset().
  std::string_view text(int column) const;
  std::string string(int column) const { return std::string(text(column)); }
  std::optional<std::string> optional_string(int column) const;
  std::int64_t int64(int column) const;
  double real(int column) const;
  int type(int column) const;  // SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_BLOB, SQLITE_NULL

  // Ends the current execution, releasing its locks, and clears the bindings.
  void reset() noexcept;

  sqlite3_stmt* handle() const { return stmt_; }
  sqlite3* db() const { return db_; }

 private:
  int required_parameter_index(const char* parameter) const;

  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  std::chrono::milliseconds busy_timeout_{0};
  bool returned_rows_ = false;  // since the last reset: a BUSY then cannot be retried
};

// Resets the statement when it goes out of scope, on every path.
class StatementScope {
 public:
  explicit StatementScope(Statement& statement) : statement_(statement) {}
  ~StatementScope() { statement_.reset(); }
  StatementScope(const StatementScope&) = delete;
  StatementScope& operator=(const StatementScope&) = delete;

  Statement* operator->() const { return &statement_; }
  Statement& operator*() const { return statement_; }

 private:
  Statement& statement_;
};

}  // namespace managers::sqlite
