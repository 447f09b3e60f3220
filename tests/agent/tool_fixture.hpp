#pragma once

// A SQLite store in a temporary folder and a way to call one agent tool on it.

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "agent/store_access.hpp"
#include "agent/tool_catalog.hpp"
#include "agent/tool_runner.hpp"
#include "managers/order_manager.hpp"
#include "support/temp_dir.hpp"

namespace agent_testing {

class ToolFixture : public ::testing::Test {
 protected:
  testing_support::TempDir dir_;
  managers::OrderManager store_{dir_.file("orders.db").string()};
  agent::StoreAccess access_{store_};
  std::vector<std::string> log_;
  agent::Logger logger_ = [this](std::string_view line) { log_.emplace_back(line); };

  agent::ToolOutcome call(const std::string& name, const nlohmann::json& arguments) {
    const agent::ToolDefinition* tool = agent::find_tool(name);
    if (tool == nullptr) throw std::logic_error("no tool " + name);
    return agent::run_tool(*tool, arguments, access_, logger_);
  }

  static nlohmann::json coffee_order(const std::string& order_id = "") {
    nlohmann::json order = {{"customer_id", "CUST-001"},
                            {"customer_name", "John Doe"},
                            {"items",
                             {{{"item_name", "Coffee"}, {"quantity", 2}, {"unit_price", 3.50}},
                              {{"item_name", "Sandwich"}, {"quantity", 1}, {"unit_price", 8.99}}}},
                            {"total_price", 16.99}};
    if (!order_id.empty()) order["order_id"] = order_id;
    return order;
  }
};

}  // namespace agent_testing
