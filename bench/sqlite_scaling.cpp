// The cost of the read methods against table size: one database per size
// (10^3 .. 10^6 orders by default, 20 orders per customer, the status mix of
// bench_support.hpp), built through the library's import_order at durability
// NORMAL, then read with random keys over the whole table, through the library
// and on the floor (floor_db.hpp: the same statements on the plain C API), in
// alternating batches. Prints a table and writes a gnuplot data file
// (bench/scaling.gnuplot draws docs/scaling.png).
//
//   sqlite_scaling [--sizes 1000,10000,100000,1000000] [--dir PATH] [--out FILE]
//                  [--rounds R] [--seconds S] [--keep]
//
// --dir keeps the databases there (default: a temporary directory, removed at
// the end unless --keep); an existing database of the right size is reused.

#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "bench_support.hpp"
#include "floor_db.hpp"
#include "managers/order_manager.hpp"

namespace {

using bench::loadavg;

using Op = std::function<void(std::int64_t)>;

struct Cost {
  double library = 0, floor = 0;  // median microseconds per call
};

// The library's and the floor's cost of one operation: `rounds` batches of
// each, alternating, each batch about `seconds` long; op(i) reads key i.
Cost micros_per_op(const Op& library, const Op& floor, int rounds, double seconds) {
  std::int64_t next = 0;
  const auto start = std::chrono::steady_clock::now();  // calibration and warm-up
  std::int64_t done = 0;
  while (bench::seconds_since(start) < seconds) {
    library(next++);
    ++done;
  }
  for (std::int64_t k = 0; k < done; ++k) floor(k);  // warms the floor's cache as much
  const std::int64_t batch = std::max<std::int64_t>(10, done);
  std::vector<double> library_costs, floor_costs;
  auto time = [&](const Op& op, std::int64_t first) {
    const auto t0 = std::chrono::steady_clock::now();
    for (std::int64_t k = 0; k < batch; ++k) op(first + k);
    return bench::seconds_since(t0) * 1e6 / static_cast<double>(batch);
  };
  for (int r = 0; r < rounds; ++r) {
    const std::int64_t first = next;  // both sides read the same keys
    next += batch;
    if (r % 2 == 0) {
      library_costs.push_back(time(library, first));
      floor_costs.push_back(time(floor, first));
    } else {
      floor_costs.push_back(time(floor, first));
      library_costs.push_back(time(library, first));
    }
  }
  return {bench::median(library_costs), bench::median(floor_costs)};
}

}  // namespace

