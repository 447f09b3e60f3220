#pragma once

#include <nlohmann/json.hpp>

#include "agent/store_access.hpp"
#include "agent/tool.hpp"

namespace agent {

// Calls `tool` with `arguments`: checks them against its input schema, opens the store if
// needed, runs the handler, and turns every failure into an error outcome a model can act on:
// a ValidationError names the field and the rule; a StorageError or ConfigurationError becomes
// "the order store is unavailable" (the details, never credentials, go to `log`); anything
// else is logged and reported as an internal error. Never throws for a tool's failure.
ToolOutcome run_tool(const ToolDefinition& tool, const nlohmann::json& arguments, StoreAccess& store,
                     const Logger& log);

}  // namespace agent
