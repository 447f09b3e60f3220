// Sustained creates per second at provisioned capacity (issue 15): the fault proxy's token buckets
// (tests/support/fault_proxy.hpp, set_write_capacity) model the spec's default provisioning, 10 WCU
// for each table and 5 WCU for each index, in front of DynamoDB Local (which never throttles). For
// each write mode and index projection, and for the earlier module's plain PutItem of the same orders,
// `threads` writers create small (and 10 KB) orders for `seconds`; the AWS layer retries throttled
// requests (max_attempts 10).
//
//   dynamodb_throttled_creates [--seconds S] [--threads T]

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "dynamodb/write_cost.hpp"
#include "support/dynamodb_local.hpp"
#include "dynamodb/local_engine.hpp"
#include "support/fault_proxy.hpp"

namespace {

struct Variant {
  const char* label;
  managers::DynamoDbWriteMode mode;
  managers::IndexProjection projection;
  std::size_t pad;  // bytes of padding in the order (write_cost::order_of)
  bool plain;       // the earlier module's PutItem of the same item instead of create_order
};
constexpr Variant kVariants[] = {
    {"small: create_order, intents (default)", managers::DynamoDbWriteMode::kIntents, managers::IndexProjection::kAll, 0, false},
    {"small: create_order, transactional", managers::DynamoDbWriteMode::kTransactional, managers::IndexProjection::kAll, 0, false},
    {"small: plain PutItem (earlier module)", managers::DynamoDbWriteMode::kIntents, managers::IndexProjection::kAll, 0, true},
    {"10 KB: create_order, intents, projection ALL", managers::DynamoDbWriteMode::kIntents, managers::IndexProjection::kAll, 10 * 1024, false},
    {"10 KB: create_order, intents, keys projection", managers::DynamoDbWriteMode::kIntents, managers::IndexProjection::kKeys, 10 * 1024, false},
    {"10 KB: plain PutItem (earlier module)", managers::DynamoDbWriteMode::kIntents, managers::IndexProjection::kAll, 10 * 1024, true},
};

managers::DynamoDbOptions options_for(const std::string& endpoint, const std::string& table, const Variant& variant) {
  managers::DynamoDbOptions options = dynamodb_testing::local_options(table);
  options.endpoint_url = endpoint;  // the throttling proxy in front of DynamoDB Local
  options.write_mode = variant.mode;
  options.index_projection = variant.projection;
  options.max_attempts = 10;
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  int seconds = 20;
  int threads = 4;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--seconds") == 0) seconds = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--threads") == 0) threads = std::atoi(argv[i + 1]);
  }
  const std::string local = testing_support::shared_dynamodb_local().endpoint();
  std::printf("| writes | creates/s | throttled replies | AWS-layer retries | failed calls |\n|---|---|---|---|---|\n");
  int table = 0;
  for (const Variant& variant : kVariants) {
    const std::string name = "throttle-" + std::to_string(::getpid()) + "-" + std::to_string(++table);
    managers::OrderManagerDynamoDB setup(options_for(local, name, variant));
    setup.ensure_tables();
    // A few customers' first orders, so the measured creates are mostly returning customers'.
    for (int c = 0; c < 20; ++c)
      setup.create_order(write_cost::order_of(900000 + c, variant.pad, "CUST-" + std::to_string(c)));
    std::vector<nlohmann::json> plain_items;
    if (variant.plain) {
      auto& runner = managers::dynamodb::EngineAccess::runner(setup);
      const auto reply = runner.call("GetItem", {{"TableName", name},
                                                 {"Key", {{"order_id", {{"S", "ORD-1000000"}}}}},
                                                 {"ConsistentRead", true}});
      plain_items.push_back(reply.at("Item"));
    }

    testing_support::FaultProxy proxy(local);
    proxy.provision_writes(testing_support::FaultProxy::ProvisionedWrites{10, 5, 1});
    managers::OrderManagerDynamoDB engine(options_for(proxy.url(), name, variant));
    engine.ensure_tables();
    std::atomic<int> done{0};
    std::atomic<int> failed{0};
    std::atomic<int> next{0};
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
      workers.emplace_back([&] {
        while (std::chrono::steady_clock::now() < until) {
          const int n = next++;
          try {
            if (variant.plain) {
              nlohmann::json item = plain_items.front();
              item["order_id"] = {{"S", "PLAIN-" + std::to_string(n)}};
              managers::dynamodb::EngineAccess::runner(engine).call("PutItem", {{"TableName", name}, {"Item", item}});
            } else {
              engine.create_order(write_cost::order_of(n, variant.pad, "CUST-" + std::to_string(n % 20)));
            }
            ++done;
          } catch (const std::exception&) {
            ++failed;
          }
        }
      });
    }
    for (std::thread& worker : workers) worker.join();
    const char* label = variant.label;
    std::printf("| %s | %.2f | %zu | %lld | %d |\n", label, static_cast<double>(done.load()) / seconds,
                proxy.throttled_writes(), static_cast<long long>(engine.counters().retries), failed.load());
    std::fflush(stdout);
  }
  return 0;
}
