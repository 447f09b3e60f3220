#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/output.hpp"
#include "factory/engine_table.hpp"
#include "managers/order_manager_factory.hpp"
#include "managers/order_manager_interface.hpp"

namespace cli {

// The global options, as given on the command line. Unset ones fall back,
// inside OrderManagerFactory, to the environment and then the defaults, so the
// CLI and the library resolve a configuration the same way.
struct GlobalOptions {
  // One location option per engine of the engine table (--db PATH, --table NAME).
  struct Location {
    const managers::factory::EngineEntry* engine = nullptr;
    std::string value;
    CLI::Option* option = nullptr;
  };

  std::string backend;       // --backend ENGINE
  std::vector<Location> locations;
  std::string region;        // --region R
  std::string endpoint_url;  // --endpoint-url URL
  std::string index_projection;  // --index-projection all|keys (DynamoDB)
  bool json = false;         // --json

  CLI::Option* backend_option = nullptr;
  CLI::Option* region_option = nullptr;
  CLI::Option* endpoint_option = nullptr;
  CLI::Option* index_projection_option = nullptr;
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
  // Opens the configured store through OrderManagerFactory::create_from_env, for a command that
  // adds orders: a missing DynamoDB table is created (the spec's engine does that) and a note on
  // stderr names it and the region, so a wrong region never gets an empty table silently.
  std::unique_ptr<managers::OrderManagerInterface> open() const;
  // The same for a command that only reads or changes existing orders: it never creates a table;
  // a missing one is a ConfigurationError naming the table, the region and the endpoint.
  std::unique_ptr<managers::OrderManagerInterface> open_existing() const;
  // The same for migrate / import (the engine table's bulk-load mode).
  std::unique_ptr<managers::OrderManagerInterface> open_for_bulk_load() const;
  // "sqlite:conversations.db" or "dynamodb:orders".
  std::string location() const;
};

void add_global_options(CLI::App& app, GlobalOptions& options);

// `config` with a note on stderr for each DynamoDB table the engine creates (table and region).
managers::OrderManagerConfig announcing_created_tables(managers::OrderManagerConfig config);
// `config` with DynamoDB table creation off (a missing table is a ConfigurationError).
managers::OrderManagerConfig existing_tables_only(managers::OrderManagerConfig config);

// Registers `command` so that, when it is the one chosen, `run` becomes the
// context's action.
void on_chosen(CLI::App& command, Context& context, std::function<int()> run);

}  // namespace cli
