// Three processes of eight threads each create, update and read orders in one
// SQLite file at once, with the engine's default options. No call may fail
// (a "database is locked" reaching the caller fails the child), every
// acknowledged write must be present and whole, the orders every thread fights
// over must keep a consistent history, and the statistics must equal a recount.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "managers/errors.hpp"
#include "managers/order_manager.hpp"
#include "sqlite/raw_db.hpp"
#include "support/all_orders.hpp"
#include "support/child_processes.hpp"
#include "support/temp_dir.hpp"

namespace {

using managers::Money;
using managers::Order;
using managers::OrderItemInput;
using managers::OrderManager;
using managers::OrderStatus;

constexpr int kProcesses = 3;
constexpr int kThreads = 8;
constexpr int kOrdersPerThread = 20;
constexpr int kSharedOrders = 4;
constexpr int kChildFailed = 1;
constexpr int kChildSawLocked = 7;

std::string own_id(int process, int thread, int i) {
  return "P" + std::to_string(process) + "-T" + std::to_string(thread) + "-" + std::to_string(i);
}
std::string shared_id(int k) { return "SHARED-" + std::to_string(k); }
std::string customer_name(int process, int thread) { return "Customer " + std::to_string((process * kThreads + thread) % 5); }

std::vector<OrderItemInput> items_of(int i) {
  std::vector<OrderItemInput> items;
  for (int k = 0; k <= i % 3; ++k) items.push_back({"Item " + std::to_string(k), k + 1, Money::from_cents(250 + i)});
  return items;
}
Money total_of(int i) {
  Money total;
  for (const OrderItemInput& item : items_of(i)) total += item.unit_price.times(item.quantity);
  return total;
}

// One thread's work; returns an empty string or what went wrong.
std::string thread_work(OrderManager& manager, int process, int thread) {
  static constexpr OrderStatus kCycle[] = {OrderStatus::CONFIRMED, OrderStatus::PREPARING, OrderStatus::READY,
                                           OrderStatus::PENDING};
  for (int i = 0; i < kOrdersPerThread; ++i) {
    const std::string id = own_id(process, thread, i);
    if (!manager.create_order(id, "CUST-" + std::to_string((process * kThreads + thread) % 5),
                              customer_name(process, thread), items_of(i), total_of(i)))
      return id + ": create returned false";
    const auto read_back = manager.get_order(id);
    if (!read_back || read_back->items.size() != items_of(i).size()) return id + ": not readable after create";
    if (i % 3 == 0 && !manager.update_order_status(id, OrderStatus::CONFIRMED)) return id + ": update refused";
    // Everyone also fights over a few shared orders and reads the lists.
    if (!manager.update_order_status(shared_id((thread + i) % kSharedOrders), kCycle[(process + thread + i) % 4]))
      return "shared update refused";
    if (i % 4 == 0) {
      manager.get_customer_orders(customer_name(process, thread), 5);
      manager.get_orders_by_status(OrderStatus::CONFIRMED, 10);
      manager.get_order_statistics();
    }
  }
  return "";
}

int run_process(const std::string& path, int process) {
  OrderManager manager(path);  // default options: as a user opens it
  std::atomic<int> code{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      try {
        const std::string failure = thread_work(manager, process, t);
        if (!failure.empty()) {
          std::fprintf(stderr, "process %d thread %d: %s\n", process, t, failure.c_str());
          code = kChildFailed;
        }
      } catch (const managers::StorageError& error) {
        std::fprintf(stderr, "process %d thread %d: %s\n", process, t, error.what());
        code = error.code().find("BUSY") != std::string::npos || error.code().find("LOCKED") != std::string::npos
                   ? kChildSawLocked
                   : kChildFailed;
      } catch (const std::exception& error) {
        std::fprintf(stderr, "process %d thread %d: %s\n", process, t, error.what());
        code = kChildFailed;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  return code;
}

TEST(SqliteConcurrency, ThreeProcessesOfEightThreadsLoseNothingAndNeverSeeLocked) {
  testing_support::TempDir dir;
  const std::string path = dir.file("shared.db").string();
  {
    OrderManager manager(path);
    for (int k = 0; k < kSharedOrders; ++k)
      ASSERT_TRUE(manager.create_order(shared_id(k), "CUST-S", "Shared", {{"Tea", 1, 2.0}}, 2.0));
  }

  const std::vector<int> codes =
      testing_support::run_children(kProcesses, [&](int process) { return run_process(path, process); });
  for (int process = 0; process < kProcesses; ++process) {
    EXPECT_NE(codes[process], kChildSawLocked) << "process " << process << ": 'database is locked' reached the caller";
    EXPECT_EQ(codes[process], 0) << "process " << process << " failed (its stderr says why)";
  }

  EXPECT_EQ(sqlite_testing::RawDb(path).value("PRAGMA integrity_check"), "ok");
  OrderManager manager(path);
  const std::vector<Order> orders = testing_support::all_orders(manager);
  ASSERT_EQ(orders.size(), static_cast<std::size_t>(kSharedOrders + kProcesses * kThreads * kOrdersPerThread));

  for (int process = 0; process < kProcesses; ++process)
    for (int thread = 0; thread < kThreads; ++thread)
      for (int i = 0; i < kOrdersPerThread; ++i) {
        const auto order = manager.get_order(own_id(process, thread, i));
        ASSERT_TRUE(order.has_value()) << own_id(process, thread, i);
        EXPECT_EQ(order->items.size(), items_of(i).size());
        EXPECT_EQ(order->total_price, total_of(i));
        EXPECT_EQ(order->status, i % 3 == 0 ? OrderStatus::CONFIRMED : OrderStatus::PENDING);
        EXPECT_EQ(order->status_history.size(), i % 3 == 0 ? 2u : 1u);
      }
  // Each change to a shared order is recorded once: consecutive entries differ and
  // there are no more entries than changes asked for.
  std::size_t shared_entries = 0;
  for (int k = 0; k < kSharedOrders; ++k) {
    const Order shared = *manager.get_order(shared_id(k));
    EXPECT_EQ(shared.status_history.back().status, shared.status);
    for (std::size_t e = 1; e < shared.status_history.size(); ++e) {
      EXPECT_NE(shared.status_history[e].status, shared.status_history[e - 1].status) << shared_id(k) << " entry " << e;
      EXPECT_GT(shared.status_history[e].changed_at, shared.status_history[e - 1].changed_at);
    }
    shared_entries += shared.status_history.size() - 1;
  }
  EXPECT_GT(shared_entries, 0u);
  EXPECT_LE(shared_entries, static_cast<std::size_t>(kProcesses * kThreads * kOrdersPerThread));

  // The statistics equal a recount of the orders themselves.
  std::int64_t revenue_cents = 0;
  std::set<std::string> customers;
  std::map<OrderStatus, std::int64_t> counts;
  for (const Order& order : orders) {
    if (order.status != OrderStatus::CANCELLED) revenue_cents += order.total_price.cents();
    customers.insert(order.customer_id);
    ++counts[order.status];
  }
  std::vector<std::pair<std::string, std::int64_t>> breakdown;
  for (const OrderStatus status : managers::kAllOrderStatuses)
    if (counts.count(status)) breakdown.emplace_back(managers::to_string(status), counts[status]);
  const managers::OrderStatistics statistics = manager.get_order_statistics();
  EXPECT_EQ(statistics.total_orders, static_cast<std::int64_t>(orders.size()));
  EXPECT_EQ(statistics.total_revenue, Money::from_cents(revenue_cents));
  EXPECT_EQ(statistics.unique_customers, static_cast<std::int64_t>(customers.size()));
  EXPECT_EQ(statistics.status_breakdown, breakdown);
}

// The threads of one process take turns at the write lock (ProcessWriteLock), so busy_timeout_ms bounds
// only the wait for other processes: sixteen threads of two managers of one file (named two ways)
// write at once with a 20 ms busy timeout, far shorter than their wait for each other, and none is refused.
// Without that lock they fought over SQLite's lock, and most failed with "database is locked".
TEST(SqliteConcurrency, ThreadsOfOneProcessTakeTurnsAtTheWriteLockInsteadOfSpendingTheBusyTimeout) {
  testing_support::TempDir dir;
  const std::filesystem::path file = dir.file("queued.db");
  managers::SqliteOptions direct;
  direct.db_path = file.string();
  direct.busy_timeout_ms = 20;
  managers::SqliteOptions roundabout = direct;
  roundabout.db_path = (file.parent_path() / "." / file.filename()).string();
  OrderManager first(direct);
  OrderManager second(roundabout);

  constexpr int kWriters = 8;
  constexpr int kOrdersEach = 25;
  std::atomic<int> refused{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 2 * kWriters; ++t) {
    threads.emplace_back([&, t] {
      OrderManager& manager = t % 2 == 0 ? first : second;
      for (int i = 0; i < kOrdersEach; ++i) {
        try {
          const std::string id = own_id(0, t, i);
          manager.create_order(id, "CUST-Q", "Queued", items_of(i), total_of(i));
          manager.update_order_status(id, OrderStatus::CONFIRMED);
        } catch (const managers::StorageError& error) {
          ++refused;
          std::fprintf(stderr, "thread %d: %s\n", t, error.what());
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(refused.load(), 0);
  EXPECT_EQ(first.get_order_statistics().total_orders, 2 * kWriters * kOrdersEach);
  EXPECT_EQ(second.get_orders_by_status(OrderStatus::CONFIRMED).size(), static_cast<std::size_t>(2 * kWriters * kOrdersEach));
}

}  // namespace
