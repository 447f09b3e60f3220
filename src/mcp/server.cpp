#include "mcp/server.hpp"

#include <algorithm>
#include <exception>
#include <vector>

#include "agent/function_export.hpp"
#include "agent/tool_catalog.hpp"
#include "agent/tool_runner.hpp"
#include "domain/json_input.hpp"
#include "domain/printable_text.hpp"
#include "managers/version.hpp"
#include "mcp/json_rpc.hpp"
#include "mcp/line_reader.hpp"
#include "mcp/message_checks.hpp"
#include "mcp/protocol_version.hpp"

namespace mcp {
namespace {

using nlohmann::json;
namespace rpc = json_rpc;

// Page cursors are opaque to clients; ours carry the offset of the page's first tool.
constexpr std::string_view kCursorPrefix = "tools-from-";

bool is_valid_id(const json& id) { return id.is_string() || id.is_number_integer(); }

std::string instructions(agent::Role role) {
  std::string text =
      "Order tools for a food and drink shop's orders. Orders have a status: Pending, Confirmed, Being prepared, "
      "Ready for pickup, Completed or Cancelled (the last two are final). Money is in dollars. A tool that fails "
      "returns isError with a message saying what was wrong and what to do; pass refusals on to the user. ";
  switch (role) {
    case agent::Role::kCustomer:
      return text + "You act for a customer: look orders up, place orders, and cancel an order only while it is "
                    "Pending or Confirmed.";
    case agent::Role::kStaff:
      return text + "You act for shop staff: besides the customer tools, move orders through their statuses, "
                    "set ready times and list the orders of a status.";
    case agent::Role::kAdmin:
      return text + "You act for an administrator: besides the staff tools, read statistics and delete orders.";
  }
  return text;
}

}  // namespace

Server::Server(ServerOptions options, agent::StoreAccess& store) : options_(std::move(options)), store_(store) {
  if (options_.tools_page_size == 0) options_.tools_page_size = 1;
}

std::string Server::oversized_message(std::size_t bytes) const {
  return rpc::serialize(rpc::error(nullptr, rpc::kInvalidRequest,
                                   "Invalid Request: the message is larger than " +
                                       std::to_string(options_.max_message_bytes) + " bytes (" +
                                       std::to_string(bytes) + " or more) and was skipped"));
}

std::optional<std::string> Server::handle_line(std::string_view line) {
  if (const auto bad = invalid_utf8_at(line)) {
    options_.log("refused a message that is not UTF-8");
    return rpc::serialize(rpc::error(nullptr, rpc::kParseError,
                                     "Parse error: the message is not valid UTF-8 (byte " + std::to_string(*bad) + ")"));
  }
  if (nests_deeper_than(line, kMaxMessageDepth)) {
    options_.log("refused a message nested deeper than " + std::to_string(kMaxMessageDepth) + " levels");
    return rpc::serialize(rpc::error(nullptr, rpc::kInvalidRequest,
                                     "Invalid Request: the message nests arrays and objects deeper than " +
                                         std::to_string(kMaxMessageDepth) + " levels"));
  }
  managers::domain::JsonInput input = managers::domain::parse_json_input(line);
  if (!input.value) {
    options_.log("refused a message that is not JSON: " + input.error);
    return rpc::serialize(rpc::error(nullptr, rpc::kParseError, "Parse error: " + input.error));
  }
  const json& message = *input.value;
  if (message.is_array())
    return rpc::serialize(rpc::error(nullptr, rpc::kInvalidRequest,
                                     "Invalid Request: JSON-RPC batches are not supported (MCP removed them in "
                                     "2025-06-18); send one message per line"));
  if (!message.is_object())
    return rpc::serialize(rpc::error(nullptr, rpc::kInvalidRequest, "Invalid Request: a message must be a JSON object"));

  const auto id_member = message.find("id");
  const bool has_id = id_member != message.end();
  if (has_id && !is_valid_id(*id_member))
    return rpc::serialize(
        rpc::error(nullptr, rpc::kInvalidRequest, "Invalid Request: id must be a string or an integer"));
  const json id = has_id ? *id_member : json(nullptr);

  if (message.value("jsonrpc", json()) != "2.0")
    return rpc::serialize(rpc::error(id, rpc::kInvalidRequest, "Invalid Request: jsonrpc must be \"2.0\""));
  const auto method = message.find("method");
  if (method == message.end()) {
    // A response to a request of ours; this server sends none, so there is nothing to match.
    if (has_id && (message.contains("result") || message.contains("error"))) return std::nullopt;
    return rpc::serialize(rpc::error(id, rpc::kInvalidRequest, "Invalid Request: method is required"));
  }
  if (!method->is_string())
    return rpc::serialize(rpc::error(id, rpc::kInvalidRequest, "Invalid Request: method must be a string"));

  if (!has_id) {
    notification(method->get<std::string>());
    return std::nullopt;
  }
  const auto params = message.find("params");
  if (params != message.end() && !params->is_object())
    return rpc::serialize(rpc::error(id, rpc::kInvalidParams, "Invalid params: params must be an object"));
  try {
    return rpc::serialize(dispatch(id, method->get<std::string>(), params == message.end() ? json::object() : *params));
  } catch (const std::exception& error) {  // a bug: report it and keep serving
    options_.log("internal error: " + managers::domain::printable(error.what()));
    return rpc::serialize(rpc::error(id, rpc::kInternalError, "Internal error"));
  }
}

json Server::dispatch(const json& id, const std::string& method, const json& params) {
  if (method == "initialize") return initialize(id, params);
  if (method == "ping") return rpc::result(id, json::object());
  const bool known = method == "tools/list" || method == "tools/call";
  if (!known)
    return rpc::error(id, rpc::kMethodNotFound, "Method not found: " + managers::domain::quote_input(method));
  if (protocol_version_.empty())
    return rpc::error(id, rpc::kInvalidRequest, "Invalid Request: the session is not initialized; send initialize first");
  if (method == "tools/list") return list_tools(id, params);
  return call_tool(id, params);
}

json Server::initialize(const json& id, const json& params) {
  if (!protocol_version_.empty())
    return rpc::error(id, rpc::kInvalidRequest, "Invalid Request: the session is already initialized");
  const auto requested = params.find("protocolVersion");
  if (requested == params.end() || !requested->is_string())
    return rpc::error(id, rpc::kInvalidParams, "Invalid params: protocolVersion (a string) is required");
  protocol_version_ = std::string(negotiate_protocol_version(requested->get<std::string>()));

  std::string client = "unknown client";
  if (const auto info = params.find("clientInfo"); info != params.end() && info->is_object())
    client = managers::domain::printable(info->value("name", std::string("?")) + " " + info->value("version", std::string("?")));
  options_.log("initialize from " + client + ": asked for protocol " +
               managers::domain::quote_input(requested->get<std::string>()) + ", using " + protocol_version_ +
               "; role " + std::string(agent::to_string(options_.role)));
  return rpc::result(id, {{"protocolVersion", protocol_version_},
                          {"capabilities", {{"tools", {{"listChanged", false}}}}},
                          {"serverInfo",
                           {{"name", "order-manager"},
                            {"title", "Order manager"},
                            {"version", managers::kVersion}}},
                          {"instructions", instructions(options_.role)}});
}

json Server::list_tools(const json& id, const json& params) {
  const std::vector<const agent::ToolDefinition*> tools = agent::tools_for_role(options_.role);
  std::size_t offset = 0;
  if (const auto cursor = params.find("cursor"); cursor != params.end() && !cursor->is_null()) {
    const std::string text = cursor->is_string() ? cursor->get<std::string>() : "";
    bool valid = text.size() > kCursorPrefix.size() && text.starts_with(kCursorPrefix) &&
                 text.find_first_not_of("0123456789", kCursorPrefix.size()) == std::string::npos &&
                 text.size() - kCursorPrefix.size() <= 6;
    if (valid) {
      offset = std::stoul(text.substr(kCursorPrefix.size()));
      valid = offset > 0 && offset < tools.size();
    }
    if (!valid) return rpc::error(id, rpc::kInvalidParams, "Invalid params: unknown cursor");
  }
  json page = json::array();
  const std::size_t end = std::min(tools.size(), offset + options_.tools_page_size);
  for (std::size_t i = offset; i < end; ++i) page.push_back(agent::mcp_tool(*tools[i]));
  json result = {{"tools", std::move(page)}};
  if (end < tools.size()) result["nextCursor"] = std::string(kCursorPrefix) + std::to_string(end);
  return rpc::result(id, std::move(result));
}

json Server::call_tool(const json& id, const json& params) {
  const auto name = params.find("name");
  if (name == params.end() || !name->is_string())
    return rpc::error(id, rpc::kInvalidParams, "Invalid params: name (a string) is required");
  const std::string tool_name = name->get<std::string>();
  const agent::ToolDefinition* tool = agent::find_tool(tool_name);
  if (tool == nullptr)
    return rpc::error(id, rpc::kInvalidParams, "Unknown tool: " + managers::domain::quote_input(tool_name));
  if (!agent::role_allows(options_.role, tool->role)) {
    options_.log("refused " + tool_name + ": not available to the " + std::string(agent::to_string(options_.role)) +
                 " role");
    return rpc::error(id, rpc::kInvalidParams,
                      "Unknown tool: '" + tool_name + "' is not available to the " +
                          std::string(agent::to_string(options_.role)) + " role",
                      {{"tool", tool_name}, {"role", std::string(agent::to_string(options_.role))}});
  }
  json arguments = json::object();
  if (const auto given = params.find("arguments"); given != params.end() && !given->is_null()) {
    if (!given->is_object())
      return rpc::error(id, rpc::kInvalidParams, "Invalid params: arguments must be an object");
    arguments = *given;
  }
  const agent::ToolOutcome outcome = agent::run_tool(*tool, arguments, store_, options_.log);
  options_.log("tools/call " + tool_name + " -> " +
               (outcome.is_error ? "error: " + managers::domain::printable(outcome.text) : std::string("ok")));
  // The readable text first; then, as MCP recommends for structured results, the same
  // structured content serialized, for clients that show only text to the model.
  json content = json::array({{{"type", "text"}, {"text", outcome.text}},
                              {{"type", "text"}, {"text", rpc::serialize(outcome.structured)}}});
  return rpc::result(id, {{"content", std::move(content)},
                          {"structuredContent", outcome.structured},
                          {"isError", outcome.is_error}});
}

void Server::notification(const std::string& method) {
  if (method == "notifications/initialized") options_.log("client ready");
  // notifications/cancelled: requests are answered one at a time, so by the time a
  // cancellation is read its request has been answered; nothing to stop. Other
  // notifications are not for this server; JSON-RPC says never to reply to them.
}

void Server::serve(int in_fd, std::ostream& out) {
  LineReader reader(in_fd, options_.max_message_bytes);
  for (;;) {
    const InputLine line = reader.next();
    std::optional<std::string> reply;
    switch (line.kind) {
      case InputLine::Kind::kEnd:
        options_.log("input ended; stopping");
        return;
      case InputLine::Kind::kTooLong:
        options_.log("refused a message of " + std::to_string(line.bytes) + "+ bytes");
        reply = oversized_message(line.bytes);
        break;
      case InputLine::Kind::kLine:
        if (line.text.find_first_not_of(" \t") == std::string::npos) continue;  // blank line
        reply = handle_line(line.text);
        break;
    }
    if (reply) {
      out << *reply << '\n';
      out.flush();
      if (!out) {
        options_.log("output closed; stopping");
        return;
      }
    }
  }
}

}  // namespace mcp
