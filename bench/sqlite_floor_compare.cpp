// The library against the physical floor, in one process and one run.
//
// "Floor" is the same storage work written straight on the sqlite3 C API: the
// same schema (replicated here and checked against the file the engine
// creates), the engine's own SQL texts (src/sqlite/order_sql.hpp), prepared once
// with the same flags, the same PRAGMAs (WAL, foreign_keys, synchronous), the
// same transactions (BEGIN IMMEDIATE ... COMMIT around every write) and the same
// reads (the order row, then its items). The floor gets its inputs pre-encoded
// (JSON texts, timestamps) and returns raw rows copied into plain strings: no
// validation, no JSON parsing, no model objects. Everything the library does
// beyond that counts against it.
//
// Each operation runs in R rounds; in every round the floor and the library each
// run one batch of the same size, alternating who goes first, on separate but
// identical database files. The table shows the medians of the per-round
// rates and the median of the per-round ratios library/floor.
//
//   sqlite_floor_compare [--quick] [--rounds N] [--seconds S] [--orders N] [--dir PATH] [--only TEXT]
//
// The verdict uses wall-clock rates. The "cpu ratio" column compares the CPU
// time of this thread instead: on a machine busy with other work it shows the
// library's own overhead without the scheduler's noise (for FULL it leaves out
// the fsync waits, so it shows only the CPU side of those operations).

#include <sqlite3.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench_support.hpp"
#include "managers/order_manager.hpp"
#include "sqlite/order_sql.hpp"  // the engine's statements, verbatim

namespace {

namespace sql = managers::sqlite::sql;
using managers::Durability;
using managers::OrderStatus;

// ---------------------------------------------------------------------------
// The floor: plain sqlite3 C API.

[[noreturn]] void fail(sqlite3* db, int rc, const char* what) {
  throw std::runtime_error(std::string(what) + ": " + (db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
}

// The schema of src/sqlite/schema.cpp (version 1), replicated. main() checks
// that it is exactly what the engine creates.
const char kFloorSchema[] =
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
    insert_order_ = std::make_unique<Stmt>(db_, sql::kInsertOrder);
    insert_item_ = std::make_unique<Stmt>(db_, sql::kInsertItem);
    select_order_ = std::make_unique<Stmt>(db_, sql::kSelectOrder);
    select_items_ = std::make_unique<Stmt>(db_, sql::kSelectItems);
    select_customer_ = std::make_unique<Stmt>(db_, sql::kSelectCustomerOrders);
    select_status_ = std::make_unique<Stmt>(db_, sql::kSelectOrdersByStatus);
    update_order_ = std::make_unique<Stmt>(db_, sql::kUpdateOrder);
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
  // items), append to the history, write the whole row back.
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
    Stmt& u = *update_order_;
    u.text(1, current->order_id);
    u.text(2, current->customer_id);
    u.text(3, current->customer_name);
    u.optional_text(4, current->conversation_id);
    u.int64(5, current->total_cents);
    u.text(6, status);
    u.text(7, current->created_at);
    u.text(8, now);
    u.optional_text(9, current->estimated_ready_time);
    u.text(10, current->metadata);
    u.text(11, history);
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
      select_status_, update_order_, select_status_history_, update_status_only_;
};

// The schema objects of a database file, for comparing floor and engine.
std::string schema_of(const std::string& path) {
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

// ---------------------------------------------------------------------------
// The harness.

struct Options {
  bool quick = false;
  int rounds = 7;
  double seconds = 0.25;  // per batch
  int orders = 30000;     // population of the read/update databases
  std::string dir;
  std::string only;       // run only the cases whose name contains this
};

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(a + " needs a value");
      return argv[++i];
    };
    if (a == "--quick") {
      o.quick = true;
      o.rounds = 2;
      o.seconds = 0.02;
      o.orders = 600;
    } else if (a == "--rounds") {
      o.rounds = std::stoi(value());
    } else if (a == "--seconds") {
      o.seconds = std::stod(value());
    } else if (a == "--orders") {
      o.orders = std::stoi(value());
    } else if (a == "--dir") {
      o.dir = value();
    } else if (a == "--only") {
      o.only = value();
    } else {
      std::cerr << "usage: sqlite_floor_compare [--quick] [--rounds N] [--seconds S] [--orders N] [--dir PATH] [--only TEXT]\n";
      std::exit(a == "--help" || a == "-h" ? 0 : 64);
    }
  }
  if (o.rounds < 1 || o.seconds <= 0 || o.orders < 100) throw std::invalid_argument("bad option value");
  return o;
}

std::string loadavg() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a + " " + b + " " + c;
}

