#pragma once

// JSON-RPC 2.0 as MCP uses it: the error codes and the response objects. Written here because
// no Debian 12 package offers JSON-RPC over nlohmann-json (docs/AGENTS.md).

#include <string>

#include <nlohmann/json.hpp>

namespace mcp::json_rpc {

inline constexpr int kParseError = -32700;      // not JSON, or not UTF-8
inline constexpr int kInvalidRequest = -32600;  // not a request object; too large; out of lifecycle order
inline constexpr int kMethodNotFound = -32601;
inline constexpr int kInvalidParams = -32602;   // includes an unknown tool (MCP's rule)
inline constexpr int kInternalError = -32603;

nlohmann::json result(const nlohmann::json& id, nlohmann::json result);
// `id` is null when the request's id could not be read.
nlohmann::json error(const nlohmann::json& id, int code, const std::string& message,
                     const nlohmann::json& data = nullptr);

// One line of JSON (no newline inside: JSON escapes them). Invalid UTF-8 cannot leave: it is
// replaced, so the transport stays valid whatever a bug put into a string.
std::string serialize(const nlohmann::json& message);

}  // namespace mcp::json_rpc
