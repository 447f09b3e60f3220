#pragma once

// A bare sqlite3 connection for tests: builds files the way other programs
// would (the earlier Python module, the platform's own tables) and inspects
// what the engine wrote, without going through the engine.

#include <sqlite3.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace sqlite_testing {

class RawDb {
 public:
  explicit RawDb(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
      const std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close_v2(db_);
      throw std::runtime_error("cannot open " + path + ": " + message);
    }
  }
  ~RawDb() { sqlite3_close_v2(db_); }
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;

  sqlite3* handle() const { return db_; }

  void exec(const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      const std::string message = error != nullptr ? error : "unknown error";
      sqlite3_free(error);
      throw std::runtime_error("SQL failed: " + message + "\n" + sql);
    }
  }

  // Every row, every column as text ("NULL" for NULL).
  std::vector<std::vector<std::string>> rows(const std::string& sql) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK)
      throw std::runtime_error(std::string("prepare failed: ") + sqlite3_errmsg(db_) + "\n" + sql);
    std::vector<std::vector<std::string>> result;
    int rc = SQLITE_OK;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
      std::vector<std::string> row;
      for (int i = 0; i < sqlite3_column_count(statement); ++i) {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, i));
        row.push_back(text != nullptr ? std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(statement, i)))
                                      : std::string("NULL"));
      }
      result.push_back(std::move(row));
    }
    sqlite3_finalize(statement);
    if (rc != SQLITE_DONE) throw std::runtime_error(std::string("step failed: ") + sqlite3_errmsg(db_) + "\n" + sql);
    return result;
  }

  // The first column of the first row ("" if there is no row).
  std::string value(const std::string& sql) {
    const auto all = rows(sql);
    return all.empty() || all[0].empty() ? std::string() : all[0][0];
  }

  // The first column of every row.
  std::vector<std::string> column(const std::string& sql) {
    std::vector<std::string> values;
    for (const auto& row : rows(sql)) values.push_back(row.at(0));
    return values;
  }

 private:
  sqlite3* db_ = nullptr;
};

// The tables the earlier Python module created (the spec's OrderManager).
inline void create_legacy_schema(RawDb& db) {
  db.exec(
      "CREATE TABLE orders (order_id TEXT PRIMARY KEY, customer_id TEXT NOT NULL, customer_name TEXT NOT NULL, "
      "conversation_id TEXT, total_price REAL NOT NULL, status TEXT NOT NULL DEFAULT 'Pending', "
      "created_at TEXT NOT NULL, updated_at TEXT NOT NULL, estimated_ready_time TEXT, metadata TEXT);"
      "CREATE TABLE order_items (id INTEGER PRIMARY KEY AUTOINCREMENT, order_id TEXT NOT NULL, "
      "item_name TEXT NOT NULL, quantity INTEGER NOT NULL, unit_price REAL NOT NULL, subtotal REAL NOT NULL, "
      "FOREIGN KEY (order_id) REFERENCES orders(order_id));");
}

// The platform's own table, which shares the file.
inline void create_conversations_table(RawDb& db) {
  db.exec(
      "CREATE TABLE conversations (id INTEGER PRIMARY KEY, customer_id TEXT NOT NULL, transcript TEXT);"
      "INSERT INTO conversations (customer_id, transcript) VALUES ('CUST-001', 'Hi, a coffee please'), "
      "('CUST-002', 'Where is my order?');");
}

}  // namespace sqlite_testing
