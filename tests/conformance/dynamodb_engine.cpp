// The DynamoDB engine under the conformance suite: a fresh table (and its -stats companion) per
// test on the process's shared DynamoDB Local, with explicit dummy credentials and endpoint, so
// nothing from the environment (AWS_PROFILE, AWS_REGION, real credentials) is used. Built twice:
// with the default projection (ALL) and, as conformance_dynamodb_keys, with IndexProjection::kKeys.

#include <unistd.h>

#include <atomic>
#include <string>

#include "conformance/engine_under_test.hpp"
#include "managers/order_manager_dynamodb.hpp"
#include "support/dynamodb_local.hpp"

std::unique_ptr<managers::OrderManagerInterface> make_engine_under_test() {
  static std::atomic<int> next_table{0};
  managers::DynamoDbOptions options;
  options.table_name = "conformance-" + std::to_string(::getpid()) + "-" + std::to_string(++next_table);
  options.region = "us-east-1";
  options.endpoint_url = testing_support::shared_dynamodb_local().endpoint();
  options.access_key_id = "AKIDEXAMPLE";
  options.secret_access_key = "conformance-secret";
#ifdef ORDER_MANAGER_TEST_KEYS_PROJECTION
  options.index_projection = managers::IndexProjection::kKeys;
#endif
  auto engine = std::make_unique<managers::OrderManagerDynamoDB>(std::move(options));
  // Tables are made now, so a test's first call measures the engine, not table creation.
  engine->ensure_tables();
  return engine;
}
