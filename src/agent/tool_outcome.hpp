#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "agent/tool.hpp"
#include "managers/errors.hpp"

namespace agent {

// Why a tool call did not do what was asked; the `kind` in an error result's structured form.
enum class ErrorKind {
  kInvalidArgument,   // an argument broke a rule (names the field and the rule)
  kNotFound,          // no such order / no orders
  kRefused,           // the policy or the order lifecycle does not allow it
  kConflict,          // the order_id is taken by a different order
  kStoreUnavailable,  // the store failed; try again later
  kInternal,          // a bug; logged
};

std::string_view to_string(ErrorKind kind);

ToolOutcome success(nlohmann::json structured, std::string text);
// {"error": {"kind", "message"}}, text = message.
ToolOutcome failure(ErrorKind kind, const std::string& message);
// A ValidationError as a result: {"error": {"kind": "invalid_argument", "message", "field", "rule"}}.
ToolOutcome invalid_argument(const managers::ValidationError& error);

// The message a model gets when the store fails: no backend codes, paths or credentials
// (those go to the operator's log).
inline constexpr const char* kStoreUnavailableMessage =
    "The order store is unavailable, try again later. Nothing in this call is known to have changed "
    "unless a later look-up shows it.";

}  // namespace agent
