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
  // Lowers the retry budget of writes under conflict (50 read-modify-write rounds, 40
  // transactions by default) so a test with a few writers can exhaust it.
  static void set_conflict_attempts(OrderManagerDynamoDB& engine, int attempts) {
    engine.store_->set_conflict_attempts(attempts);
  }
  // Makes every later commit stop after `step`, as if the process died there (kIntents mode):
  // the call throws SimulatedCrash and leaves what it wrote so far. CommitStep::kNone: normal.
  static void stop_commit_after(OrderManagerDynamoDB& engine, CommitStep step) {
    engine.store_->writer().stop_after(step);
  }
  // The engine's writer, for a test that commits a write read earlier (a writer that stalled).
  static OrderWriter& writer(OrderManagerDynamoDB& engine) { return engine.store_->writer(); }
  static std::set<std::string> iam_actions_used(OrderManagerDynamoDB& engine) {
    return engine.store_->runner().iam_actions_used();
  }
};

}  // namespace managers::dynamodb
