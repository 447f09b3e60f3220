#pragma once

// Test access to the DynamoDB engine's internals (private to the library and its tests).

#include <set>
#include <string>

#include "dynamodb/dynamodb_order_store.hpp"
#include "managers/order_manager_dynamodb.hpp"

namespace managers::dynamodb {

// Tests reach into an engine through this.
struct EngineAccess {
  static RequestRunner& runner(OrderManagerDynamoDB& engine) { return engine.store_->runner(); }
  static std::set<std::string> iam_actions_used(OrderManagerDynamoDB& engine) {
    return engine.store_->runner().iam_actions_used();
  }
};

}  // namespace managers::dynamodb