// One operation under test: `floor()` and `library()` each do the next op of
// their side. Both sides run the same ops in the same order on identical files.
struct Case {
  std::string name;
  double target;  // minimum library/floor ratio; 0 = informational
  std::function<void()> floor;
  std::function<void()> library;  // empty: compare with the library rates of case `borrow`
  int borrow = -1;
  std::int64_t batch = 0;
  std::vector<double> floor_rates, library_rates, ratios, cpu_ratios;
  std::vector<double> library_cpu_seconds;
};

// Wall-clock and CPU time of this thread (the CPU time excludes waits for the
// disk and time the scheduler gave to other processes).
struct Times {
  double wall = 0, cpu = 0;
};
double thread_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

Case make_case(std::string name, double target, std::function<void()> floor, std::function<void()> library) {
  Case c;
  c.name = std::move(name);
  c.target = target;
  c.floor = std::move(floor);
  c.library = std::move(library);
  return c;
}

Times run_batch(const std::function<void()>& op, std::int64_t count) {
  const double cpu = thread_cpu_seconds();
  const auto start = std::chrono::steady_clock::now();
  for (std::int64_t k = 0; k < count; ++k) op();
  return {bench::seconds_since(start), thread_cpu_seconds() - cpu};
}

// Sizes the batch so one floor batch lasts about `seconds`; the library (warming
// up) then runs as many ops, so both sides stay in the same state.
void calibrate(Case& c, double seconds, std::int64_t minimum) {
  const auto start = std::chrono::steady_clock::now();
  std::int64_t done = 0;
  while (bench::seconds_since(start) < seconds / 2 || done < 3) {
    c.floor();
    ++done;
  }
  const double rate = static_cast<double>(done) / bench::seconds_since(start);
  if (c.library) run_batch(c.library, done);
  c.batch = std::max<std::int64_t>(minimum, static_cast<std::int64_t>(rate * seconds));
}

}  // namespace

