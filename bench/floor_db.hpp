#pragma once

// The floor: the engine's storage work written straight on the sqlite3 C API,
// for sqlite_floor_compare and sqlite_threads. The schema is replicated from
// src/sqlite/schema.cpp (sqlite_floor_compare checks it against the file the
// engine creates); the statements are the engine's own (src/sqlite/order_sql.hpp).

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "sqlite/order_sql.hpp"  // the engine's statements, verbatim

namespace bench::floor {

namespace sql = managers::sqlite::sql;

[[noreturn]] inline void fail(sqlite3* db, int rc, const char* what) {
  throw std::runtime_error(std::string(what) + ": " + (db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
}

// The schema of src/sqlite/schema.cpp (version 1), replicated.
// sqlite_floor_compare checks that it is exactly what the engine creates.
inline constexpr char kFloorSchema[] =
    "CREATE TABLE orders (\n"
    "  order_id TEXT NOT NULL PRIMARY KEY,\n"
    "  customer_id TEXT NOT NULL,\n"
    "  customer_name TEXT NOT NULL,\n"
    "  conversation_id TEXT,\n"
    "  total_price_cents INTEGER NOT NULL,\n"
    "  status TEXT NOT NULL CHECK (status IN ('Pending', 'Confirmed', 'Being prepared', 'Ready for pickup', "
    "'Completed', 'Cancelled')),\n"
    "  created_at TEXT NOT NULL,\n"
    "  updated_at TEXT NOT NULL,\n"
    "  estimated_ready_time TEXT,\n"
    "  metadata TEXT NOT NULL DEFAULT '{}',\n"
    "  status_history TEXT NOT NULL\n"
    ");\n"
    "CREATE TABLE order_items (\n"
    "  order_id TEXT NOT NULL REFERENCES orders (order_id) ON DELETE CASCADE,\n"
    "  position INTEGER NOT NULL,\n"
    "  item_name TEXT NOT NULL,\n"
    "  quantity INTEGER NOT NULL,\n"
    "  unit_price_cents INTEGER NOT NULL,\n"
    "  subtotal_cents INTEGER NOT NULL,\n"
    "  PRIMARY KEY (order_id, position)\n"
    ") WITHOUT ROWID;\n"
    "CREATE INDEX orders_by_customer_name ON orders (customer_name, created_at DESC, order_id DESC);\n"
    "CREATE INDEX orders_by_customer_id ON orders (customer_id, created_at DESC, order_id DESC);\n"
    "CREATE INDEX orders_by_status ON orders (status, created_at, order_id);\n"
    "PRAGMA user_version = 1;\n";

// What the floor stores for one order: every text already encoded.
struct FloorRow {
  std::string order_id, customer_id, customer_name, conversation_id, created_at, estimated_ready_time, metadata,
      status_history;
  std::int64_t total_cents = 0;
  struct Item {
    std::string name;
    std::int64_t quantity, unit_cents, subtotal_cents;
  };
  std::vector<Item> items;
};

// What the floor reads back: the columns, copied.
struct FloorItem {
  std::string name;
  std::int64_t quantity = 0, unit_cents = 0, subtotal_cents = 0;
};
struct FloorOrder {
  std::string order_id, customer_id, customer_name;
  std::optional<std::string> conversation_id;
  std::int64_t total_cents = 0;
  std::string status, created_at, updated_at;
  std::optional<std::string> estimated_ready_time;
  std::string metadata, status_history;
  std::vector<FloorItem> items;
};

class Stmt {
 public:
  Stmt(sqlite3* db, const char* text) : db_(db) {
    const int rc = sqlite3_prepare_v3(db, text, -1, SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
    if (rc != SQLITE_OK) fail(db, rc, text);
  }
  ~Stmt() { sqlite3_finalize(stmt_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  void text(int i, const std::string& value) { sqlite3_bind_text(stmt_, i, value.data(), static_cast<int>(value.size()), SQLITE_STATIC); }
  void text(int i, const char* value) { sqlite3_bind_text(stmt_, i, value, -1, SQLITE_STATIC); }
  void optional_text(int i, const std::optional<std::string>& value) {
    if (value)
      text(i, *value);
    else
      sqlite3_bind_null(stmt_, i);
  }
  void int64(int i, std::int64_t value) { sqlite3_bind_int64(stmt_, i, value); }
  int param(const char* name) const { return sqlite3_bind_parameter_index(stmt_, name); }
  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail(db_, rc, sqlite3_sql(stmt_));
  }
  void reset() { sqlite3_reset(stmt_); }
  std::string col(int i) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, i));
    return p != nullptr ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, i))) : std::string();
  }
  std::optional<std::string> optional_col(int i) const {
    if (sqlite3_column_type(stmt_, i) == SQLITE_NULL) return std::nullopt;
    return col(i);
  }
  std::int64_t col_int(int i) const { return sqlite3_column_int64(stmt_, i); }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

