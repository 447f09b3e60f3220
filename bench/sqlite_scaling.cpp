// The cost of the read methods against table size: one database per size
// (10^3 .. 10^6 orders by default, 20 orders per customer, the status mix of
// bench_support.hpp), built through the library's import_order at durability
// NORMAL, then read with random keys over the whole table. Prints a table and
// writes a gnuplot data file (bench/scaling.gnuplot draws docs/scaling.png).
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
#include "managers/order_manager.hpp"

namespace {

std::string loadavg() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a + " " + b + " " + c;
}

// Microseconds per op: the median over `rounds` batches, each about `seconds`.
double micros_per_op(const std::function<void(std::int64_t)>& op, int rounds, double seconds) {
  std::int64_t next = 0;
  const auto start = std::chrono::steady_clock::now();  // calibration and warm-up
  std::int64_t done = 0;
  while (bench::seconds_since(start) < seconds) {
    op(next++);
    ++done;
  }
  const std::int64_t batch = std::max<std::int64_t>(10, done);
  std::vector<double> costs;
  for (int r = 0; r < rounds; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    for (std::int64_t k = 0; k < batch; ++k) op(next++);
    costs.push_back(bench::seconds_since(t0) * 1e6 / static_cast<double>(batch));
  }
  return bench::median(costs);
}

}  // namespace

int main(int argc, char** argv) try {
  std::vector<std::int64_t> sizes = {1000, 10000, 100000, 1000000};
  std::string dir_option, out = "scaling.dat";
  int rounds = 5;
  double seconds = 0.3;
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
  std::printf("%10s %9s %10s %14s %20s %23s %16s\n", "orders", "build s", "file MB", "get_order us",
              "get_customer_orders us", "get_orders_by_status us", "last_order us");
  std::ofstream data(out);
  data << "# orders get_order_us get_customer_orders_limit10_us get_orders_by_status_limit10_us "
          "get_customer_last_order_us (median microseconds per call)\n";
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
    const double get_order = micros_per_op(
        [&](std::int64_t i) {
          if (!manager.get_order(at(ids, i))) throw std::runtime_error("missing order " + at(ids, i));
        },
        rounds, seconds);
    const double customer_orders = micros_per_op(
        [&](std::int64_t i) { bench::keep(manager.get_customer_orders(at(names, i), 10)); }, rounds, seconds);
    const double by_status = micros_per_op(
        [&](std::int64_t i) {
          bench::keep(manager.get_orders_by_status(managers::kAllOrderStatuses[static_cast<std::size_t>(i) % 6], 10));
        },
        rounds, seconds);
    const double last_order = micros_per_op(
        [&](std::int64_t i) { bench::keep(manager.get_customer_last_order(at(customer_ids, i))); }, rounds, seconds);
    std::printf("%10lld %9.1f %10.1f %14.2f %20.2f %23.2f %16.2f\n", static_cast<long long>(size), build_seconds,
                megabytes, get_order, customer_orders, by_status, last_order);
    std::fflush(stdout);
    data << size << ' ' << get_order << ' ' << customer_orders << ' ' << by_status << ' ' << last_order << '\n';
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
