#include "mcp/json_rpc.hpp"

namespace mcp::json_rpc {

using nlohmann::json;

json result(const json& id, json value) { return {{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(value)}}; }

json error(const json& id, int code, const std::string& message, const json& data) {
  json body = {{"code", code}, {"message", message}};
  if (!data.is_null()) body["data"] = data;
  return {{"jsonrpc", "2.0"}, {"id", id}, {"error", std::move(body)}};
}

std::string serialize(const json& message) { return message.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace mcp::json_rpc
