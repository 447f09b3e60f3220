#include "agent/tool_outcome.hpp"

namespace agent {

std::string_view to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalidArgument: return "invalid_argument";
    case ErrorKind::kNotFound: return "not_found";
    case ErrorKind::kRefused: return "refused";
    case ErrorKind::kConflict: return "conflict";
    case ErrorKind::kStoreUnavailable: return "store_unavailable";
    case ErrorKind::kInternal: return "internal";
  }
  return "internal";
}

ToolOutcome success(nlohmann::json structured, std::string text) {
  return {std::move(structured), std::move(text), false};
}

ToolOutcome failure(ErrorKind kind, const std::string& message) {
  return {{{"error", {{"kind", std::string(to_string(kind))}, {"message", message}}}}, message, true};
}

ToolOutcome invalid_argument(const managers::ValidationError& error) {
  const std::string message = "Invalid argument " + error.field() + ": " + error.rule() + ".";
  return {{{"error",
            {{"kind", std::string(to_string(ErrorKind::kInvalidArgument))},
             {"message", message},
             {"field", error.field()},
             {"rule", error.rule()}}}},
          message,
          true};
}

}  // namespace agent
