#include "agent/tool_catalog.hpp"

#include "agent/argument_check.hpp"
#include "agent/tool_sets.hpp"

namespace agent {
namespace {

std::vector<ToolDefinition> build() {
  std::vector<ToolDefinition> tools;
  for (auto set : {customer_tools, staff_tools, admin_tools})
    for (ToolDefinition& tool : set()) tools.push_back(std::move(tool));
  // A schema with a keyword check_arguments does not enforce is a bug; fail at the first use.
  for (const ToolDefinition& tool : tools) require_supported_schema(tool.input_schema);
  return tools;
}

}  // namespace

const std::vector<ToolDefinition>& all_tools() {
  static const std::vector<ToolDefinition> tools = build();
  return tools;
}

std::vector<const ToolDefinition*> tools_for_role(Role role) {
  std::vector<const ToolDefinition*> tools;
  for (const ToolDefinition& tool : all_tools())
    if (role_allows(role, tool.role)) tools.push_back(&tool);
  return tools;
}

const ToolDefinition* find_tool(std::string_view name) {
  for (const ToolDefinition& tool : all_tools())
    if (tool.name == name) return &tool;
  return nullptr;
}

}  // namespace agent
