// order-manager: the command-line tool over the order library.
// Exit codes: 0 success, 1 not found / refused (kExitNotFound, kExitRefused), 2 invalid input or usage,
// 3 storage or network failure. Errors go to stderr as one line.
#include <exception>
#include <iostream>

#include <CLI/CLI.hpp>

#include "cli/admin_commands.hpp"
#include "cli/agent_commands.hpp"
#include "cli/global_options.hpp"
#include "cli/order_commands.hpp"
#include "cli/output.hpp"
#include "cli/query_commands.hpp"
#include "cli/serve_command.hpp"
#include "cli/transfer_commands.hpp"
#include "factory/engine_table.hpp"
#include "managers/version.hpp"

int main(int argc, char** argv) {
  cli::Context context;
  CLI::App app{"Order manager: SQLite (default) or DynamoDB storage behind one interface", "order-manager"};
  app.set_version_flag("--version", std::string("order-manager ") + managers::kVersion);
  app.require_subcommand(1);
  app.fallthrough();  // global options may also follow the command: `order-manager get ORD-001 --json`
  cli::add_global_options(app, context.global);
  cli::add_order_commands(app, context);
  cli::add_query_commands(app, context);
  cli::add_admin_commands(app, context);
  cli::add_transfer_commands(app, context);
  cli::add_agent_commands(app, context);
  cli::add_serve_command(app, context);
  std::string variables = "ORDER_MANAGER_TYPE";
  for (const managers::factory::EngineEntry& engine : managers::factory::engines())
    variables += ", " + std::string(engine.location_variable);
  app.footer(
      "Environment: " + variables + "; for DynamoDB the AWS variables\n"
      "(AWS_REGION, AWS_ENDPOINT_URL_DYNAMODB, credentials). Options given on the command line win.\n"
      "Exit codes: 0 success, 1 not found or refused, 2 invalid input or usage, 3 storage or network failure.");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    cli::print_error(std::string(e.what()) + " (see order-manager --help)");
    return cli::kExitInvalid;
  } catch (...) {
    return cli::report_exception(std::current_exception());
  }

  try {
    return context.action ? context.action() : cli::kExitInvalid;
  } catch (...) {
    return cli::report_exception(std::current_exception());
  }
}