int main(int argc, char** argv) try {
  std::vector<std::int64_t> sizes = {1000, 10000, 100000, 1000000};
  std::string dir_option, out = "scaling.dat";
  int rounds = 21;  // short batches, many rounds: the median shrugs off bursts of other work
  double seconds = 0.1;
  bool keep = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&] { return i + 1 < argc ? std::string(argv[++i]) : std::string(); };
    if (a == "--sizes") {
      sizes.clear();
      std::stringstream list(value());
      for (std::string item; std::getline(list, item, ',');) sizes.push_back(std::stoll(item));
    } else if (a == "--dir") {
      dir_option = value();
    } else if (a == "--out") {
      out = value();
    } else if (a == "--rounds") {
      rounds = std::stoi(value());
    } else if (a == "--seconds") {
      seconds = std::stod(value());
    } else if (a == "--keep") {
      keep = true;
    } else {
      std::fprintf(stderr, "usage: sqlite_scaling [--sizes N,N,...] [--dir PATH] [--out FILE] [--rounds R] "
                           "[--seconds S] [--keep]\n");
      return 64;
    }
  }
  std::unique_ptr<bench::ScratchDir> scratch;
  std::filesystem::path dir;
  if (dir_option.empty()) {
    scratch = std::make_unique<bench::ScratchDir>("om-scaling");
    dir = scratch->path();
  } else {
    dir = dir_option;
    std::filesystem::create_directories(dir);
  }

  std::printf("sqlite_scaling: SQLite %s; load average %s\n", sqlite3_libversion(), loadavg().c_str());
  std::printf("median microseconds per call, library / floor\n");
  std::printf("%10s %8s %8s %16s %24s %24s %26s\n", "orders", "build s", "file MB", "get_order",
              "get_customer_orders(10)", "get_orders_by_status(10)", "get_customer_last_order");
  std::ofstream data(out);
  data << "# orders, then median microseconds per call, library and floor, of: get_order, "
          "get_customer_orders (limit 10), get_orders_by_status (limit 10), get_customer_last_order\n"
          "# orders get_order floor_get_order customer_orders floor_customer_orders by_status floor_by_status "
          "last_order floor_last_order\n";
  for (const std::int64_t size : sizes) {
    const std::string path = (dir / ("scaling-" + std::to_string(size) + ".db")).string();
    const std::int64_t customers = std::max<std::int64_t>(1, size / 20);
    double build_seconds = 0;
    {
      const auto start = std::chrono::steady_clock::now();
      managers::OrderManager builder({.db_path = path, .durability = managers::Durability::NORMAL});
      const std::int64_t present = builder.get_order_statistics().total_orders;
      if (present != size) {
        if (present != 0) builder.clear_all_orders();
        std::int64_t step = std::max<std::int64_t>(size / 10, 1);
        for (std::int64_t first = 0; first < size; first += step) {
          bench::load_orders(builder, first, std::min(size, first + step), customers);
          if (size >= 100000)
            std::fprintf(stderr, "  %lld/%lld orders loaded (%.0f s)\n", static_cast<long long>(std::min(size, first + step)),
                         static_cast<long long>(size), bench::seconds_since(start));
        }
      }
      build_seconds = bench::seconds_since(start);
    }
    const double megabytes = static_cast<double>(std::filesystem::file_size(path)) / 1e6;

    managers::OrderManager manager(path);  // durability FULL, the default; reads do not sync
    std::mt19937_64 random(7);
    std::vector<std::string> ids, names, customer_ids;
    for (int k = 0; k < 65536; ++k) {
      const auto n = static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(size));
      ids.push_back(bench::order_id(n));
      const auto c = static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(customers));
      names.push_back(bench::customer_name(c));
      customer_ids.push_back(bench::customer_id(c));
    }
    auto at = [](const std::vector<std::string>& v, std::int64_t i) -> const std::string& {
      return v[static_cast<std::size_t>(i) & 65535];
    };
    bench::floor::FloorDb floor(path, true, false);
    const Cost get_order = micros_per_op(
        [&](std::int64_t i) {
          if (!manager.get_order(at(ids, i))) throw std::runtime_error("missing order " + at(ids, i));
        },
        [&](std::int64_t i) {
          if (!floor.get_order(at(ids, i))) throw std::runtime_error("missing order " + at(ids, i));
        },
        rounds, seconds);
    const Cost customer_orders = micros_per_op(
        [&](std::int64_t i) { bench::keep(manager.get_customer_orders(at(names, i), 10)); },
        [&](std::int64_t i) { bench::keep(floor.customer_orders(at(names, i), 10)); }, rounds, seconds);
    const auto status_of = [](std::int64_t i) { return managers::kAllOrderStatuses[static_cast<std::size_t>(i) % 6]; };
    const Cost by_status = micros_per_op(
        [&](std::int64_t i) { bench::keep(manager.get_orders_by_status(status_of(i), 10)); },
        [&](std::int64_t i) { bench::keep(floor.orders_by_status(managers::to_string(status_of(i)).data(), 10)); },
        rounds, seconds);
    const Cost last_order = micros_per_op(
        [&](std::int64_t i) { bench::keep(manager.get_customer_last_order(at(customer_ids, i))); },
        [&](std::int64_t i) { bench::keep(floor.last_order(at(customer_ids, i))); }, rounds, seconds);
    auto pair = [](const Cost& c) {
      char text[64];
      std::snprintf(text, sizeof text, "%.1f / %.1f", c.library, c.floor);
      return std::string(text);
    };
    std::printf("%10lld %8.1f %8.1f %16s %24s %24s %26s\n", static_cast<long long>(size), build_seconds, megabytes,
                pair(get_order).c_str(), pair(customer_orders).c_str(), pair(by_status).c_str(),
                pair(last_order).c_str());
    std::fflush(stdout);
    data << size;
    for (const Cost& c : {get_order, customer_orders, by_status, last_order}) data << ' ' << c.library << ' ' << c.floor;
    data << '\n';
  }
  std::printf("data written to %s; load average %s\n", out.c_str(), loadavg().c_str());
  if (keep && scratch) {
    std::printf("kept %s\n", dir.c_str());
    (void)scratch.release();
  }
  return 0;
} catch (const std::exception& error) {
  std::fprintf(stderr, "sqlite_scaling: %s\n", error.what());
  return 1;
}
