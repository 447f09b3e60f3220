// get_order from 1 thread and from 2 threads on one shared OrderManager (each
// thread borrows its own pooled connection; WAL readers do not block each
// other). Rounds alternate which runs first; the table shows medians.
//
//   sqlite_threads [--orders N] [--seconds S] [--rounds R] [--threads T]

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <thread>
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

// Total get_order calls per second of `threads` threads reading for `seconds`.
double reads_per_second(managers::OrderManager& manager, int threads, double seconds, std::int64_t orders) {
  std::atomic<bool> go{false}, stop{false};
  std::vector<std::int64_t> counts(static_cast<std::size_t>(threads), 0);
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      std::mt19937_64 random(static_cast<std::uint64_t>(t) * 7919 + 1);
      std::vector<std::string> ids;
      for (int k = 0; k < 4096; ++k)
        ids.push_back(bench::order_id(static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(orders))));
      while (!go.load()) std::this_thread::yield();
      std::int64_t done = 0;
      while (!stop.load(std::memory_order_relaxed)) {
        auto order = manager.get_order(ids[static_cast<std::size_t>(done) & 4095]);
        if (!order) std::abort();
        ++done;
      }
      counts[static_cast<std::size_t>(t)] = done;
    });
  const auto start = std::chrono::steady_clock::now();
  go = true;
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& thread : pool) thread.join();
  const double elapsed = bench::seconds_since(start);
  std::int64_t total = 0;
  for (std::int64_t c : counts) total += c;
  return static_cast<double>(total) / elapsed;
}

}  // namespace

int main(int argc, char** argv) {
  std::int64_t orders = 20000;
  double seconds = 2.0;
  int rounds = 7, threads = 2;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--orders") orders = std::stoll(argv[i + 1]);
    else if (a == "--seconds") seconds = std::stod(argv[i + 1]);
    else if (a == "--rounds") rounds = std::stoi(argv[i + 1]);
    else if (a == "--threads") threads = std::stoi(argv[i + 1]);
  }
  bench::ScratchDir dir("om-threads");
  managers::OrderManager manager({.db_path = dir.file("threads.db"), .durability = managers::Durability::NORMAL});
  bench::load_orders(manager, 0, orders, std::max<std::int64_t>(1, orders / 20));
  std::printf("sqlite_threads: %lld orders, %d rounds of %.1f s, %u hardware threads; load average %s\n",
              static_cast<long long>(orders), rounds, seconds, std::thread::hardware_concurrency(), loadavg().c_str());
  reads_per_second(manager, threads, 0.5, orders);  // warm-up: opens the connections, fills the caches

  std::vector<double> one, many, ratios;
  for (int r = 0; r < rounds; ++r) {
    double a = 0, b = 0;
    if (r % 2 == 0) {
      a = reads_per_second(manager, 1, seconds, orders);
      b = reads_per_second(manager, threads, seconds, orders);
    } else {
      b = reads_per_second(manager, threads, seconds, orders);
      a = reads_per_second(manager, 1, seconds, orders);
    }
    one.push_back(a);
    many.push_back(b);
    ratios.push_back(b / a);
    std::fprintf(stderr, "round %d: 1 thread %.0f/s, %d threads %.0f/s, ratio %.2f (load %s)\n", r + 1, a, threads, b,
                 b / a, loadavg().c_str());
  }
  const auto [lo, hi] = std::minmax_element(ratios.begin(), ratios.end());
  std::printf("get_order, 1 thread:   %10.0f ops/s\n", bench::median(one));
  std::printf("get_order, %d threads:  %10.0f ops/s\n", threads, bench::median(many));
  std::printf("ratio %d threads / 1:   %10.2f  (median of per-round ratios; range %.2f..%.2f; target >= 1.6)\n",
              threads, bench::median(ratios), *lo, *hi);
  std::printf("load average at the end: %s\n", loadavg().c_str());
  return 0;
}
