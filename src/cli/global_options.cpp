#include "cli/global_options.hpp"

#include "aws/endpoint_url.hpp"
#include "aws/partition.hpp"

namespace cli {

void add_global_options(CLI::App& app, GlobalOptions& options) {
  options.backend_option =
      app.add_option("--backend", options.backend, "Storage engine: sqlite or dynamodb (default: $ORDER_MANAGER_TYPE, else sqlite)")
          ->type_name("ENGINE");
  options.db_option =
      app.add_option("--db", options.db_path, "SQLite database file (default: $ORDER_DB_PATH, else conversations.db)")
          ->type_name("PATH");
  options.table_option =
      app.add_option("--table", options.table_name, "DynamoDB table (default: $ORDER_TABLE_NAME, else orders)")
          ->type_name("NAME");
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
  app.add_flag("--json", options.json, "Print the result as JSON (the spec's data structures)");
}

managers::OrderManagerConfig Context::overrides() const {
  managers::OrderManagerConfig config;
  if (global.backend_option->count() > 0)
    config.type = managers::parse_order_manager_type(global.backend, "--backend");
  if (global.db_option->count() > 0) config.db_path = global.db_path;
  if (global.table_option->count() > 0) config.table_name = global.table_name;
  if (global.region_option->count() > 0) config.region = global.region;
  if (global.endpoint_option->count() > 0) config.endpoint_url = global.endpoint_url;
  return config;
}

managers::OrderManagerConfig Context::resolved() const {
  return managers::OrderManagerFactory::resolve_from_env(overrides());
}

std::unique_ptr<managers::OrderManagerInterface> Context::open() const {
  return managers::OrderManagerFactory::create_from_env(overrides());
}

std::string Context::location() const { return describe_location(resolved()); }

std::string describe_location(const managers::OrderManagerConfig& resolved) {
  if (resolved.type == managers::OrderManagerType::DYNAMODB)
    return "dynamodb:" + resolved.table_name.value_or("orders");
  return "sqlite:" + resolved.db_path.value_or("conversations.db");
}

void on_chosen(CLI::App& command, Context& context, std::function<int()> run) {
  command.callback([&context, run = std::move(run)] { context.action = run; });
}

}  // namespace cli
