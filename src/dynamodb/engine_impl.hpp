#pragma once

// The state behind OrderManagerDynamoDB (private to the library and its tests).

#include <atomic>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "dynamodb/order_writer.hpp"
#include "dynamodb/request_runner.hpp"
#include "managers/order_manager_dynamodb.hpp"

namespace managers {

struct OrderManagerDynamoDB::Impl {
  Impl(DynamoDbOptions engine_options, std::unique_ptr<dynamodb::Transport> transport);

  // Runs table setup once (again after a failed attempt). Cheap once done.
  void ensure_ready();

  DynamoDbOptions options;
  std::string stats_table;
  std::string region;
  dynamodb::RequestRunner runner;
  dynamodb::OrderWriter writer;

  std::mutex setup_mutex;
  std::atomic<bool> ready{false};
};

namespace dynamodb {

// Tests reach into an engine through this.
struct EngineAccess {
  static RequestRunner& runner(OrderManagerDynamoDB& engine) { return engine.impl_->runner; }
  static std::set<std::string> iam_actions_used(OrderManagerDynamoDB& engine) {
    return engine.impl_->runner.iam_actions_used();
  }
};

}  // namespace dynamodb
}  // namespace managers