int main(int argc, char** argv) try {
  const Options opt = parse(argc, argv);
  std::unique_ptr<bench::ScratchDir> scratch;
  std::filesystem::path dir;
  if (opt.dir.empty()) {
    scratch = std::make_unique<bench::ScratchDir>("om-floor");
    dir = scratch->path();
  } else {
    dir = std::filesystem::path(opt.dir) / ("om-floor-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(dir);
  }
  auto file = [&dir](const char* name) { return (dir / name).string(); };

  std::printf("sqlite_floor_compare: SQLite %s, %d rounds, %.3g s per batch, %d orders; load average %s\n",
              sqlite3_libversion(), opt.rounds, opt.seconds, opt.orders, loadavg().c_str());

  const std::int64_t customers = std::max(1, opt.orders / 20);  // 20 orders per customer: first pages are full
  const std::string fixed_now = "2026-11-25T08:00:00.000000Z";

  // The inputs, built before any timing: NewOrder for the library, encoded rows for the floor.
  auto floor_row = [&](const managers::NewOrder& n) {
    FloorRow r;
    r.order_id = n.order_id;
    r.customer_id = n.customer_id;
    r.customer_name = n.customer_name;
    r.conversation_id = *n.conversation_id;
    r.created_at = fixed_now;
    r.estimated_ready_time = *n.estimated_ready_time;
    r.metadata = n.metadata.dump();
    r.status_history = "[{\"status\":\"Pending\",\"changed_at\":\"" + fixed_now + "\"}]";
    r.total_cents = n.total_price.cents();
    for (const auto& item : n.items)
      r.items.push_back({item.item_name, item.quantity, item.unit_price.cents(), item.unit_price.cents() * item.quantity});
    return r;
  };

  // --- Databases. create_*: fresh, schema by each side. read_*: identical copies of one populated file.
  FloorDb floor_create_full(file("floor_create.db"), true, /*create_schema=*/true);
  FloorDb floor_create_normal(file("floor_create.db"), false, false);
  managers::OrderManager lib_create_full({.db_path = file("lib_create.db"), .durability = Durability::FULL});
  managers::OrderManager lib_create_normal({.db_path = file("lib_create.db"), .durability = Durability::NORMAL});

  const std::string floor_schema = schema_of(file("floor_create.db"));
  const std::string engine_schema = schema_of(file("lib_create.db"));
  if (floor_schema != engine_schema) {
    std::fprintf(stderr,
                 "The floor's schema differs from the engine's: update kFloorSchema in bench/sqlite_floor_compare.cpp.\n"
                 "--- floor\n%s--- engine\n%s",
                 floor_schema.c_str(), engine_schema.c_str());
    return 2;
  }

  // The read/update files: the status mix of bench::status_of, 20 orders per customer.
  {
    const auto start = std::chrono::steady_clock::now();
    managers::OrderManager builder({.db_path = file("lib_read.db"), .durability = Durability::NORMAL});
    bench::load_orders(builder, 0, opt.orders, customers);
    std::printf("populated %d orders in %.1f s\n", opt.orders, bench::seconds_since(start));
  }  // closed: the WAL is checkpointed into the file
  std::filesystem::copy_file(file("lib_read.db"), file("floor_read.db"));
  std::filesystem::copy_file(file("lib_read.db"), file("floor_min.db"));

  FloorDb floor_read(file("floor_read.db"), true, false);
  FloorDb floor_update_normal(file("floor_read.db"), false, false);
  FloorDb floor_min_normal(file("floor_min.db"), false, false);
  managers::OrderManager lib_read({.db_path = file("lib_read.db"), .durability = Durability::FULL});
  managers::OrderManager lib_update_normal({.db_path = file("lib_read.db"), .durability = Durability::NORMAL});

  // --- Inputs, built before any timing.
  std::vector<managers::NewOrder> new_orders;
  std::vector<FloorRow> new_rows;
  auto input = [&](std::int64_t i) {  // grows both lists on demand (only past the pre-built range)
    while (static_cast<std::int64_t>(new_orders.size()) <= i) {
      const std::int64_t n = opt.orders + static_cast<std::int64_t>(new_orders.size());
      new_orders.push_back(bench::make_order(n, customers));
      new_rows.push_back(floor_row(new_orders.back()));
    }
    return static_cast<std::size_t>(i);
  };
  input(opt.quick ? 2000 : 100000);

  std::mt19937_64 random(42);
  std::vector<std::string> read_ids, customer_names;
  for (int k = 0; k < 100000; ++k) {
    read_ids.push_back(bench::order_id(static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(opt.orders))));
    customer_names.push_back(bench::customer_name(static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(customers))));
  }
  const auto ring = [](const std::vector<std::string>& v, std::int64_t i) -> const std::string& {
    return v[static_cast<std::size_t>(i % static_cast<std::int64_t>(v.size()))];
  };
  // Update targets: the orders populated as Pending. The first visit of each
  // moves it to Confirmed, the next to Being prepared, and so on alternating.
  std::vector<std::string> target_ids;
  for (std::int64_t n = 0; n < opt.orders; ++n)
    if (bench::status_of(n) == OrderStatus::PENDING) target_ids.push_back(bench::order_id(n));
  const auto targets = static_cast<std::int64_t>(target_ids.size());
  auto target_id = [&](std::int64_t i) -> const std::string& { return target_ids[static_cast<std::size_t>(i % targets)]; };
  auto target_status = [&](std::int64_t i) { return (i / targets) % 2 == 0 ? OrderStatus::CONFIRMED : OrderStatus::PREPARING; };
  auto status_text = [](OrderStatus s) { return managers::to_string(s).data(); };  // static, NUL-terminated
  const std::vector<OrderStatus> statuses(managers::kAllOrderStatuses.begin(), managers::kAllOrderStatuses.end());
  const int kPage = 10;

  // Per-side op counters. Creates share one id sequence per side (FULL and
  // NORMAL write to the same file), updates one target sequence per file.
  struct Side {
    std::int64_t create = 0, read = 0, customer = 0, status = 0, update = 0;
  } fl, li;
  std::int64_t minimal_updates = 0;

  auto must = [](bool ok, const char* what) {
    if (!ok) throw std::runtime_error(std::string(what) + " unexpectedly returned false");
  };
  std::vector<Case> cases;
  cases.push_back(make_case("create_order (FULL)", 0.8,
                   [&] { must(floor_create_full.create(new_rows[input(fl.create++)]), "floor create"); },
                   [&] { must(lib_create_full.create_order(new_orders[input(li.create++)]), "create_order"); }));
  cases.push_back(make_case("create_order (NORMAL)", 0.8,
                   [&] { must(floor_create_normal.create(new_rows[input(fl.create++)]), "floor create"); },
                   [&] { must(lib_create_normal.create_order(new_orders[input(li.create++)]), "create_order"); }));
  cases.push_back(make_case("get_order", 0.7,
                   [&] { bench::keep(floor_read.get_order(ring(read_ids, fl.read++))); },
                   [&] { bench::keep(lib_read.get_order(ring(read_ids, li.read++))); }));
  cases.push_back(make_case("get_customer_orders (limit 10)", 0.7,
                   [&] { bench::keep(floor_read.customer_orders(ring(customer_names, fl.customer++), kPage)); },
                   [&] { bench::keep(lib_read.get_customer_orders(ring(customer_names, li.customer++), kPage)); }));
  cases.push_back(make_case("get_orders_by_status (limit 10)", 0.7,
                   [&] {
                     const OrderStatus s = statuses[static_cast<std::size_t>(fl.status++) % statuses.size()];
                     bench::keep(floor_read.orders_by_status(status_text(s), kPage));
                   },
                   [&] {
                     const OrderStatus s = statuses[static_cast<std::size_t>(li.status++) % statuses.size()];
                     bench::keep(lib_read.get_orders_by_status(s, kPage));
                   }));
  cases.push_back(make_case("update_order_status (FULL)", 0.7,
                   [&] {
                     const std::int64_t i = fl.update++;
                     must(floor_read.update_status(target_id(i), status_text(target_status(i)), fixed_now), "floor update");
                   },
                   [&] {
                     const std::int64_t i = li.update++;
                     must(lib_read.update_order_status(target_id(i), target_status(i)), "update_order_status");
                   }));
  cases.push_back(make_case("update_order_status (NORMAL)", 0.7,
                   [&] {
                     const std::int64_t i = fl.update++;
                     must(floor_update_normal.update_status(target_id(i), status_text(target_status(i)), fixed_now),
                          "floor update");
                   },
                   [&] {
                     const std::int64_t i = li.update++;
                     must(lib_update_normal.update_order_status(target_id(i), target_status(i)), "update_order_status");
                   }));
  const int update_normal = static_cast<int>(cases.size()) - 1;
  Case minimal = make_case("  (NORMAL) vs minimal SQL floor", 0.0,
                            [&] {
                              const std::int64_t i = minimal_updates++;
                              must(floor_min_normal.update_status_minimal(target_id(i), status_text(target_status(i)),
                                                                          fixed_now),
                                   "floor minimal update");
                            },
                            nullptr);
  minimal.borrow = update_normal;
  cases.push_back(std::move(minimal));

  if (!opt.only.empty()) {
    std::vector<Case> kept;
    for (Case& c : cases)
      if (c.name.find(opt.only) != std::string::npos && c.library) kept.push_back(std::move(c));
    cases = std::move(kept);
  }
  const std::int64_t minimum = opt.quick ? 5 : 50;
  for (Case& c : cases) calibrate(c, opt.seconds, minimum);

  for (int round = 0; round < opt.rounds; ++round) {
    for (std::size_t k = 0; k < cases.size(); ++k) {
      Case& c = cases[k];
      Times floor_times, library_times;
      const bool floor_first = (round + static_cast<int>(k)) % 2 == 0;
      if (floor_first) floor_times = run_batch(c.floor, c.batch);
      if (c.library) library_times = run_batch(c.library, c.batch);
      if (!floor_first) floor_times = run_batch(c.floor, c.batch);
      const auto n = static_cast<double>(c.batch);
      if (!c.library) {  // the library side of another case, same round
        const Case& other = cases[static_cast<std::size_t>(c.borrow)];
        library_times = {n / other.library_rates.back(), other.library_cpu_seconds.back() * n / static_cast<double>(other.batch)};
      }
      c.floor_rates.push_back(n / floor_times.wall);
      c.library_rates.push_back(n / library_times.wall);
      c.library_cpu_seconds.push_back(library_times.cpu);
      c.ratios.push_back(floor_times.wall / library_times.wall);
      c.cpu_ratios.push_back(floor_times.cpu / library_times.cpu);
    }
    if (!opt.quick) std::fprintf(stderr, "round %d/%d done, load average %s\n", round + 1, opt.rounds, loadavg().c_str());
  }

  std::printf("\n%-34s %11s %13s %9s %8s %-6s %9s  %s\n", "operation", "floor ops/s", "library ops/s", "lib/floor",
              "target", "", "cpu ratio", "per-round lib/floor (min..max)");
  bool all_met = true;
  for (const Case& c : cases) {
    const double ratio = bench::median(c.ratios);
    const auto [lo, hi] = std::minmax_element(c.ratios.begin(), c.ratios.end());
    std::string verdict = "info";
    if (c.target > 0) {
      verdict = ratio >= c.target ? "met" : "MISSED";
      if (ratio < c.target) all_met = false;
    }
    char target[16] = "-";
    if (c.target > 0) std::snprintf(target, sizeof target, ">= %.1f", c.target);
    std::printf("%-34s %11.0f %13.0f %9.2f %8s %-6s %9.2f  (%.2f..%.2f, batch %lld)\n", c.name.c_str(),
                bench::median(c.floor_rates), bench::median(c.library_rates), ratio, target, verdict.c_str(),
                bench::median(c.cpu_ratios), *lo, *hi, static_cast<long long>(c.batch));
  }
  std::printf("\n%s; load average %s\n", all_met ? "every target met" : "some target missed", loadavg().c_str());
  if (!opt.dir.empty()) std::filesystem::remove_all(dir);
  return 0;
} catch (const std::exception& error) {
  std::fprintf(stderr, "sqlite_floor_compare: %s\n", error.what());
  return 1;
}
