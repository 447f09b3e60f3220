#pragma once

// What the race and edge suites share: starting racers together, the statistics recount, and a
// small order to race on. Only the public API (include/managers/) is used.

#include <gtest/gtest.h>

#include <exception>
#include <functional>
#include <latch>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "managers/order.hpp"
#include "managers/order_manager_interface.hpp"
#include "support/all_orders.hpp"

namespace race_testing {

// Runs every racer on its own thread, released at once by a latch, and rethrows the first
// exception a racer threw (a StorageError from a lost race is a failure, not a result).
inline void run_together(const std::vector<std::function<void()>>& racers) {
  std::latch start(static_cast<std::ptrdiff_t>(racers.size()));
  std::vector<std::exception_ptr> errors(racers.size());
  std::vector<std::thread> threads;
  threads.reserve(racers.size());
  for (std::size_t i = 0; i < racers.size(); ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      try {
        racers[i]();
      } catch (...) {
        errors[i] = std::current_exception();
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const std::exception_ptr& error : errors)
    if (error) std::rethrow_exception(error);
}

// A one-item Pending order of its own customer (so per-customer reads see only this order).
inline bool create_racing_order(managers::OrderManagerInterface& manager, const std::string& id) {
  return manager.create_order(id, "CUST-" + id, "Customer " + id, {{"Tea", 1, managers::Money::from_cents(250)}},
                              managers::Money::from_cents(250));
}

// The statistics as the spec defines them, recounted from every order list_orders walks. This is
// the test's oracle, independent of how an engine keeps its totals (SQLite aggregates rows;
// DynamoDB keeps counters in its -stats table, updated with each write).
inline managers::OrderStatistics recount_statistics(managers::OrderManagerInterface& manager) {
  const std::vector<managers::Order> orders = testing_support::all_orders(manager);
  managers::OrderStatistics statistics;
  std::map<managers::OrderStatus, std::int64_t> by_status;
  std::set<std::string> customers;
  for (const managers::Order& order : orders) {
    ++statistics.total_orders;
    ++by_status[order.status];
    customers.insert(order.customer_id);
    if (order.status != managers::OrderStatus::CANCELLED) statistics.total_revenue += order.total_price;
  }
  for (managers::OrderStatus status : managers::kAllOrderStatuses)
    if (by_status.count(status) != 0) statistics.status_breakdown.emplace_back(managers::to_string(status), by_status[status]);
  statistics.unique_customers = static_cast<std::int64_t>(customers.size());
  return statistics;
}

inline void expect_statistics_match_recount(managers::OrderManagerInterface& manager, const std::string& after) {
  const managers::OrderStatistics reported = manager.get_order_statistics();
  const managers::OrderStatistics recounted = recount_statistics(manager);
  EXPECT_EQ(managers::to_json(reported), managers::to_json(recounted)) << "after " << after;
}

}  // namespace race_testing
