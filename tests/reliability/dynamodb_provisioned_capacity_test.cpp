// Provisioned write capacity, which DynamoDB Local never enforces: the fault proxy's token buckets
// (FaultProxy::provision_writes) give the orders table 10 WCU/s and each index 5 WCU/s, as the
// spec provisions them (and the statistics table 10). Writers then create orders faster than that.
//
// What must hold: the proxy really limits (it refuses writes and never lets through more than the
// provisioned rate), the AWS layer retries every refusal so that no create fails or is lost, and
// the statistics stay exact. The sustained creates per second are printed, not asserted (a figure
// for docs/DYNAMODB.md, "Provisioned capacity"): speed is shown by figures, not by timed tests.
#include <gtest/gtest.h>

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "dynamodb/local_engine.hpp"
#include "managers/errors.hpp"
#include "managers/order_manager_dynamodb.hpp"
#include "support/dynamodb_local.hpp"
#include "support/fault_proxy.hpp"

namespace {

constexpr double kTableUnits = 10;  // the spec's provisioning
constexpr double kIndexUnits = 5;
constexpr double kBurstSeconds = 1;
constexpr int kIndexes = 3;  // customer_id_index, status_index, customer_name_index

managers::DynamoDbOptions options_through(const testing_support::FaultProxy& proxy, const std::string& table) {
  managers::DynamoDbOptions options = dynamodb_testing::local_options(table);
  options.endpoint_url = proxy.url();
  options.max_attempts = 20;  // a throttled write waits for the bucket: backoff, not failure
  return options;
}

TEST(DynamoDbProvisionedCapacity, WritesPastTheProvisionedRateAreRetriedNotLostAndStatisticsStayExact) {
  testing_support::FaultProxy proxy(testing_support::shared_dynamodb_local().endpoint());
  const std::string table = "provisioned-" + std::to_string(::getpid());
  managers::OrderManagerDynamoDB manager(options_through(proxy, table));
  manager.ensure_tables();  // before the buckets: table creation is not a write request
  proxy.provision_writes(testing_support::FaultProxy::ProvisionedWrites{kTableUnits, kIndexUnits, kBurstSeconds});
  manager.reset_counters();

  constexpr int kThreads = 2;
  constexpr int kOrdersPerThread = 8;
  std::mutex mutex;
  std::vector<std::string> failures;
  const auto started = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kOrdersPerThread; ++i) {
        const std::string id = "P-" + std::to_string(t) + "-" + std::to_string(i);
        try {
          if (!manager.create_order(id, "CUST-" + std::to_string(i % 3), "Customer " + std::to_string(i % 3),
                                    {{"Coffee", 2, 3.50}, {"Sandwich", 1, 8.99}}, 16.99)) {
            std::lock_guard lock(mutex);
            failures.push_back(id + ": create reported a duplicate");
          }
        } catch (const managers::OrderManagerError& error) {
          std::lock_guard lock(mutex);
          failures.push_back(id + ": " + error.what());
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  EXPECT_TRUE(failures.empty()) << failures.front();

  // The buckets really limited: writes were refused, and retried by the AWS layer.
  EXPECT_GT(proxy.throttled_writes(), 0U);
  EXPECT_GE(manager.counters().retries, static_cast<std::int64_t>(proxy.throttled_writes()));
  // ...and never let more through than provisioned: two tables (orders, statistics) and three
  // indexes, each at most its rate over the run plus its burst plus one write taken into debt.
  const double provisioned_per_second = 2 * kTableUnits + kIndexes * kIndexUnits;
  const double one_write_per_bucket = 8.0 * (2 + kIndexes);
  EXPECT_LE(proxy.consumed_write_units(),
            provisioned_per_second * (seconds + kBurstSeconds) + one_write_per_bucket)
      << "over " << seconds << " s";

  // Nothing lost or doubled: the O(1) statistics equal the orders.
  const managers::OrderStatistics statistics = manager.get_order_statistics();
  EXPECT_EQ(statistics.total_orders, kThreads * kOrdersPerThread);
  EXPECT_EQ(statistics.unique_customers, 3);
  EXPECT_EQ(statistics.total_revenue, managers::Money::from_cents(1699LL * kThreads * kOrdersPerThread));
  for (int t = 0; t < kThreads; ++t)
    for (int i = 0; i < kOrdersPerThread; ++i)
      EXPECT_TRUE(manager.get_order("P-" + std::to_string(t) + "-" + std::to_string(i)).has_value());

  const int orders = kThreads * kOrdersPerThread;
  std::printf("provisioned %g WCU table / %g WCU per index: %d creates in %.1f s = %.2f creates/s sustained; "
              "%.1f WCU per create (tables and indexes), %zu writes refused and retried\n",
              kTableUnits, kIndexUnits, orders, seconds, orders / seconds, proxy.consumed_write_units() / orders,
              proxy.throttled_writes());
  manager.clear_all_orders();
}

}  // namespace
