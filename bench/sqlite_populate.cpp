// Builds a SQLite order database of N spec-like orders (bench_support.hpp:
// 2-3 items, metadata, the status mix of a store in service, 20 orders per
// customer), through the library's import_order at durability NORMAL.
//
//   sqlite_populate --orders N --db PATH

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "bench_support.hpp"
#include "managers/order_manager.hpp"

int main(int argc, char** argv) try {
  long long orders = 0;
  std::string db;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--orders")
      orders = std::stoll(argv[i + 1]);
    else if (a == "--db")
      db = argv[i + 1];
  }
  if (orders < 1 || db.empty()) {
    std::fprintf(stderr, "usage: sqlite_populate --orders N --db PATH\n");
    return 64;
  }
  const auto start = std::chrono::steady_clock::now();
  managers::OrderManager manager({.db_path = db, .durability = managers::Durability::NORMAL});
  const std::int64_t customers = std::max<std::int64_t>(1, orders / 20);
  const std::int64_t present = manager.get_order_statistics().total_orders;
  if (present != 0 && present != orders) {
    std::fprintf(stderr, "%s already holds %lld orders\n", db.c_str(), static_cast<long long>(present));
    return 1;
  }
  if (present == 0) bench::load_orders(manager, 0, orders, customers);
  std::printf("%s: %lld orders (%.1f s)\n", db.c_str(), orders, bench::seconds_since(start));
  return 0;
} catch (const std::exception& error) {
  std::fprintf(stderr, "sqlite_populate: %s\n", error.what());
  return 1;
}
