#include "agent/function_export.hpp"

#include <string>

#include "agent/tool_catalog.hpp"
#include "domain/printable_text.hpp"
#include "managers/errors.hpp"

namespace agent {

using nlohmann::json;

ToolFormat parse_tool_format(std::string_view text, std::string_view field) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (lower == "mcp") return ToolFormat::kMcp;
  if (lower == "openai") return ToolFormat::kOpenAi;
  if (lower == "anthropic") return ToolFormat::kAnthropic;
  throw managers::ValidationError(std::string(field), "must be mcp, openai or anthropic, not " +
                                                          managers::domain::quote_input(text));
}

json mcp_tool(const ToolDefinition& tool) {
  return {{"name", tool.name},
          {"title", tool.title},
          {"description", tool.description},
          {"inputSchema", tool.input_schema},
          {"outputSchema", tool.output_schema},
          {"annotations",
           {{"title", tool.title},
            {"readOnlyHint", tool.hints.read_only},
            {"destructiveHint", tool.hints.destructive},
            {"idempotentHint", tool.hints.idempotent},
            // The tools touch only the order store, not an open world of external entities.
            {"openWorldHint", false}}}};
}

json export_tools(ToolFormat format, Role role) {
  json tools = json::array();
  for (const ToolDefinition* tool : tools_for_role(role)) {
    switch (format) {
      case ToolFormat::kMcp:
        tools.push_back(mcp_tool(*tool));
        break;
      case ToolFormat::kOpenAi:
        tools.push_back({{"type", "function"},
                         {"function",
                          {{"name", tool->name}, {"description", tool->description}, {"parameters", tool->input_schema}}}});
        break;
      case ToolFormat::kAnthropic:
        tools.push_back({{"name", tool->name}, {"description", tool->description}, {"input_schema", tool->input_schema}});
        break;
    }
  }
  return tools;
}

}  // namespace agent
