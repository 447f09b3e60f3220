// The DynamoDB engine, through its real AWS layer, talks to DynamoDB Local via a
// proxy on 127.0.0.1 that breaks the network on a fixed schedule: answers 500
// or throttles without forwarding, or forwards the request and then resets the
// connection so the reply is lost after the write happened. Several threads
// create orders and change statuses through it. Afterwards every call that
// returned true must be reflected exactly, nothing must be doubled, no call may
// report a false duplicate, and the O(1) statistics must equal a full recount.
#include <curl/curl.h>

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "managers/errors.hpp"
#include "managers/order_manager_dynamodb.hpp"
#include "support/dynamodb_local.hpp"
#include "support/fake_http_server.hpp"

namespace {

using managers::OrderStatus;
using testing_support::FakeResponse;
using testing_support::RecordedRequest;

size_t append_to_string(char* data, size_t size, size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

size_t collect_header(char* data, size_t size, size_t count, void* out) {
  const std::string line(data, size * count);
  const auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    value.erase(value.find_last_not_of("\r\n") + 1);
    static_cast<testing_support::FakeHeaders*>(out)->emplace_back(line.substr(0, colon), value);
  }
  return size * count;
}

// Sends `request` on to `endpoint` unchanged and returns the real reply.
FakeResponse forward(const std::string& endpoint, const RecordedRequest& request) {
  CURL* curl = curl_easy_init();
  curl_slist* headers = nullptr;
  for (const auto& [name, value] : request.headers) {
    std::string lower = name;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == "host" || lower == "content-length" || lower == "connection") continue;
    headers = curl_slist_append(headers, (name + ": " + value).c_str());
  }
  FakeResponse response;
  curl_easy_setopt(curl, CURLOPT_URL, (endpoint + request.target).c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.c_str());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(request.body.size()));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_to_string);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, collect_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response.headers);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 10000L);
  const CURLcode code = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  if (code != CURLE_OK) return FakeResponse::json(500, R"({"__type":"ProxyError","message":"forward failed"})");
  response.status = static_cast<int>(status);
  std::erase_if(response.headers, [](const auto& header) {
    std::string lower = header.first;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return lower == "content-length" || lower == "connection" || lower == "transfer-encoding";
  });
  return response;
}

// Which fault request number n (1-based) meets. Writes are what matter, so the
// schedule counts every request alike and is the same on every run.
enum class Fault { kNone, kServerError, kThrottle, kLostReply };
Fault fault_for(std::size_t n) {
  if (n % 5 == 0) return Fault::kLostReply;
  if (n % 7 == 0) return Fault::kThrottle;
  if (n % 11 == 0) return Fault::kServerError;
  return Fault::kNone;
}

TEST(DynamoDbNetworkFaults, NothingIsLostOrDoubledAndStatisticsStayExact) {
  const std::string upstream = testing_support::shared_dynamodb_local().endpoint();
  testing_support::FakeHttpServer proxy;
  std::atomic<std::size_t> request_number{0};
  std::atomic<int> lost_replies{0};
  proxy.set_handler([&](const RecordedRequest& request) {
    switch (fault_for(++request_number)) {
      case Fault::kServerError:
        return FakeResponse::json(500, R"({"__type":"com.amazon.coral.service#InternalFailure","message":"injected"})");
      case Fault::kThrottle:
        return FakeResponse::json(
            400, R"({"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException","message":"injected"})");
      case Fault::kLostReply:
        forward(upstream, request);  // the write happens; its reply never arrives
        ++lost_replies;
        return FakeResponse::reset();
      case Fault::kNone:
        break;
    }
    return forward(upstream, request);
  });

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
  EXPECT_GT(lost_replies.load(), 10) << "the schedule must actually lose replies";
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
