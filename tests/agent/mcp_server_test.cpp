#include "mcp/server.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <sstream>
#include <thread>

#include "agent/function_export.hpp"
#include "mcp/message_checks.hpp"
#include "tool_fixture.hpp"

namespace {

using nlohmann::json;

class McpServerTest : public agent_testing::ToolFixture {
 protected:
  mcp::Server make_server(agent::Role role, std::size_t page_size = 50) {
    mcp::ServerOptions options;
    options.role = role;
    options.tools_page_size = page_size;
    options.log = logger_;
    return mcp::Server(options, access_);
  }

  // Sends one message; returns the reply (null if there is none).
  static json send(mcp::Server& server, const json& message) { return send_text(server, message.dump()); }
  static json send_text(mcp::Server& server, std::string_view line) {
    const std::optional<std::string> reply = server.handle_line(line);
    if (!reply) return nullptr;
    EXPECT_EQ(reply->find('\n'), std::string::npos);
    return json::parse(*reply);
  }
  static json request(int id, const std::string& method, const json& params = json::object()) {
    return {{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}};
  }
  static json initialize_request(const std::string& version) {
    return request(1, "initialize",
                   {{"protocolVersion", version},
                    {"capabilities", json::object()},
                    {"clientInfo", {{"name", "test"}, {"version", "1"}}}});
  }
  static void initialize(mcp::Server& server) {
    ASSERT_TRUE(send(server, initialize_request("2025-11-25")).contains("result"));
    EXPECT_TRUE(send(server, {{"jsonrpc", "2.0"}, {"method", "notifications/initialized"}}).is_null());
  }
  static int error_code(const json& reply) { return reply.at("error").at("code").get<int>(); }
  json call_tool(mcp::Server& server, const std::string& name, const json& arguments) {
    return send(server, request(7, "tools/call", {{"name", name}, {"arguments", arguments}}));
  }
};

TEST_F(McpServerTest, InitializeNegotiatesTheVersion) {
  for (const std::string version : {"2025-11-25", "2025-06-18"}) {
    mcp::Server server = make_server(agent::Role::kCustomer);
    const json reply = send(server, initialize_request(version));
    EXPECT_EQ(reply.at("id"), 1);
    EXPECT_EQ(reply.at("result").at("protocolVersion"), version);
    EXPECT_EQ(reply.at("result").at("capabilities"), json({{"tools", {{"listChanged", false}}}}));
    EXPECT_EQ(reply.at("result").at("serverInfo").at("name"), "order-manager");
    EXPECT_FALSE(reply.at("result").at("instructions").get<std::string>().empty());
  }
  // An unknown (older or newer) version gets our newest; the client decides.
  mcp::Server server = make_server(agent::Role::kCustomer);
  EXPECT_EQ(send(server, initialize_request("2024-11-05")).at("result").at("protocolVersion"), "2025-11-25");
  EXPECT_EQ(error_code(send(server, initialize_request("2025-11-25"))), -32600);  // only once

  mcp::Server no_version = make_server(agent::Role::kCustomer);
  EXPECT_EQ(error_code(send(no_version, request(1, "initialize"))), -32602);
}

TEST_F(McpServerTest, LifecycleOrderPingAndUnknownMethods) {
  mcp::Server server = make_server(agent::Role::kCustomer);
  EXPECT_EQ(send(server, request(1, "ping")), json({{"jsonrpc", "2.0"}, {"id", 1}, {"result", json::object()}}));
  EXPECT_EQ(error_code(send(server, request(2, "tools/list"))), -32600);  // before initialize
  initialize(server);
  EXPECT_EQ(send(server, request(3, "ping")).at("id"), 3);
  const json string_id = send(server, {{"jsonrpc", "2.0"}, {"id", "req-1"}, {"method", "ping"}});
  EXPECT_EQ(string_id.at("id"), "req-1");
  const json unknown = send(server, request(4, "resources/list"));
  EXPECT_EQ(error_code(unknown), -32601);
  EXPECT_EQ(unknown.at("id"), 4);
  // Notifications and responses get no reply, known or not.
  EXPECT_TRUE(send(server, {{"jsonrpc", "2.0"}, {"method", "notifications/cancelled"}, {"params", {{"requestId", 4}}}}).is_null());
  EXPECT_TRUE(send(server, {{"jsonrpc", "2.0"}, {"method", "notifications/whatever"}}).is_null());
  EXPECT_TRUE(send(server, {{"jsonrpc", "2.0"}, {"id", 9}, {"result", json::object()}}).is_null());
}

TEST_F(McpServerTest, MalformedMessagesGetTheJsonRpcErrors) {
  mcp::Server server = make_server(agent::Role::kCustomer);
  initialize(server);
  const json parse = send_text(server, "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": ");
  EXPECT_EQ(error_code(parse), -32700);
  EXPECT_TRUE(parse.at("id").is_null());
  const json not_utf8 = send_text(server, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\xff\"}");
  EXPECT_EQ(error_code(not_utf8), -32700);
  EXPECT_NE(not_utf8.at("error").at("message").get<std::string>().find("UTF-8"), std::string::npos);
  EXPECT_EQ(error_code(send_text(server, "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]")), -32600);
  EXPECT_EQ(error_code(send_text(server, "42")), -32600);
  EXPECT_EQ(error_code(send(server, {{"jsonrpc", "2.0"}, {"id", nullptr}, {"method", "ping"}})), -32600);
  EXPECT_EQ(error_code(send(server, {{"jsonrpc", "2.0"}, {"id", 1.5}, {"method", "ping"}})), -32600);
  EXPECT_EQ(error_code(send(server, {{"jsonrpc", "1.0"}, {"id", 1}, {"method", "ping"}})), -32600);
  EXPECT_EQ(error_code(send(server, {{"jsonrpc", "2.0"}, {"id", 1}, {"method", 5}})), -32600);
  EXPECT_EQ(error_code(send(server, {{"jsonrpc", "2.0"}, {"id", 1}, {"method", "ping"}, {"params", {1, 2}}})), -32602);
  // Still serving.
  EXPECT_TRUE(send(server, request(5, "ping")).contains("result"));
}

TEST_F(McpServerTest, ToolsListPagesWithACursor) {
  mcp::Server server = make_server(agent::Role::kAdmin, 4);
  initialize(server);
  std::vector<std::string> listed;
  json params = json::object();
  int pages = 0;
  for (;;) {
    const json result = send(server, request(10 + pages, "tools/list", params)).at("result");
    ++pages;
    for (const json& tool : result.at("tools")) listed.push_back(tool.at("name"));
    if (!result.contains("nextCursor")) break;
    params = {{"cursor", result.at("nextCursor")}};
  }
  EXPECT_EQ(pages, 3);
  std::vector<std::string> expected;
  for (const agent::ToolDefinition* tool : agent::tools_for_role(agent::Role::kAdmin)) expected.push_back(tool->name);
  EXPECT_EQ(listed, expected);
  for (const std::string cursor : {"nonsense", "tools-from-0", "tools-from-99", "tools-from-", "tools-from-1x"})
    EXPECT_EQ(error_code(send(server, request(20, "tools/list", {{"cursor", cursor}}))), -32602) << cursor;
  EXPECT_EQ(error_code(send(server, request(20, "tools/list", {{"cursor", 4}}))), -32602);

  mcp::Server customer = make_server(agent::Role::kCustomer);
  initialize(customer);
  const json tools = send(customer, request(2, "tools/list")).at("result");
  EXPECT_FALSE(tools.contains("nextCursor"));
  EXPECT_EQ(tools.at("tools").size(), 6u);
  EXPECT_EQ(tools.at("tools")[0], agent::mcp_tool(*agent::find_tool("get_order")));
}

TEST_F(McpServerTest, ToolsCallResultsAndErrors) {
  mcp::Server server = make_server(agent::Role::kCustomer);
  initialize(server);
  const json placed = call_tool(server, "place_order", coffee_order("ORD-1")).at("result");
  EXPECT_EQ(placed.at("isError"), false);
  EXPECT_EQ(placed.at("structuredContent").at("order").at("order_id"), "ORD-1");
  ASSERT_EQ(placed.at("content").size(), 2u);
  EXPECT_EQ(placed.at("content")[0].at("type"), "text");
  EXPECT_NE(placed.at("content")[0].at("text").get<std::string>().find("Order ORD-1 was placed."), std::string::npos);
  EXPECT_EQ(json::parse(placed.at("content")[1].at("text").get<std::string>()), placed.at("structuredContent"));

  // A bad argument is a tool result the model can read, not a protocol error.
  const json bad = call_tool(server, "get_order", {{"order_id", 5}}).at("result");
  EXPECT_EQ(bad.at("isError"), true);
  EXPECT_EQ(bad.at("structuredContent").at("error").at("field"), "order_id");
  EXPECT_EQ(bad.at("content")[0].at("text"), "Invalid argument order_id: must be a string.");

  // An unknown tool and a tool of another role are JSON-RPC invalid params.
  const json unknown = call_tool(server, "drop_table", json::object());
  EXPECT_EQ(error_code(unknown), -32602);
  EXPECT_EQ(unknown.at("error").at("message"), "Unknown tool: 'drop_table'");
  const json other_role = call_tool(server, "delete_order", {{"order_id", "ORD-1"}});
  EXPECT_EQ(error_code(other_role), -32602);
  EXPECT_EQ(other_role.at("error").at("data").at("role"), "customer");
  EXPECT_TRUE(store_.get_order("ORD-1"));
  EXPECT_EQ(error_code(send(server, request(8, "tools/call", {{"arguments", json::object()}}))), -32602);
  EXPECT_EQ(error_code(send(server, request(8, "tools/call", {{"name", "get_order"}, {"arguments", {1}}}))), -32602);
  // No arguments at all: the tool's required ones are missing.
  const json none = send(server, request(9, "tools/call", {{"name", "get_order"}})).at("result");
  EXPECT_EQ(none.at("structuredContent").at("error").at("field"), "order_id");
}

TEST(MessageChecks, NestingIsCountedOutsideStringsOnly) {
  EXPECT_FALSE(mcp::nests_deeper_than(R"({"a": [1, {"b": 2}]})", 3));
  EXPECT_TRUE(mcp::nests_deeper_than(R"({"a": [1, {"b": [2]}]})", 3));
  EXPECT_FALSE(mcp::nests_deeper_than(R"({"a": "[[[[{{{{ \" [[[["})", 1));
  EXPECT_FALSE(mcp::nests_deeper_than("[]", 1));
  EXPECT_EQ(mcp::invalid_utf8_at("ok \xc3\xa9 \xff"), std::optional<std::size_t>(6));
  EXPECT_EQ(mcp::invalid_utf8_at("caf\xc3\xa9"), std::nullopt);
}

// A million brackets fit in the size limit but would overflow the stack when copied; they are
// refused before parsing and the server goes on. Metadata nested within the message limit but
// past the core's reaches the core's rule.
TEST_F(McpServerTest, DeepNestingIsRefusedBeforeParsing) {
  mcp::Server server = make_server(agent::Role::kCustomer);
  initialize(server);
  const std::string deep = R"({"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"place_order","arguments":{"metadata":)" +
                           std::string(1'000'000, '[') + std::string(1'000'000, ']') + "}}}";
  const json refused = send_text(server, deep);
  EXPECT_EQ(error_code(refused), -32600);
  EXPECT_NE(refused.at("error").at("message").get<std::string>().find("deeper than 64"), std::string::npos);

  json metadata = json::object();
  for (int i = 0; i < 30; ++i) metadata = {{"a", metadata}};
  json arguments = coffee_order();
  arguments["metadata"] = metadata;
  const json core = call_tool(server, "place_order", arguments).at("result");
  EXPECT_EQ(core.at("isError"), true);
  EXPECT_EQ(core.at("structuredContent").at("error").at("field"), "metadata");
  EXPECT_TRUE(send(server, request(3, "ping")).contains("result"));
}

// The whole transport: lines in through a pipe, replies out, bad lines answered and skipped.
TEST_F(McpServerTest, ServeAnswersEveryLineAndKeepsServing) {
  mcp::ServerOptions options;
  options.max_message_bytes = 4096;
  options.log = logger_;
  mcp::Server server(options, access_);
  std::string input;
  input += initialize_request("2025-11-25").dump() + "\n";
  input += R"({"jsonrpc":"2.0","method":"notifications/initialized"})" "\n";
  input += "{not json\n";
  input += std::string(100000, ' ') + "\n";                     // oversized
  input += "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"\xc3\x28\"}\n";  // not UTF-8
  input += "\n";                                                   // blank: ignored
  input += R"({"jsonrpc":"2.0","id":3,"method":"ping"})" "\r\n";
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  std::thread writer([&] {
    std::size_t done = 0;
    while (done < input.size()) {
      const ssize_t n = ::write(fds[1], input.data() + done, input.size() - done);
      if (n <= 0) break;
      done += static_cast<std::size_t>(n);
    }
    ::close(fds[1]);
  });
  std::ostringstream out;
  server.serve(fds[0], out);
  writer.join();
  ::close(fds[0]);

  std::istringstream replies(out.str());
  std::vector<json> lines;
  for (std::string line; std::getline(replies, line);) lines.push_back(json::parse(line));
  ASSERT_EQ(lines.size(), 5u) << out.str();
  EXPECT_EQ(lines[0].at("id"), 1);
  EXPECT_EQ(error_code(lines[1]), -32700);
  EXPECT_EQ(error_code(lines[2]), -32600);
  EXPECT_NE(lines[2].at("error").at("message").get<std::string>().find("larger than 4096 bytes"), std::string::npos);
  EXPECT_EQ(error_code(lines[3]), -32700);
  EXPECT_EQ(lines[4], json({{"jsonrpc", "2.0"}, {"id", 3}, {"result", json::object()}}));
}

}  // namespace
