// The DynamoDB engine, through its real AWS layer, talks to DynamoDB Local via a
// proxy on 127.0.0.1 that breaks the network on a fixed schedule: answers 500
// or throttles without forwarding, or forwards the request and then resets the
// connection so the reply is lost after the write happened. Several threads
// create orders and change statuses through it. Afterwards every call that
// returned true must be reflected exactly, nothing must be doubled, no call may
// report a false duplicate, and the O(1) statistics must equal a full recount.
#include <gtest/gtest.h>

#include <unistd.h>

#include <atomic>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "managers/errors.hpp"
#include "managers/order_manager_dynamodb.hpp"
#include "support/dynamodb_local.hpp"
#include "support/fault_proxy.hpp"

namespace {

using managers::OrderStatus;
using testing_support::Fault;

// Which fault request number n (1-based) meets. Writes are what matter, so the
// schedule counts every request alike and is the same on every run.
std::optional<Fault> fault_for(std::size_t n) {
  if (n % 5 == 0) return Fault::kResetAfterForward;  // the write happens; its reply never arrives
  if (n % 7 == 0) return Fault::kProvisionedThroughputExceeded;
  if (n % 11 == 0) return Fault::kInternalServerError;
  return std::nullopt;
}

TEST(DynamoDbNetworkFaults, NothingIsLostOrDoubledAndStatisticsStayExact) {
  const std::string upstream = testing_support::shared_dynamodb_local().endpoint();
  testing_support::FaultProxy proxy(upstream);
  std::atomic<std::size_t> request_number{0};
  proxy.set_chooser([&](const testing_support::RecordedRequest&) { return fault_for(++request_number); });

  managers::DynamoDbOptions options;
  options.table_name = "faults-" + std::to_string(::getpid());
  options.region = "us-east-1";
  options.endpoint_url = proxy.url();
  options.access_key_id = "AKIDEXAMPLE";
  options.secret_access_key = "local-secret-not-used";
  options.max_attempts = 8;  // the schedule never breaks more than 3 requests in a row
  managers::OrderManagerDynamoDB manager(options);
  manager.ensure_tables();

  constexpr int kThreads = 4;
  constexpr int kOrdersPerThread = 15;
  std::mutex mutex;
  std::set<std::string> created;
  std::set<std::string> confirmed;
  std::vector<std::string> failures;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kOrdersPerThread; ++i) {
        const std::string id = "F-" + std::to_string(t) + "-" + std::to_string(i);
        try {
          const bool ok = manager.create_order(id, "CUST-" + std::to_string(i % 4), "Customer " + std::to_string(i % 4),
                                               {{"Coffee", 2, 3.50}, {"Sandwich", 1, 8.99}}, 16.99);
          std::lock_guard lock(mutex);
          if (!ok) failures.push_back(id + ": create reported a false duplicate");
          else created.insert(id);
        } catch (const managers::OrderManagerError& error) {
          std::lock_guard lock(mutex);
          failures.push_back(id + ": " + error.what());
          continue;
        }
        if (i % 3 == 0) {
          try {
            const bool ok = manager.update_order_status(id, OrderStatus::CONFIRMED);
            std::lock_guard lock(mutex);
            if (ok) confirmed.insert(id);
            else failures.push_back(id + ": status change refused");
          } catch (const managers::OrderManagerError& error) {
            std::lock_guard lock(mutex);
            failures.push_back(id + ": " + error.what());
          }
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();

  EXPECT_TRUE(failures.empty()) << failures.size() << " failures, first: " << failures.front();
  std::size_t lost_replies = 0;
  for (const auto& injection : proxy.injections())
    if (injection.fault == Fault::kResetAfterForward && injection.upstream_status == 200) ++lost_replies;
  EXPECT_GT(lost_replies, 10U) << "the schedule must actually lose replies of requests that went through";
  EXPECT_GT(manager.counters().retries, 20);

  // The truth, read past the proxy's faults (they are only retried transients).
  for (const std::string& id : created) {
    const auto order = manager.get_order(id);
    ASSERT_TRUE(order.has_value()) << id << " was acknowledged but is missing";
    const std::size_t expected_history = confirmed.count(id) ? 2 : 1;
    EXPECT_EQ(order->status_history.size(), expected_history) << id << ": a retried change was applied twice";
  }
  const managers::OrderStatistics statistics = manager.get_order_statistics();
  EXPECT_EQ(statistics.total_orders, static_cast<std::int64_t>(created.size()));
  EXPECT_EQ(statistics.total_revenue, managers::Money::from_cents(1699).times(static_cast<std::int64_t>(created.size())));
  EXPECT_EQ(statistics.unique_customers, 4);
  EXPECT_EQ(statistics, manager.recompute_statistics()) << "the counters drifted from the orders";
}

}  // namespace
