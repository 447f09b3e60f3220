#pragma once

// An OrderManagerDynamoDB on the process's shared DynamoDB Local, with a table of its own.

#include <unistd.h>

#include <atomic>
#include <memory>
#include <string>

#include "managers/order_manager_dynamodb.hpp"
#include "support/dynamodb_local.hpp"

namespace dynamodb_testing {

// "<prefix>-<pid>-<n>": unique within the shared server (which lives as long as this process).
inline std::string unique_table_name(const std::string& prefix) {
  static std::atomic<int> counter{0};
  return prefix + "-" + std::to_string(::getpid()) + "-" + std::to_string(++counter);
}

// Explicit dummy credentials and the local endpoint: nothing from the environment is used.
inline managers::DynamoDbOptions local_options(const std::string& table_name) {
  managers::DynamoDbOptions options;
  options.table_name = table_name;
  options.region = "us-east-1";
  options.endpoint_url = testing_support::shared_dynamodb_local().endpoint();
  options.access_key_id = "AKIDEXAMPLE";
  options.secret_access_key = "local-secret-not-used";
  options.profile = std::nullopt;
  return options;
}

inline std::unique_ptr<managers::OrderManagerDynamoDB> make_local_engine(const std::string& prefix = "orders") {
  return std::make_unique<managers::OrderManagerDynamoDB>(local_options(unique_table_name(prefix)));
}

}  // namespace dynamodb_testing
