// Every public method of OrderManagerInterface (and OrderManager's own) on the
// SQLite engine, with spec-like orders (bench_support.hpp) on temporary files:
//   reads.db   10,000 orders, only read;
//   writes.db  10,000 orders, written by the write benchmarks (FULL and NORMAL).
// Inputs (NewOrder, Order) are built outside the timed region.
//
// Times are wall-clock (UseRealTime): a database call's cost includes its waits
// for the disk, which CPU time would hide.
//
//   sqlite_methods_bench [--benchmark_filter=REGEX] [--benchmark_repetitions=N] ...

#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <vector>

#include "bench_support.hpp"
#include "managers/order_manager.hpp"

#define OM_BENCHMARK(fn) BENCHMARK(fn)->UseRealTime()

namespace {

using managers::Durability;
using managers::OrderManager;
using managers::OrderStatus;

constexpr std::int64_t kOrders = 10000;
constexpr std::int64_t kCustomers = kOrders / 20;

// The shared files, built on first use and removed at exit (members are
// destroyed in reverse: the managers close before the directory goes).
struct Store {
  bench::ScratchDir dir{"om-methods-bench"};
  std::unique_ptr<OrderManager> reader, writer_full, writer_normal;
  std::int64_t next_id = 10'000'000;  // fresh order numbers for creates and imports

