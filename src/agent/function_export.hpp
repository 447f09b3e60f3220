#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "agent/role.hpp"
#include "agent/tool.hpp"

namespace agent {

// The tool definitions in the forms agent frameworks take, all generated from the one table
// (tool_catalog.hpp), so the MCP server and a hand-wired agent never disagree.
enum class ToolFormat {
  kMcp,        // MCP Tool objects, as tools/list returns them
  kOpenAi,     // OpenAI Chat Completions `tools`: {"type": "function", "function": {name, description, parameters}}
  kAnthropic,  // Anthropic Messages `tools`: {name, description, input_schema}
};

// "mcp", "openai", "anthropic" in any case; anything else throws ValidationError naming `field`.
ToolFormat parse_tool_format(std::string_view text, std::string_view field = "--format");

// One tool as MCP's Tool: name, title, description, inputSchema, outputSchema, annotations.
nlohmann::json mcp_tool(const ToolDefinition& tool);

// The tools of `role` in `format`, as a JSON array (the value of the API's `tools` field).
nlohmann::json export_tools(ToolFormat format, Role role);

}  // namespace agent
