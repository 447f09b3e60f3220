#pragma once

// The tools of each role, defined in customer_tools.cpp, staff_tools.cpp and admin_tools.cpp;
// tool_catalog.cpp puts them in one table. Private to src/agent.

#include <string>
#include <vector>

#include "agent/tool.hpp"
#include "agent/tool_outcome.hpp"

namespace agent {

std::vector<ToolDefinition> customer_tools();
std::vector<ToolDefinition> staff_tools();
std::vector<ToolDefinition> admin_tools();

// Shared by the handlers.
ToolOutcome order_not_found(const std::string& order_id);
// {"orders": [...], "count": n} with each order's summary as the text.
ToolOutcome order_list(const std::vector<managers::Order>& orders, const std::string& heading,
                       const std::string& when_empty);
// A string argument the input schema has already checked.
inline std::string text_argument(const nlohmann::json& arguments, const char* name) {
  return arguments.at(name).get<std::string>();
}
// The "limit" argument, or the default when absent.
int list_limit(const nlohmann::json& arguments);

}  // namespace agent
