#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "agent/tool_catalog.hpp"
#include "agent/tool_outcome.hpp"
#include "managers/errors.hpp"
#include "tool_fixture.hpp"

namespace {

using agent_testing::ToolFixture;
using managers::OrderStatus;
using nlohmann::json;

std::vector<std::string> names(agent::Role role) {
  std::vector<std::string> list;
  for (const agent::ToolDefinition* tool : agent::tools_for_role(role)) list.push_back(tool->name);
  return list;
}

TEST(ToolCatalog, EachRoleSeesItsToolsAndThoseBelow) {
  const std::vector<std::string> customer = {"get_order",  "find_customer_orders", "get_last_order",
                                             "place_order", "cancel_order",        "order_summary"};
  std::vector<std::string> staff = customer;
  staff.insert(staff.end(), {"update_order_status", "set_ready_time", "orders_by_status"});
  std::vector<std::string> admin = staff;
  admin.insert(admin.end(), {"order_statistics", "delete_order"});
  EXPECT_EQ(names(agent::Role::kCustomer), customer);
  EXPECT_EQ(names(agent::Role::kStaff), staff);
  EXPECT_EQ(names(agent::Role::kAdmin), admin);
  EXPECT_EQ(agent::find_tool("clear_all_orders"), nullptr);
}

TEST(ToolCatalog, EveryToolIsCompletelyDescribed) {
  const std::regex valid_name("^[a-z_]{1,64}$");
  std::set<std::string> seen;
  for (const agent::ToolDefinition& tool : agent::all_tools()) {
    SCOPED_TRACE(tool.name);
    EXPECT_TRUE(std::regex_match(tool.name, valid_name));
    EXPECT_TRUE(seen.insert(tool.name).second) << "duplicate name";
    EXPECT_GT(tool.description.size(), 80u);
    EXPECT_FALSE(tool.title.empty());
    EXPECT_EQ(tool.input_schema.at("type"), "object");
    EXPECT_EQ(tool.input_schema.at("additionalProperties"), false);
    EXPECT_EQ(tool.output_schema.at("type"), "object");
    ASSERT_EQ(tool.output_schema.at("oneOf").size(), 2u);
    EXPECT_EQ(tool.output_schema.at("oneOf")[1].at("required"), nlohmann::json({"error"}));
    EXPECT_TRUE(tool.handler);
    EXPECT_FALSE(tool.hints.read_only && tool.hints.destructive);
  }
}

TEST_F(ToolFixture, PlaceOrderGeneratesAnIdAndStoresTheOrder) {
  const agent::ToolOutcome placed = call("place_order", coffee_order());
  ASSERT_FALSE(placed.is_error) << placed.text;
  const std::string id = placed.structured.at("order").at("order_id");
  EXPECT_TRUE(std::regex_match(id, std::regex("^ORD-[0-9A-F]{16}$"))) << id;
  EXPECT_EQ(placed.structured.at("created"), true);
  const auto stored = store_.get_order(id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(placed.structured.at("order"), managers::to_json(*stored));
  EXPECT_EQ(stored->total_price, managers::Money::from_cents(1699));
  EXPECT_NE(placed.text.find("Total: $16.99"), std::string::npos);
  // A second placement without an id is a second order with another id.
  const agent::ToolOutcome second = call("place_order", coffee_order());
  EXPECT_NE(second.structured.at("order").at("order_id"), id);
  EXPECT_EQ(store_.get_order_statistics().total_orders, 2);
}

TEST_F(ToolFixture, PlaceOrderRetriedWithTheSameIdPlacesItOnce) {
  const agent::ToolOutcome first = call("place_order", coffee_order("ORD-RETRY"));
  ASSERT_FALSE(first.is_error) << first.text;
  const agent::ToolOutcome retry = call("place_order", coffee_order("ORD-RETRY"));
  ASSERT_FALSE(retry.is_error) << retry.text;
  EXPECT_EQ(retry.structured.at("created"), false);
  EXPECT_EQ(retry.structured.at("order"), first.structured.at("order"));
  EXPECT_NE(retry.text.find("retry"), std::string::npos);
  EXPECT_EQ(store_.get_order_statistics().total_orders, 1);

  json different = coffee_order("ORD-RETRY");
  different["total_price"] = 15.00;
  const agent::ToolOutcome taken = call("place_order", different);
  EXPECT_TRUE(taken.is_error);
  EXPECT_EQ(taken.structured.at("error").at("kind"), "conflict");
  EXPECT_NE(taken.text.find("already used by a different order"), std::string::npos);
  EXPECT_EQ(store_.get_order("ORD-RETRY")->total_price, managers::Money::from_cents(1699));
}

TEST_F(ToolFixture, BadArgumentsNameTheFieldAndWriteNothing) {
  const auto error_of = [&](const json& arguments) {
    const agent::ToolOutcome outcome = call("place_order", arguments);
    EXPECT_TRUE(outcome.is_error);
    return outcome.structured.at("error");
  };
  json missing = coffee_order();
  missing.erase("customer_id");
  EXPECT_EQ(error_of(missing).at("field"), "customer_id");
  EXPECT_EQ(error_of(missing).at("rule"), "is required");

  json text_quantity = coffee_order();
  text_quantity["items"][0]["quantity"] = "2";
  EXPECT_EQ(error_of(text_quantity).at("field"), "items[0].quantity");

  json unknown = coffee_order();
  unknown["colour"] = "red";
  EXPECT_EQ(error_of(unknown).at("field"), "'colour'");

  // Rules only the core knows come back the same way, with the core's text.
  json blank_name = coffee_order();
  blank_name["customer_name"] = "   ";
  const json blank = error_of(blank_name);
  EXPECT_EQ(blank.at("kind"), "invalid_argument");
  EXPECT_EQ(blank.at("field"), "customer_name");
  EXPECT_EQ(blank.at("rule"), "must not be empty");
  EXPECT_EQ(blank.at("message"), "Invalid argument customer_name: must not be empty.");

  json bad_time = coffee_order();
  bad_time["estimated_ready_time"] = "tomorrow";
  EXPECT_EQ(error_of(bad_time).at("field"), "estimated_ready_time");

  const agent::ToolOutcome status = call("update_order_status", {{"order_id", "X"}, {"status", "Done"}});
  EXPECT_EQ(status.structured.at("error").at("field"), "status");
  EXPECT_NE(status.text.find("Being prepared"), std::string::npos);  // lists the accepted values
  EXPECT_EQ(store_.get_order_statistics().total_orders, 0);
}

TEST_F(ToolFixture, CustomerCancelsOnlyBeforeTheKitchenStarts) {
  ASSERT_FALSE(call("place_order", coffee_order("ORD-1")).is_error);
  ASSERT_FALSE(call("place_order", coffee_order("ORD-2")).is_error);

  const agent::ToolOutcome cancelled = call("cancel_order", {{"order_id", "ORD-1"}, {"reason", "changed my mind"}});
  ASSERT_FALSE(cancelled.is_error) << cancelled.text;
  EXPECT_EQ(cancelled.structured,
            json({{"order_id", "ORD-1"}, {"previous_status", "Pending"}, {"status", "Cancelled"}, {"changed", true},
                  {"reason", "changed my mind"}}));
  EXPECT_EQ(store_.get_order("ORD-1")->status, OrderStatus::CANCELLED);
  ASSERT_FALSE(log_.empty());
  EXPECT_NE(log_.back().find("changed my mind"), std::string::npos);  // the reason is logged
  EXPECT_EQ(call("cancel_order", {{"order_id", "ORD-1"}, {"reason", "again"}}).structured.at("changed"), false);

  ASSERT_TRUE(store_.update_order_status("ORD-2", OrderStatus::PREPARING));
  const agent::ToolOutcome refused = call("cancel_order", {{"order_id", "ORD-2"}, {"reason", "too slow"}});
  EXPECT_TRUE(refused.is_error);
  EXPECT_EQ(refused.structured.at("error").at("kind"), "refused");
  EXPECT_NE(refused.text.find("it is Being prepared"), std::string::npos) << refused.text;
  EXPECT_NE(refused.text.find("staff"), std::string::npos) << refused.text;
  EXPECT_EQ(store_.get_order("ORD-2")->status, OrderStatus::PREPARING);

  ASSERT_TRUE(store_.update_order_status("ORD-2", OrderStatus::COMPLETED));
  EXPECT_EQ(call("cancel_order", {{"order_id", "ORD-2"}, {"reason", "x"}}).structured.at("error").at("kind"),
            "refused");
  EXPECT_EQ(call("cancel_order", {{"order_id", "ORD-9"}, {"reason", "x"}}).structured.at("error").at("kind"),
            "not_found");
  EXPECT_EQ(call("cancel_order", {{"order_id", "ORD-1"}}).structured.at("error").at("field"), "reason");
}

TEST_F(ToolFixture, LookUps) {
  ASSERT_FALSE(call("place_order", coffee_order("ORD-1")).is_error);
  ASSERT_FALSE(call("place_order", coffee_order("ORD-2")).is_error);
  ASSERT_TRUE(store_.update_order_status("ORD-2", OrderStatus::CONFIRMED));

  EXPECT_EQ(call("get_order", {{"order_id", "ORD-1"}}).structured.at("order").at("order_id"), "ORD-1");
  const agent::ToolOutcome missing = call("get_order", {{"order_id", "ORD-404"}});
  EXPECT_TRUE(missing.is_error);
  EXPECT_EQ(missing.structured.at("error").at("kind"), "not_found");
  EXPECT_NE(missing.text.find("find_customer_orders"), std::string::npos);

  const json all = call("find_customer_orders", {{"customer_name", "John Doe"}}).structured;
  EXPECT_EQ(all.at("count"), 2);
  EXPECT_EQ(all.at("orders")[0].at("order_id"), "ORD-2");  // newest first
  const json confirmed =
      call("find_customer_orders", {{"customer_name", "John Doe"}, {"status", "Confirmed"}, {"limit", 5}}).structured;
  EXPECT_EQ(confirmed.at("count"), 1);
  EXPECT_EQ(call("find_customer_orders", {{"customer_name", "John Doe"}, {"limit", 1}}).structured.at("count"), 1);
  const agent::ToolOutcome nobody = call("find_customer_orders", {{"customer_name", "Nobody"}});
  EXPECT_FALSE(nobody.is_error);
  EXPECT_EQ(nobody.structured.at("count"), 0);

  EXPECT_EQ(call("get_last_order", {{"customer_id", "CUST-001"}}).structured.at("order").at("order_id"), "ORD-2");
  EXPECT_EQ(call("get_last_order", {{"customer_id", "CUST-404"}}).structured.at("error").at("kind"), "not_found");

  const agent::ToolOutcome summary = call("order_summary", {{"order_id", "ORD-1"}});
  EXPECT_EQ(summary.structured.at("summary"), store_.format_order_summary("ORD-1"));
  EXPECT_EQ(summary.text, store_.format_order_summary("ORD-1"));
}

TEST_F(ToolFixture, StaffAndAdminTools) {
  ASSERT_FALSE(call("place_order", coffee_order("ORD-1")).is_error);
  EXPECT_EQ(call("update_order_status", {{"order_id", "ORD-1"}, {"status", "Being prepared"}}).structured,
            json({{"order_id", "ORD-1"}, {"status", "Being prepared"}, {"changed", true}}));
  EXPECT_EQ(call("update_order_status", {{"order_id", "ORD-1"}, {"status", "Being prepared"}}).structured.at("changed"),
            false);
  EXPECT_EQ(call("update_order_status", {{"order_id", "ORD-9"}, {"status", "Confirmed"}})
                .structured.at("error")
                .at("kind"),
            "not_found");

  const json queue = call("orders_by_status", {{"status", "Being prepared"}}).structured;
  EXPECT_EQ(queue.at("count"), 1);

  EXPECT_EQ(call("set_ready_time", {{"order_id", "ORD-1"}, {"estimated_ready_time", "2024-11-22T15:30:00"}})
                .structured.at("changed"),
            true);
  EXPECT_EQ(store_.get_order("ORD-1")->estimated_ready_time, "2024-11-22T15:30:00");
  EXPECT_EQ(call("set_ready_time", {{"order_id", "ORD-1"}, {"estimated_ready_time", "soon"}})
                .structured.at("error")
                .at("field"),
            "estimated_ready_time");

  ASSERT_FALSE(call("update_order_status", {{"order_id", "ORD-1"}, {"status", "Completed"}}).is_error);
  const agent::ToolOutcome final_refused = call("update_order_status", {{"order_id", "ORD-1"}, {"status", "Pending"}});
  EXPECT_EQ(final_refused.structured.at("error").at("kind"), "refused");
  EXPECT_NE(final_refused.text.find("final"), std::string::npos);

  const json stats = call("order_statistics", json::object()).structured;
  EXPECT_EQ(stats, managers::to_json(store_.get_order_statistics()));
  EXPECT_EQ(stats.at("total_orders"), 1);
  EXPECT_EQ(call("order_statistics", {{"x", 1}}).structured.at("error").at("kind"), "invalid_argument");

  EXPECT_EQ(call("delete_order", {{"order_id", "ORD-1"}}).structured.at("deleted"), true);
  EXPECT_FALSE(store_.get_order("ORD-1"));
  EXPECT_EQ(call("delete_order", {{"order_id", "ORD-1"}}).structured.at("error").at("kind"), "not_found");
}

// A store that cannot be opened (a database in a folder that does not exist): the model is told
// to try later, without the engine's codes or the path; the operator's log has the details.
TEST(ToolRunner, StorageFailureIsUnavailableWithoutInternals) {
  testing_support::TempDir dir;
  const std::string path = (dir.path() / "missing-folder" / "orders.db").string();
  int opens = 0;
  agent::StoreAccess access([&] {
    ++opens;
    return std::make_unique<managers::OrderManager>(path);
  });
  std::vector<std::string> log;
  const agent::Logger logger = [&](std::string_view line) { log.emplace_back(line); };
  const agent::ToolOutcome outcome = agent::run_tool(*agent::find_tool("get_order"), {{"order_id", "ORD-1"}}, access, logger);
  EXPECT_TRUE(outcome.is_error);
  EXPECT_EQ(outcome.structured.at("error").at("kind"), "store_unavailable");
  EXPECT_EQ(outcome.text, agent::kStoreUnavailableMessage);
  EXPECT_EQ(outcome.text.find("missing-folder"), std::string::npos);
  EXPECT_EQ(outcome.text.find("SQLITE"), std::string::npos);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_NE(log[0].find("sqlite"), std::string::npos) << log[0];
  // The next call tries to open again.
  agent::run_tool(*agent::find_tool("get_order"), {{"order_id", "ORD-1"}}, access, logger);
  EXPECT_EQ(opens, 2);
}

}  // namespace
