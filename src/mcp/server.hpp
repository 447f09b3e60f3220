#pragma once

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "agent/role.hpp"
#include "agent/store_access.hpp"
#include "agent/tool.hpp"

namespace mcp {

struct ServerOptions {
  agent::Role role = agent::Role::kCustomer;
  // Tools per tools/list page. Every role's tools fit in one page by default; a smaller page
  // lets a client's cursor handling be tested.
  std::size_t tools_page_size = 50;
  // A message (one line) longer than this is refused and skipped.
  std::size_t max_message_bytes = 1024 * 1024;
  // The operator's log (stderr for `order-manager mcp`); never the protocol stream.
  agent::Logger log = [](std::string_view) {};
};

// An MCP server over the stdio transport: newline-delimited JSON-RPC 2.0 messages, one request
// answered at a time. It implements the lifecycle (initialize with version negotiation,
// notifications/initialized), ping, tools/list with cursor pagination and tools/call over the
// agent tool table for one role. Nothing a client sends stops it: every bad message gets the
// JSON-RPC error MCP prescribes (or is ignored if it is a notification) and the next line is read.
class Server {
 public:
  Server(ServerOptions options, agent::StoreAccess& store);

  // One message (a line without its newline) -> the line to send back, if any (notifications
  // and responses get none).
  std::optional<std::string> handle_line(std::string_view line);
  // The reply to a line over max_message_bytes.
  std::string oversized_message(std::size_t bytes) const;

  // Reads messages from `in_fd` until its end and writes replies to `out`, one per line,
  // flushed at once. Returns when the input ends or `out` fails (the client went away).
  void serve(int in_fd, std::ostream& out);

  // The negotiated protocol version; empty before initialize.
  const std::string& protocol_version() const { return protocol_version_; }

 private:
  nlohmann::json dispatch(const nlohmann::json& id, const std::string& method, const nlohmann::json& params);
  nlohmann::json initialize(const nlohmann::json& id, const nlohmann::json& params);
  nlohmann::json list_tools(const nlohmann::json& id, const nlohmann::json& params);
  nlohmann::json call_tool(const nlohmann::json& id, const nlohmann::json& params);
  void notification(const std::string& method);

  ServerOptions options_;
  agent::StoreAccess& store_;
  std::string protocol_version_;
};

}  // namespace mcp