class FloorDb {
 public:
  FloorDb(const std::string& path, bool synchronous_full, bool create_schema) {
    const int rc = sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                   nullptr);
    if (rc != SQLITE_OK) fail(db_, rc, "open");
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, 5000);
    exec(synchronous_full ? "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL"
                          : "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL");
    exec("PRAGMA journal_mode = WAL");
    if (create_schema) {
      exec("BEGIN IMMEDIATE");
      exec(kFloorSchema);
      exec("COMMIT");
    }
    begin_ = std::make_unique<Stmt>(db_, "BEGIN IMMEDIATE");
    commit_ = std::make_unique<Stmt>(db_, "COMMIT");
    insert_order_ = std::make_unique<Stmt>(db_, sql::insert_order());
    insert_item_ = std::make_unique<Stmt>(db_, sql::kInsertItem);
    select_order_ = std::make_unique<Stmt>(db_, sql::select_order());
    select_items_ = std::make_unique<Stmt>(db_, sql::kSelectItems);
    select_customer_ = std::make_unique<Stmt>(db_, sql::select_customer_orders());
    select_status_ = std::make_unique<Stmt>(db_, sql::select_orders_by_status());
    select_last_ = std::make_unique<Stmt>(db_, sql::select_last_order());
    update_order_ = std::make_unique<Stmt>(db_, sql::update_progress());
    select_status_history_ =
        std::make_unique<Stmt>(db_, "SELECT status, status_history FROM orders WHERE order_id = ?1");
    update_status_only_ = std::make_unique<Stmt>(
        db_, "UPDATE orders SET status = ?2, updated_at = ?3, status_history = ?4 WHERE order_id = ?1");
  }
  ~FloorDb() {
    begin_.reset();
    commit_.reset();
    insert_order_.reset();
    insert_item_.reset();
    select_order_.reset();
    select_items_.reset();
    select_customer_.reset();
    select_status_.reset();
    select_last_.reset();
    update_order_.reset();
    select_status_history_.reset();
    update_status_only_.reset();
    sqlite3_close_v2(db_);
  }
  FloorDb(const FloorDb&) = delete;
  FloorDb& operator=(const FloorDb&) = delete;

  void exec(const char* text) {
    char* error = nullptr;
    if (sqlite3_exec(db_, text, nullptr, nullptr, &error) != SQLITE_OK) {
      const std::string message = error != nullptr ? error : "?";
      sqlite3_free(error);
      throw std::runtime_error(std::string(text) + ": " + message);
    }
  }

  // One transaction: the order row, its items.
  bool create(const FloorRow& row) {
    run(*begin_);
    Stmt& o = *insert_order_;
    o.text(1, row.order_id);
    o.text(2, row.customer_id);
    o.text(3, row.customer_name);
    o.text(4, row.conversation_id);
    o.int64(5, row.total_cents);
    o.text(6, "Pending");
    o.text(7, row.created_at);
    o.text(8, row.created_at);
    o.text(9, row.estimated_ready_time);
    o.text(10, row.metadata);
    o.text(11, row.status_history);
    run(o);
    const bool inserted = sqlite3_changes(db_) > 0;
    if (inserted) {
      Stmt& it = *insert_item_;
      for (std::size_t p = 0; p < row.items.size(); ++p) {
        it.text(1, row.order_id);
        it.int64(2, static_cast<std::int64_t>(p));
        it.text(3, row.items[p].name);
        it.int64(4, row.items[p].quantity);
        it.int64(5, row.items[p].unit_cents);
        it.int64(6, row.items[p].subtotal_cents);
        run(it);
      }
    }
    run(*commit_);
    return inserted;
  }

  std::optional<FloorOrder> get_order(const std::string& id) {
    Stmt& s = *select_order_;
    s.text(1, id);
    std::optional<FloorOrder> out;
    if (s.step()) out = read_full(s);
    s.reset();
    return out;
  }

  std::vector<FloorOrder> customer_orders(const std::string& name, int limit) {
    Stmt& s = *select_customer_;
    s.text(1, name);
    s.int64(2, limit);
    std::vector<FloorOrder> out;
    while (s.step()) out.push_back(read_full(s));
    s.reset();
    return out;
  }

  std::optional<FloorOrder> last_order(const std::string& customer_id) {
    Stmt& s = *select_last_;
    s.text(1, customer_id);
    std::optional<FloorOrder> out;
    if (s.step()) out = read_full(s);
    s.reset();
    return out;
  }

  std::vector<FloorOrder> orders_by_status(const char* status, int limit) {
    Stmt& s = *select_status_;
    s.text(1, status);
    s.int64(2, limit);
    std::vector<FloorOrder> out;
    while (s.step()) out.push_back(read_full(s));
    s.reset();
    return out;
  }

  // As the engine does it: under the write lock read the whole order (row and
  // items), append to the history, write the columns a status change touches.
  bool update_status(const std::string& id, const char* status, const std::string& now) {
    run(*begin_);
    std::optional<FloorOrder> current = get_order(id);
    if (!current) {
      run(*commit_);
      return false;
    }
    std::string history = current->status_history;
    history.pop_back();  // ']'
    history += ",{\"status\":\"";
    history += status;
    history += "\",\"changed_at\":\"";
    history += now;
    history += "\"}]";
    // The engine's statement binds by name (its parameter order follows the column table).
    Stmt& u = *update_order_;
    u.text(u.param(":order_id"), current->order_id);
    u.text(u.param(":status"), status);
    u.text(u.param(":updated_at"), now);
    u.optional_text(u.param(":estimated_ready_time"), current->estimated_ready_time);
    u.text(u.param(":status_history"), history);
    run(u);
    run(*commit_);
    return true;
  }

  // The least SQL that does it: read status and history only, write the three
  // columns that change.
  bool update_status_minimal(const std::string& id, const char* status, const std::string& now) {
    run(*begin_);
    Stmt& s = *select_status_history_;
    s.text(1, id);
    if (!s.step()) {
      s.reset();
      run(*commit_);
      return false;
    }
    std::string history = s.col(1);
    s.reset();
    history.pop_back();
    history += ",{\"status\":\"";
    history += status;
    history += "\",\"changed_at\":\"";
    history += now;
    history += "\"}]";
    Stmt& u = *update_status_only_;
    u.text(1, id);
    u.text(2, status);
    u.text(3, now);
    u.text(4, history);
    run(u);
    run(*commit_);
    return true;
  }

 private:
  static void run(Stmt& s) {
    while (s.step()) {
    }
    s.reset();
  }

  FloorOrder read_full(const Stmt& s) {
    FloorOrder o;
    o.order_id = s.col(0);
    o.customer_id = s.col(1);
    o.customer_name = s.col(2);
    o.conversation_id = s.optional_col(3);
    o.total_cents = s.col_int(4);
    o.status = s.col(5);
    o.created_at = s.col(6);
    o.updated_at = s.col(7);
    o.estimated_ready_time = s.optional_col(8);
    o.metadata = s.col(9);
    o.status_history = s.col(10);
    Stmt& items = *select_items_;
    items.text(1, o.order_id);
    while (items.step()) o.items.push_back({items.col(0), items.col_int(1), items.col_int(2), items.col_int(3)});
    items.reset();
    return o;
  }

  sqlite3* db_ = nullptr;
  std::unique_ptr<Stmt> begin_, commit_, insert_order_, insert_item_, select_order_, select_items_, select_customer_,
      select_status_, select_last_, update_order_, select_status_history_, update_status_only_;
};

// The schema objects of a database file, for comparing floor and engine.
inline std::string schema_of(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) fail(db, 0, "open");
  std::string out;
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name", -1, &s, nullptr);
  while (sqlite3_step(s) == SQLITE_ROW)
    for (int i = 0; i < 4; ++i) {
      const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(s, i));
      out += t != nullptr ? t : "NULL";
      out += i == 3 ? "\n" : " | ";
    }
  sqlite3_finalize(s);
  sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, nullptr);
  if (sqlite3_step(s) == SQLITE_ROW) out += "user_version " + std::to_string(sqlite3_column_int(s, 0)) + "\n";
  sqlite3_finalize(s);
  sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &s, nullptr);
  if (sqlite3_step(s) == SQLITE_ROW) out += std::string("journal_mode ") + reinterpret_cast<const char*>(sqlite3_column_text(s, 0)) + "\n";
  sqlite3_finalize(s);
  sqlite3_close_v2(db);
  return out;
}

}  // namespace bench::floor
