#pragma once

#include <functional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "agent/role.hpp"
#include "managers/order_manager_interface.hpp"

namespace agent {

// A line for the operator's log (the MCP server writes it to stderr). Tools log what a
// result does not keep, such as a cancellation's reason.
using Logger = std::function<void(std::string_view line)>;

// What a tool returns: the structured result (matching the tool's output schema), a text a
// model reads, and whether it is an error the model should act on (a bad argument, a refusal,
// nothing found, the store down). Transport-free: the MCP server and any other front end
// wrap it in their own envelope.
struct ToolOutcome {
  nlohmann::json structured;
  std::string text;
  bool is_error = false;
};

// What a handler gets: the arguments (already checked against the input schema), the store,
// and the log.
struct ToolCall {
  const nlohmann::json& arguments;
  managers::OrderManagerInterface& store;
  const Logger& log;
};

// The hints MCP clients show to users and use to ask for confirmation (MCP ToolAnnotations).
struct ToolHints {
  bool read_only = false;    // changes nothing
  bool destructive = false;  // may lose or irreversibly change data (only meaningful if !read_only)
  bool idempotent = false;   // calling again with the same arguments changes nothing more
};

// One tool: everything a front end needs to list it and call it. The one definition the MCP
// server, `order-manager tools --format ...` and any other front end use, so they never drift.
struct ToolDefinition {
  std::string name;         // ^[a-z_]+$, valid for MCP, OpenAI and Anthropic alike
  std::string title;        // a short human title
  Role role;                // the lowest role that may use it
  std::string description;  // for a model: what it does, when to use it, what it refuses
  nlohmann::json input_schema;
  nlohmann::json output_schema;
  ToolHints hints;
  std::function<ToolOutcome(const ToolCall&)> handler;
};

}  // namespace agent
