#include "cli/agent_commands.hpp"

#include <unistd.h>

#include <csignal>
#include <iostream>
#include <memory>
#include <string>

#include "agent/function_export.hpp"
#include "agent/role.hpp"
#include "agent/store_access.hpp"
#include "cli/argument_rules.hpp"
#include "mcp/server.hpp"

namespace cli {
namespace {

constexpr const char* kRoleHelp =
    "Whose tools: customer (look up, place, cancel while Pending/Confirmed), staff (also statuses, ready times, "
    "queues) or admin (also statistics, delete). Default: customer";

void add_mcp(CLI::App& app, Context& context) {
  struct Args {
    std::string role = "customer";
    std::size_t page_size = mcp::ServerOptions{}.tools_page_size;
  };
  auto args = std::make_shared<Args>();
  CLI::App* command = app.add_subcommand(
      "mcp", "Serve the order tools to an AI agent: a Model Context Protocol server on stdin/stdout (docs/AGENTS.md)");
  command->add_option("--role", args->role, kRoleHelp)->type_name("ROLE");
  command->add_option("--tools-page-size", args->page_size, "Tools per tools/list page (for testing clients' paging)")
      ->type_name("N")
      ->check(whole_number(1, 1000));  // our words, not CLI::Range's "Could not convert"
  on_chosen(*command, context, [&context, args] {
    mcp::ServerOptions options;
    options.role = agent::parse_role(args->role);
    options.tools_page_size = args->page_size;
    // stdout carries only protocol messages; everything else is for the operator, on stderr.
    options.log = [](std::string_view line) { std::cerr << "order-manager mcp: " << line << std::endl; };
    const std::string location = context.location();  // a bad configuration fails here, at start
    // A client that goes away mid-reply must end the server through a failed write, not SIGPIPE.
    std::signal(SIGPIPE, SIG_IGN);
    options.log("serving " + location + " to the " + args->role + " role");
    agent::StoreAccess store([&context] { return context.open(); });
    mcp::Server server(options, store);
    server.serve(STDIN_FILENO, std::cout);
    return kExitOk;
  });
}

void add_tools(CLI::App& app, Context& context) {
  struct Args {
    std::string format = "mcp";
    std::string role = "customer";
  };
  auto args = std::make_shared<Args>();
  CLI::App* command = app.add_subcommand(
      "tools", "Print the order tools as function-calling definitions (the ones `mcp` serves), as JSON");
  command->add_option("--format", args->format, "mcp (Tool objects), openai (Chat Completions tools) or anthropic "
                                                "(Messages tools). Default: mcp")
      ->type_name("FORMAT");
  command->add_option("--role", args->role, kRoleHelp)->type_name("ROLE");
  on_chosen(*command, context, [&context, args] {
    const agent::ToolFormat format = agent::parse_tool_format(args->format);
    context.out.print_json(agent::export_tools(format, agent::parse_role(args->role)));
    return kExitOk;
  });
}

}  // namespace

void add_agent_commands(CLI::App& app, Context& context) {
  add_mcp(app, context);
  add_tools(app, context);
}

}  // namespace cli
