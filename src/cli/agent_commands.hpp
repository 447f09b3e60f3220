#pragma once

#include <CLI/CLI.hpp>

#include "cli/global_options.hpp"

namespace cli {

// mcp (the MCP server over stdio) and tools (the tool definitions for function calling).
void add_agent_commands(CLI::App& app, Context& context);

}  // namespace cli
