// The documented IAM policy is exactly what the engine needs: every request it sends needs only
// the actions docs/DYNAMODB.md grants, and every action granted there is used.

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "dynamodb/engine_access.hpp"
#include "dynamodb/iam_actions.hpp"
#include "dynamodb/local_engine.hpp"

namespace {

using nlohmann::json;
using namespace managers;

std::set<std::string> required_actions() {
  std::set<std::string> actions;
  for (std::string_view action : dynamodb::kRequiredIamActions) actions.emplace(action);
  return actions;
}

// The policy document: the first ```json block after the "## IAM policy" heading.
json documented_policy() {
  std::ifstream file(std::string(ORDER_MANAGER_SOURCE_DIR) + "/docs/DYNAMODB.md");
  EXPECT_TRUE(file) << "docs/DYNAMODB.md is missing";
  std::stringstream buffer;
  buffer << file.rdbuf();
  const std::string text = buffer.str();
  const std::size_t section = text.find("## IAM policy");
  EXPECT_NE(section, std::string::npos) << "docs/DYNAMODB.md has no '## IAM policy' section";
  const std::size_t open = text.find("```json\n", section);
  const std::size_t close = text.find("```", open + 8);
  EXPECT_NE(open, std::string::npos);
  return json::parse(text.substr(open + 8, close - open - 8));
}

TEST(DynamoDbIam, TheDocumentedPolicyGrantsExactlyTheRequiredActions) {
  const json policy = documented_policy();
  std::set<std::string> documented;
  for (const json& statement : policy.at("Statement"))
    for (const json& action : statement.at("Action")) {
      const std::string name = action.get<std::string>();
      ASSERT_EQ(name.rfind("dynamodb:", 0), 0U) << name;
      documented.insert(name.substr(9));
    }
  EXPECT_EQ(documented, required_actions());
}

TEST(DynamoDbIam, EveryRequestOfEveryMethodNeedsOnlyDocumentedActions) {
  auto engine = dynamodb_testing::make_local_engine("iam");
  engine->check_health();
  ASSERT_TRUE(engine->create_order("ORD-1", "CUST-1", "John", {{"Tea", 1, Money(2.00)}}, Money(2.00)));
  ASSERT_TRUE(engine->create_order("ORD-2", "CUST-1", "John", {{"Tea", 1, Money(2.00)}}, Money(2.00)));
  EXPECT_FALSE(engine->create_order("ORD-1", "CUST-1", "John", {{"Tea", 1, Money(2.00)}}, Money(2.00)));
  engine->get_order("ORD-1");
  engine->get_customer_orders("John", 1, OrderStatus::PENDING);
  engine->get_customer_last_order("CUST-1");
  engine->update_order_status("ORD-1", OrderStatus::READY);
  engine->update_order_ready_time("ORD-1", "2024-11-22T15:30:00");
  engine->get_orders_by_status(OrderStatus::READY, 5);
  engine->get_order_statistics();
  engine->format_order_summary("ORD-1");
  engine->list_orders("", 1);
  Order copy = *engine->get_order("ORD-2");
  copy.order_id = "ORD-3";
  engine->import_order(copy);
  engine->replace_order(copy);
  engine->delete_order("ORD-2");
  engine->delete_order("ORD-3");
  engine->recompute_statistics();
  engine->clear_all_orders();
  engine->check_health();

  const std::set<std::string> used = dynamodb::EngineAccess::iam_actions_used(*engine);
  EXPECT_EQ(used, required_actions()) << "every action the engine needs is documented, and none more";

  std::set<std::string> operations;
  for (std::string_view operation : dynamodb::kOperationsSent) operations.emplace(operation);
  for (const auto& [operation, count] : engine->counters().calls)
    EXPECT_TRUE(operations.contains(operation)) << operation << " is sent but not in kOperationsSent";
}

}  // namespace