  Store() {
    reader = std::make_unique<OrderManager>(managers::SqliteOptions{.db_path = dir.file("reads.db"),
                                                                    .durability = Durability::NORMAL});
    bench::load_orders(*reader, 0, kOrders, kCustomers);
    writer_normal = std::make_unique<OrderManager>(managers::SqliteOptions{.db_path = dir.file("writes.db"),
                                                                           .durability = Durability::NORMAL});
    bench::load_orders(*writer_normal, 0, kOrders, kCustomers);
    writer_full = std::make_unique<OrderManager>(
        managers::SqliteOptions{.db_path = dir.file("writes.db"), .durability = Durability::FULL});
  }
  OrderManager& writer(Durability durability) {
    return durability == Durability::FULL ? *writer_full : *writer_normal;
  }
};

Store& store() {
  static Store instance;
  return instance;
}

Durability durability_of(const benchmark::State& state) {
  return state.range(0) == 0 ? Durability::FULL : Durability::NORMAL;
}

void label_durability(benchmark::State& state) {
  state.SetLabel(durability_of(state) == Durability::FULL ? "FULL" : "NORMAL");
}

// Refills `inputs` with 1000 fresh items (outside the timing) when used up.
template <typename T, typename Make>
const T& next_input(benchmark::State& state, std::vector<T>& inputs, std::size_t& used, Make make) {
  if (used == inputs.size()) {
    state.PauseTiming();
    inputs.clear();
    for (int k = 0; k < 1000; ++k) inputs.push_back(make(store().next_id++));
    used = 0;
    state.ResumeTiming();
  }
  return inputs[used++];
}

std::vector<std::string> ids_of(std::int64_t count, std::uint64_t seed) {
  std::mt19937_64 random(seed);
  std::vector<std::string> ids;
  for (std::int64_t k = 0; k < count; ++k)
    ids.push_back(bench::order_id(static_cast<std::int64_t>(random() % kOrders)));
  return ids;
}

// --- Writes -----------------------------------------------------------------

void BM_create_order(benchmark::State& state) {
  OrderManager& manager = store().writer(durability_of(state));
  std::vector<managers::NewOrder> inputs;
  std::size_t used = 0;
  for (auto _ : state) {
    const managers::NewOrder& o =
        next_input(state, inputs, used, [](std::int64_t n) { return bench::make_order(n, kCustomers); });
    benchmark::DoNotOptimize(manager.create_order(o.order_id, o.customer_id, o.customer_name, o.items, o.total_price,
                                                  o.conversation_id, o.estimated_ready_time, o.metadata));
  }
  state.SetItemsProcessed(state.iterations());
  label_durability(state);
}
OM_BENCHMARK(BM_create_order)->Arg(0)->Arg(1);

void BM_create_order_NewOrder(benchmark::State& state) {
  OrderManager& manager = store().writer(durability_of(state));
  std::vector<managers::NewOrder> inputs;
  std::size_t used = 0;
  for (auto _ : state)
    benchmark::DoNotOptimize(manager.create_order(
        next_input(state, inputs, used, [](std::int64_t n) { return bench::make_order(n, kCustomers); })));
  state.SetItemsProcessed(state.iterations());
  label_durability(state);
}
OM_BENCHMARK(BM_create_order_NewOrder)->Arg(1);

void BM_create_order_duplicate(benchmark::State& state) {  // refused: the id exists
  OrderManager& manager = store().writer(Durability::NORMAL);
  const managers::NewOrder existing = bench::make_order(0, kCustomers);
  for (auto _ : state) benchmark::DoNotOptimize(manager.create_order(existing));
  state.SetItemsProcessed(state.iterations());
}
OM_BENCHMARK(BM_create_order_duplicate);

void BM_import_order(benchmark::State& state) {
  OrderManager& manager = store().writer(durability_of(state));
  std::vector<managers::Order> inputs;
  std::size_t used = 0;
  for (auto _ : state)
    benchmark::DoNotOptimize(manager.import_order(
        next_input(state, inputs, used, [](std::int64_t n) { return bench::make_stored_order(n, kCustomers); })));
  state.SetItemsProcessed(state.iterations());
  label_durability(state);
}
OM_BENCHMARK(BM_import_order)->Arg(1);

void BM_replace_order(benchmark::State& state) {  // alternates two contents of one order
  OrderManager& manager = store().writer(durability_of(state));
  managers::Order a = bench::make_stored_order(1, kCustomers);
  managers::Order b = a;
  b.metadata["note"] = "no onions";
  b.items.pop_back();
  std::int64_t k = 0;
  for (auto _ : state) manager.replace_order(++k % 2 == 0 ? a : b);
  state.SetItemsProcessed(state.iterations());
  label_durability(state);
}
OM_BENCHMARK(BM_replace_order)->Arg(0)->Arg(1);

// Visits the Pending orders of writes.db in turn; each visit moves one between
// Confirmed and Being prepared, so every call writes.
void BM_update_order_status(benchmark::State& state) {
  OrderManager& manager = store().writer(durability_of(state));
  std::vector<std::string> targets;
  for (std::int64_t n = 0; n < kOrders; ++n)
    if (bench::status_of(n) == OrderStatus::PENDING) targets.push_back(bench::order_id(n));
  static std::int64_t visit = 0;  // shared by the FULL and NORMAL runs, which write one file
  for (auto _ : state) {
    const std::int64_t i = visit++;
    const auto count = static_cast<std::int64_t>(targets.size());
    const OrderStatus status = (i / count) % 2 == 0 ? OrderStatus::CONFIRMED : OrderStatus::PREPARING;
    benchmark::DoNotOptimize(manager.update_order_status(targets[static_cast<std::size_t>(i % count)], status));
  }
  state.SetItemsProcessed(state.iterations());
  label_durability(state);
}
OM_BENCHMARK(BM_update_order_status)->Arg(0)->Arg(1);

void BM_update_order_status_unchanged(benchmark::State& state) {  // already that status: no write
  OrderManager& manager = store().writer(Durability::NORMAL);
  const std::string id = bench::order_id(16);  // Ready for pickup
  for (auto _ : state) benchmark::DoNotOptimize(manager.update_order_status(id, OrderStatus::READY));
  state.SetItemsProcessed(state.iterations());
}
OM_BENCHMARK(BM_update_order_status_unchanged);

// Writers on threads of one shared manager (NORMAL), each changing its own share of the Pending
// orders. SQLite runs one write at a time; the threads take the engine's ProcessWriteLock first
// (docs/SQLITE.md, "Writers"). Items/s is the total of the threads.
void BM_update_order_status_threads(benchmark::State& state) {
  OrderManager& manager = store().writer(Durability::NORMAL);
  std::vector<std::string> targets;
  std::int64_t pending = 0;
  for (std::int64_t n = 0; n < kOrders; ++n)
    if (bench::status_of(n) == OrderStatus::PENDING && pending++ % state.threads() == state.thread_index())
      targets.push_back(bench::order_id(n));
  const auto count = static_cast<std::int64_t>(targets.size());
  std::int64_t i = 0;
  for (auto _ : state) {
    // Every pass over the orders flips them to the other status, so each call writes.
    const OrderStatus status = (i / count) % 2 == 0 ? OrderStatus::PREPARING : OrderStatus::CONFIRMED;
    benchmark::DoNotOptimize(manager.update_order_status(targets[static_cast<std::size_t>(i % count)], status));
    ++i;
  }
  state.SetItemsProcessed(state.iterations());
}
OM_BENCHMARK(BM_update_order_status_threads)->ThreadRange(1, 4);

void BM_update_order_ready_time(benchmark::State& state) {
  OrderManager& manager = store().writer(durability_of(state));
  const std::vector<std::string> ids = ids_of(4096, 3);
  std::int64_t k = 0;
  for (auto _ : state) {
    ++k;
    benchmark::DoNotOptimize(manager.update_order_ready_time(
        ids[static_cast<std::size_t>(k) & 4095], k % 2 == 0 ? "2026-11-25T15:45:00" : "2026-11-25T16:00:00+01:00"));
  }
  state.SetItemsProcessed(state.iterations());
  label_durability(state);
}
OM_BENCHMARK(BM_update_order_ready_time)->Arg(0)->Arg(1);

void BM_delete_order(benchmark::State& state) {  // deletes orders imported (untimed) for it
  OrderManager& manager = store().writer(durability_of(state));
  std::vector<std::string> ids;
  std::size_t used = 0;
  for (auto _ : state) {
    if (used == ids.size()) {
      state.PauseTiming();
      ids.clear();
      for (int k = 0; k < 1000; ++k) {
        const std::int64_t n = store().next_id++;
        store().writer_normal->import_order(bench::make_stored_order(n, kCustomers));
        ids.push_back(bench::order_id(n));
      }
      used = 0;
      state.ResumeTiming();
    }
    benchmark::DoNotOptimize(manager.delete_order(ids[used++]));
  }
  state.SetItemsProcessed(state.iterations());
  label_durability(state);
}
OM_BENCHMARK(BM_delete_order)->Arg(0)->Arg(1);

void BM_delete_order_missing(benchmark::State& state) {
  OrderManager& manager = store().writer(Durability::NORMAL);
  for (auto _ : state) benchmark::DoNotOptimize(manager.delete_order("ORD-none"));
  state.SetItemsProcessed(state.iterations());
}
OM_BENCHMARK(BM_delete_order_missing);

// Clears a store of state.range(0) orders (refilled, untimed, before each call).
void BM_clear_all_orders(benchmark::State& state) {
  static bench::ScratchDir dir("om-clear-bench");
  OrderManager manager(managers::SqliteOptions{.db_path = dir.file("clear.db"), .durability = Durability::NORMAL});
  for (auto _ : state) {
    state.PauseTiming();
    bench::load_orders(manager, 0, state.range(0), 50);
    state.ResumeTiming();
    manager.clear_all_orders();
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(std::to_string(state.range(0)) + " orders");
}
OM_BENCHMARK(BM_clear_all_orders)->Arg(0)->Arg(100);

// --- Reads (reads.db, 10,000 orders) ------------------------------------------

void BM_get_order(benchmark::State& state) {
  OrderManager& manager = *store().reader;
  const std::vector<std::string> ids = ids_of(4096, 1);
  std::size_t k = 0;
  for (auto _ : state) benchmark::DoNotOptimize(manager.get_order(ids[k++ & 4095]));
  state.SetItemsProcessed(state.iterations());
}
OM_BENCHMARK(BM_get_order);
// One shared manager, 1 and 2 threads (items/s is the total of the threads).
OM_BENCHMARK(BM_get_order)->ThreadRange(1, 2);

void BM_get_order_missing(benchmark::State& state) {
  OrderManager& manager = *store().reader;
  for (auto _ : state) benchmark::DoNotOptimize(manager.get_order("ORD-none"));
  state.SetItemsProcessed(state.iterations());
}
OM_BENCHMARK(BM_get_order_missing);

// Arg: limit (0 = none: all 20 orders of the customer). Arg 2: with a status filter.
void BM_get_customer_orders(benchmark::State& state) {
  OrderManager& manager = *store().reader;
  std::vector<std::string> names;
  std::mt19937_64 random(2);
  for (int k = 0; k < 4096; ++k) names.push_back(bench::customer_name(static_cast<std::int64_t>(random() % kCustomers)));
  const std::optional<int> limit = state.range(0) > 0 ? std::optional<int>(static_cast<int>(state.range(0))) : std::nullopt;
  const std::optional<OrderStatus> status = state.range(1) != 0 ? std::optional(OrderStatus::PENDING) : std::nullopt;
  std::size_t k = 0;
  for (auto _ : state) benchmark::DoNotOptimize(manager.get_customer_orders(names[k++ & 4095], limit, status));
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(std::string(limit ? "limit " + std::to_string(*limit) : "no limit") + (status ? ", status Pending" : ""));
}
OM_BENCHMARK(BM_get_customer_orders)->Args({10, 0})->Args({0, 0})->Args({10, 1});

void BM_get_customer_last_order(benchmark::State& state) {
  OrderManager& manager = *store().reader;
  std::vector<std::string> ids;
  for (int k = 0; k < 4096; ++k) ids.push_back(bench::customer_id((k * 7919) % kCustomers));
  std::size_t k = 0;
  for (auto _ : state) benchmark::DoNotOptimize(manager.get_customer_last_order(ids[k++ & 4095]));
  state.SetItemsProcessed(state.iterations());
}
OM_BENCHMARK(BM_get_customer_last_order);

void BM_get_orders_by_status(benchmark::State& state) {  // first page of each status in turn
  OrderManager& manager = *store().reader;
  const int limit = static_cast<int>(state.range(0));
  std::size_t k = 0;
  for (auto _ : state)
    benchmark::DoNotOptimize(manager.get_orders_by_status(managers::kAllOrderStatuses[k++ % 6], limit));
  state.SetItemsProcessed(state.iterations());
  state.SetLabel("limit " + std::to_string(limit));
}
OM_BENCHMARK(BM_get_orders_by_status)->Arg(10)->Arg(100);

void BM_get_order_statistics(benchmark::State& state) {
  OrderManager& manager = *store().reader;
  for (auto _ : state) benchmark::DoNotOptimize(manager.get_order_statistics());
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(std::to_string(kOrders) + " orders");
}
OM_BENCHMARK(BM_get_order_statistics);

void BM_format_order_summary(benchmark::State& state) {
  OrderManager& manager = *store().reader;
  const std::vector<std::string> ids = ids_of(4096, 5);
  std::size_t k = 0;
  for (auto _ : state) benchmark::DoNotOptimize(manager.format_order_summary(ids[k++ & 4095]));
  state.SetItemsProcessed(state.iterations());
}
OM_BENCHMARK(BM_format_order_summary);

void BM_list_orders(benchmark::State& state) {  // one page of 100, from random points
  OrderManager& manager = *store().reader;
  const std::vector<std::string> tokens = ids_of(4096, 6);
  std::size_t k = 0;
  for (auto _ : state) benchmark::DoNotOptimize(manager.list_orders(tokens[k++ & 4095], 100));
  state.SetItemsProcessed(state.iterations() * 100);
  state.SetLabel("page of 100; items = orders");
}
OM_BENCHMARK(BM_list_orders);

void BM_check_health(benchmark::State& state) {
  OrderManager& manager = *store().reader;
  for (auto _ : state) benchmark::DoNotOptimize(manager.check_health());
  state.SetItemsProcessed(state.iterations());
}
OM_BENCHMARK(BM_check_health);

void BM_backend_name_schema_version_db_path(benchmark::State& state) {
  OrderManager& manager = *store().reader;
  for (auto _ : state) {
    benchmark::DoNotOptimize(manager.backend_name());
    benchmark::DoNotOptimize(manager.schema_version());
    benchmark::DoNotOptimize(manager.db_path());
  }
  state.SetItemsProcessed(state.iterations());
}
OM_BENCHMARK(BM_backend_name_schema_version_db_path);

// Opening a manager on an existing file (constructor + destructor).
void BM_open_existing(benchmark::State& state) {
  const std::string path = store().dir.file("reads.db");
  for (auto _ : state) {
    OrderManager manager(path);
    benchmark::DoNotOptimize(manager.schema_version());
  }
  state.SetItemsProcessed(state.iterations());
}
OM_BENCHMARK(BM_open_existing);

}  // namespace

BENCHMARK_MAIN();
