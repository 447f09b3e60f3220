#include "cli/global_options.hpp"

#include "aws/endpoint_url.hpp"
#include "aws/partition.hpp"

#include <iostream>

namespace cli {

using managers::factory::EngineEntry;

void add_global_options(CLI::App& app, GlobalOptions& options) {
  options.backend_option =
      app.add_option("--backend", options.backend,
                     "Storage engine: " + managers::factory::engine_names() + " (default: $ORDER_MANAGER_TYPE, else " +
                         std::string(managers::factory::engines().front().name) + ")")
          ->type_name("ENGINE");
  // Sized before any option binds to an element: the vector must not move.
  options.locations.resize(managers::factory::engines().size());
  for (std::size_t i = 0; i < options.locations.size(); ++i) {
    const EngineEntry& engine = managers::factory::engines()[i];
    GlobalOptions::Location& location = options.locations[i];
    location.engine = &engine;
    location.option = app.add_option(std::string(engine.cli_option), location.value,
                                     std::string(engine.name) + " " + std::string(engine.location_noun) +
                                         " (default: $" + std::string(engine.location_variable) + ", else " +
                                         std::string(engine.default_location) + ")")
                          ->type_name(std::string(engine.cli_value_name));
  }
  options.region_option =
      app.add_option("--region", options.region,
                     "AWS region (default: $AWS_REGION, $AWS_DEFAULT_REGION, the profile's, else us-east-1)")
          ->type_name("REGION")
          // Checked here too so the message names --region (the AWS layer checks every source).
          ->check(CLI::Validator([](std::string& value) { return aws::region_problem(value); }, "REGION"));
  options.endpoint_option =
      app.add_option("--endpoint-url", options.endpoint_url,
                     "DynamoDB endpoint, e.g. http://localhost:8000 (default: $AWS_ENDPOINT_URL_DYNAMODB, "
                     "$AWS_ENDPOINT_URL, else AWS's)")
          ->type_name("URL")
          ->check(CLI::Validator([](std::string& value) { return aws::endpoint_url_problem(value); }, "URL"));
  options.index_projection_option =
      app.add_option("--index-projection", options.index_projection,
                     "DynamoDB indexes: all (whole orders, the default) or keys (keys and status: a large order's "
                     "size paid once, lists read orders by key); for a table a command creates, and the projection "
                     "upgrade-table converts the indexes to (docs/DYNAMODB.md, \"Index projections\")")
          ->type_name("all|keys")
          ->transform(CLI::IsMember({"all", "keys"}, CLI::ignore_case));
  app.add_flag("--json", options.json, "Print the result as JSON (the spec's data structures)");
}

managers::OrderManagerConfig Context::overrides() const {
  managers::OrderManagerConfig config;
  if (global.backend_option->count() > 0)
    config.type = managers::parse_order_manager_type(global.backend, "--backend");
  for (const GlobalOptions::Location& location : global.locations)
    if (location.option->count() > 0) config.*location.engine->location = location.value;
  if (global.region_option->count() > 0) config.region = global.region;
  if (global.endpoint_option->count() > 0) config.endpoint_url = global.endpoint_url;
  if (global.index_projection_option->count() > 0)
    config.dynamodb.index_projection =
        global.index_projection == "keys" ? managers::IndexProjection::kKeys : managers::IndexProjection::kAll;
  // An engine's advice (a DynamoDB table in legacy layout that should be upgraded): one line on
  // stderr, so scripts reading stdout (or --json) are not disturbed.
  config.on_warning = [this](const std::string& text) { out.warning(text); };
  return config;
}

managers::OrderManagerConfig Context::resolved() const {
  return managers::OrderManagerFactory::resolve_from_env(overrides());
}

// A table created by a command is worth a line: right after a deployment it is expected, with a
// mistyped or defaulted region it is the first sign that the orders are elsewhere.
managers::OrderManagerConfig announcing_created_tables(managers::OrderManagerConfig config) {
  config.dynamodb.on_table_created = [](const std::string& table, const std::string& region) {
    std::cerr << "note: created DynamoDB table " << table << " in region " << region
              << " (it did not exist there; if your orders are in another region, use --region)\n";
  };
  return config;
}

managers::OrderManagerConfig existing_tables_only(managers::OrderManagerConfig config) {
  config.dynamodb.create_table_if_missing = false;
  return config;
}

std::unique_ptr<managers::OrderManagerInterface> Context::open() const {
  return managers::OrderManagerFactory::create_from_env(announcing_created_tables(overrides()));
}

std::unique_ptr<managers::OrderManagerInterface> Context::open_existing() const {
  return managers::OrderManagerFactory::create_from_env(existing_tables_only(overrides()));
}

std::unique_ptr<managers::OrderManagerInterface> Context::open_for_bulk_load() const {
  return managers::factory::open(announcing_created_tables(resolved()), managers::factory::OpenMode::kBulkLoad);
}

std::string Context::location() const { return managers::factory::describe_location(resolved()); }

void on_chosen(CLI::App& command, Context& context, std::function<int()> run) {
  command.callback([&context, run = std::move(run)] { context.action = run; });
}

}  // namespace cli
