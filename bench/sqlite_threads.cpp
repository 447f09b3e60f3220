// get_order from 1 thread and from 2 threads on one shared OrderManager (each
// thread borrows its own pooled connection; WAL readers do not block each
// other), and the same reads on the floor (floor_db.hpp: the engine's
// statements on the plain C API, one connection per thread) for comparison:
// what SQLite itself allows on this machine. Each round runs the four cases
// in a rotating order; the table shows medians.
//
// Wall-clock throughput is the target's measure, but on a machine that other
// work keeps busy the scheduler may give 2 threads more or less than 2 cores;
// run it through bench/run_prioritized.sh. The program also reports calls per
// CPU-second of the process: equal for 1 and 2 threads means the threads do not
// slow each other down (no lock or cache-line contention).
//
//   sqlite_threads [--orders N] [--seconds S] [--rounds R] [--threads T]

#include <time.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "bench_support.hpp"
#include "floor_db.hpp"
#include "managers/order_manager.hpp"

namespace {

using bench::loadavg;

double process_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

struct Rates {
  double per_second = 0;      // calls per wall-clock second, all threads
  double per_cpu_second = 0;  // calls per CPU-second used by the process
};

// Reads by `threads` threads for `seconds`: read(t, id) is thread t's get_order.
using Read = std::function<bool(int thread, const std::string& order_id)>;

Rates measure(const Read& read, int threads, double seconds, std::int64_t orders) {
  std::atomic<int> ready{0};
  std::atomic<bool> go{false}, stop{false};
  std::vector<std::int64_t> counts(static_cast<std::size_t>(threads), 0);
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      std::mt19937_64 random(static_cast<std::uint64_t>(t) * 7919 + 1);
      std::vector<std::string> ids;
      for (int k = 0; k < 4096; ++k)
        ids.push_back(bench::order_id(static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(orders))));
      ++ready;
      while (!go.load()) std::this_thread::yield();
      std::int64_t done = 0;
      while (!stop.load(std::memory_order_relaxed)) {
        if (!read(t, ids[static_cast<std::size_t>(done) & 4095])) std::abort();
        ++done;
      }
      counts[static_cast<std::size_t>(t)] = done;
    });
  while (ready.load() < threads) std::this_thread::yield();
  const double cpu = process_cpu_seconds();
  const auto start = std::chrono::steady_clock::now();
  go = true;
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& thread : pool) thread.join();
  const double elapsed = bench::seconds_since(start);
  const double used = process_cpu_seconds() - cpu;
  std::int64_t total = 0;
  for (std::int64_t c : counts) total += c;
  return {static_cast<double>(total) / elapsed, static_cast<double>(total) / used};
}

struct Series {
  std::vector<double> one, many, ratio, efficiency;
};

}  // namespace

int main(int argc, char** argv) try {
  std::int64_t orders = 20000;
  double seconds = 1.0;
  int rounds = 9, threads = 2;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--orders") orders = std::stoll(argv[i + 1]);
    else if (a == "--seconds") seconds = std::stod(argv[i + 1]);
    else if (a == "--rounds") rounds = std::stoi(argv[i + 1]);
    else if (a == "--threads") threads = std::stoi(argv[i + 1]);
  }
  bench::ScratchDir dir("om-threads");
  const std::string path = dir.file("threads.db");
  {
    managers::OrderManager builder({.db_path = path, .durability = managers::Durability::NORMAL});
    bench::load_orders(builder, 0, orders, std::max<std::int64_t>(1, orders / 20));
  }
  managers::OrderManager manager(path);
  std::vector<std::unique_ptr<bench::floor::FloorDb>> floors;
  for (int t = 0; t < threads; ++t) floors.push_back(std::make_unique<bench::floor::FloorDb>(path, true, false));

  const Read library = [&manager](int, const std::string& id) { return manager.get_order(id).has_value(); };
  const Read floor = [&floors](int t, const std::string& id) {
    return floors[static_cast<std::size_t>(t)]->get_order(id).has_value();
  };
  std::printf("sqlite_threads: SQLite %s, %lld orders, %d rounds of %.1f s per case, %u hardware threads; "
              "load average %s\n",
              sqlite3_libversion(), static_cast<long long>(orders), rounds, seconds,
              std::thread::hardware_concurrency(), loadavg().c_str());
  std::fflush(stdout);
  measure(library, threads, 0.5, orders);  // warm-up: opens the pool's connections, fills the caches
  measure(floor, threads, 0.5, orders);

  Series lib, flo;
  for (int r = 0; r < rounds; ++r) {
    Rates l1, l2, f1, f2;
    // Rotate the order of the four cases from round to round.
    const std::function<void()> cases[4] = {[&] { l1 = measure(library, 1, seconds, orders); },
                                            [&] { l2 = measure(library, threads, seconds, orders); },
                                            [&] { f1 = measure(floor, 1, seconds, orders); },
                                            [&] { f2 = measure(floor, threads, seconds, orders); }};
    for (int k = 0; k < 4; ++k) cases[(k + r) % 4]();
    for (auto [series, one, many] : {std::tuple{&lib, l1, l2}, std::tuple{&flo, f1, f2}}) {
      series->one.push_back(one.per_second);
      series->many.push_back(many.per_second);
      series->ratio.push_back(many.per_second / one.per_second);
      series->efficiency.push_back(many.per_cpu_second / one.per_cpu_second);
    }
    std::fprintf(stderr, "round %d: library %.0f -> %.0f/s (x%.2f), floor %.0f -> %.0f/s (x%.2f); load %s\n", r + 1,
                 l1.per_second, l2.per_second, lib.ratio.back(), f1.per_second, f2.per_second, flo.ratio.back(),
                 loadavg().c_str());
  }
  std::printf("\n%-34s %12s %12s %10s %16s %s\n", "get_order", "1 thread/s", "threads/s", "ratio", "per CPU-second",
              "per-round ratios (min..max)");
  for (auto [name, series] : {std::pair{"library (one shared OrderManager)", &lib},
                              std::pair{"floor (one connection per thread)", &flo}}) {
    const auto [lo, hi] = std::minmax_element(series->ratio.begin(), series->ratio.end());
    std::printf("%-34s %12.0f %12.0f %10.2f %16.2f (%.2f..%.2f)\n", name, bench::median(series->one),
                bench::median(series->many), bench::median(series->ratio), bench::median(series->efficiency), *lo,
                *hi);
  }
  std::printf("\n%d threads / 1 thread, target >= 1.6 for the library; load average at the end %s\n", threads,
              loadavg().c_str());
  floors.clear();
  return 0;
} catch (const std::exception& error) {
  std::fprintf(stderr, "sqlite_threads: %s\n", error.what());
  return 1;
}
