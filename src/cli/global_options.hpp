#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/output.hpp"
#include "managers/order_manager_factory.hpp"
#include "managers/order_manager_interface.hpp"

namespace cli {

// The global options, as given on the command line. Unset ones fall back,
// inside OrderManagerFactory, to the environment and then the defaults, so the
// CLI and the library resolve a configuration the same way.
struct GlobalOptions {
  std::string backend;       // --backend sqlite|dynamodb
  std::string db_path;       // --db PATH
  std::string table_name;    // --table NAME
  std::string region;        // --region R
  std::string endpoint_url;  // --endpoint-url URL
  bool json = false;         // --json

  CLI::Option* backend_option = nullptr;
  CLI::Option* db_option = nullptr;
  CLI::Option* table_option = nullptr;
  CLI::Option* region_option = nullptr;
  CLI::Option* endpoint_option = nullptr;
};

// What every command gets: the options, the output, and a way to open the store.
struct Context {
  GlobalOptions global;
  Output out{global.json};
  // Set by the chosen subcommand's parse callback; run after parsing.
  std::function<int()> action;

  // The explicit values of the global options (nothing from the environment).
  managers::OrderManagerConfig overrides() const;
  // The configuration create_from_env resolves from overrides() and the environment.
  managers::OrderManagerConfig resolved() const;
  // Opens the configured store through OrderManagerFactory::create_from_env.
  std::unique_ptr<managers::OrderManagerInterface> open() const;
  // "sqlite:conversations.db" or "dynamodb:orders".
  std::string location() const;
};

void add_global_options(CLI::App& app, GlobalOptions& options);

// "sqlite:conversations.db" / "dynamodb:orders" for a resolved configuration.
std::string describe_location(const managers::OrderManagerConfig& resolved);

// Registers `command` so that, when it is the one chosen, `run` becomes the
// context's action.
void on_chosen(CLI::App& command, Context& context, std::function<int()> run);

}  // namespace cli
