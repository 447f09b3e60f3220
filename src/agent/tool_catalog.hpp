#pragma once

#include <string_view>
#include <vector>

#include "agent/role.hpp"
#include "agent/tool.hpp"

namespace agent {

// Every tool, in listing order: the customer's, then staff's, then admin's. Built once.
const std::vector<ToolDefinition>& all_tools();
// The tools a session of `role` may list and call, in listing order.
std::vector<const ToolDefinition*> tools_for_role(Role role);
// The tool with this name, whatever its role, or nullptr.
const ToolDefinition* find_tool(std::string_view name);

}  // namespace agent
