#include "agent/function_export.hpp"

#include <gtest/gtest.h>

#include "agent/tool_catalog.hpp"
#include "managers/errors.hpp"

namespace {

using nlohmann::json;

TEST(FunctionExport, OpenAiAndAnthropicCarryTheOneDefinition) {
  const json openai = agent::export_tools(agent::ToolFormat::kOpenAi, agent::Role::kStaff);
  const json anthropic = agent::export_tools(agent::ToolFormat::kAnthropic, agent::Role::kStaff);
  const auto tools = agent::tools_for_role(agent::Role::kStaff);
  ASSERT_EQ(openai.size(), tools.size());
  ASSERT_EQ(anthropic.size(), tools.size());
  for (std::size_t i = 0; i < tools.size(); ++i) {
    EXPECT_EQ(openai[i], json({{"type", "function"},
                               {"function",
                                {{"name", tools[i]->name},
                                 {"description", tools[i]->description},
                                 {"parameters", tools[i]->input_schema}}}}));
    EXPECT_EQ(anthropic[i], json({{"name", tools[i]->name},
                                  {"description", tools[i]->description},
                                  {"input_schema", tools[i]->input_schema}}));
  }
}

TEST(FunctionExport, McpToolHasSchemasAndHints) {
  const json tool = agent::mcp_tool(*agent::find_tool("cancel_order"));
  EXPECT_EQ(tool.at("name"), "cancel_order");
  EXPECT_EQ(tool.at("inputSchema").at("required"), json({"order_id", "reason"}));
  EXPECT_EQ(tool.at("outputSchema").at("type"), "object");
  EXPECT_EQ(tool.at("annotations").at("readOnlyHint"), false);
  EXPECT_EQ(tool.at("annotations").at("destructiveHint"), true);
  EXPECT_EQ(tool.at("annotations").at("idempotentHint"), true);
  EXPECT_EQ(agent::export_tools(agent::ToolFormat::kMcp, agent::Role::kCustomer).size(), 6u);
}

TEST(FunctionExport, FormatAndRoleNamesAreChecked) {
  EXPECT_EQ(agent::parse_tool_format("OpenAI"), agent::ToolFormat::kOpenAi);
  EXPECT_EQ(agent::parse_role("Admin"), agent::Role::kAdmin);
  try {
    agent::parse_tool_format("gemini");
    FAIL();
  } catch (const managers::ValidationError& error) {
    EXPECT_EQ(error.field(), "--format");
    EXPECT_EQ(error.rule(), "must be mcp, openai or anthropic, not 'gemini'");
  }
  EXPECT_THROW(agent::parse_role("root"), managers::ValidationError);
}

}  // namespace
