// The library against the physical floor, in one process and one run.
//
// "Floor" is the same storage work written straight on the sqlite3 C API: the
// same schema (replicated in floor_db.hpp and checked against the file the
// engine creates), the engine's own SQL texts (src/sqlite/order_sql.hpp), prepared once
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
#include "floor_db.hpp"
#include "managers/order_manager.hpp"

namespace {

using bench::floor::FloorDb;
using bench::floor::FloorRow;
using bench::floor::schema_of;
using managers::Durability;
using managers::OrderStatus;

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

using bench::loadavg;

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
                 "The floor's schema differs from the engine's: update kFloorSchema in bench/floor_db.hpp.\n"
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
