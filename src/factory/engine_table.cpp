#include "factory/engine_table.hpp"

#include <array>
#include <filesystem>

#include "domain/text.hpp"
#include "dynamodb/table_schema.hpp"
#include "sqlite/read_only_check.hpp"
#include "managers/errors.hpp"
#include "managers/order_manager.hpp"
#include "managers/order_manager_dynamodb.hpp"

namespace managers::factory {
namespace {

// --- SQLite: a database file ---

void check_db_path(std::string_view source, const std::string& path) {
  if (path.empty())
    throw ConfigurationError(std::string(source) + ": must be a database file path such as " + kDefaultDbPath +
                             ", not empty");
  if (path.find('\0') != std::string::npos)
    throw ConfigurationError(std::string(source) + ": must not contain a NUL character");
}

std::unique_ptr<OrderManagerInterface> open_sqlite(const OrderManagerConfig& config, OpenMode mode) {
  SqliteOptions options = config.sqlite;
  options.db_path = *config.db_path;
  // Migrate and import commit each order at synchronous=NORMAL (WAL): a crash of
  // the process loses nothing, a power loss can lose the last commits, and
  // running the same command again restores them because both are idempotent.
  // About 9x faster than FULL (docs/CLI_AND_MIGRATION.md).
  if (mode == OpenMode::kBulkLoad) options.durability = Durability::NORMAL;
  return std::make_unique<OrderManager>(std::move(options));
}

// A check changes nothing: a file that does not exist yet is reported, not created, and an
// existing one is looked at read-only (sqlite/read_only_check.hpp: what opening it would do,
// such as upgrading an earlier module's file, is reported, not done). So the store is never
// opened by `check` on SQLite.
bool before_open_sqlite(const OrderManagerConfig& config, HealthReport& report) {
  const std::filesystem::path path = *config.db_path;
  std::error_code error;
  if (std::filesystem::exists(path, error)) {
    HealthReport file = sqlite::check_file_read_only(path.string());
    for (std::string& fact : file.facts) report.facts.push_back(std::move(fact));
    for (auto& problem : file.problems) report.problems.push_back(std::move(problem));
    return false;
  }
  report.facts.push_back("database: " + path.string() + " (does not exist yet; created on first use)");
  const std::filesystem::path folder = path.has_parent_path() ? path.parent_path() : ".";
  if (!std::filesystem::is_directory(folder, error))
    report.problems.push_back({"the folder " + folder.string() + " does not exist",
                               "create it, or pass --db / set ORDER_DB_PATH to a path in an existing folder"});
  return false;
}

// --- DynamoDB: a table ---

void check_table_name(std::string_view source, const std::string& name) { dynamodb::validate_table_name(name, source); }

std::unique_ptr<OrderManagerInterface> open_dynamodb(const OrderManagerConfig& config, OpenMode /*mode*/) {
  DynamoDbOptions options = config.dynamodb;
  options.table_name = *config.table_name;
  if (config.on_warning && !options.on_warning) options.on_warning = config.on_warning;
  if (config.region) options.region = config.region;
  if (config.endpoint_url) options.endpoint_url = config.endpoint_url;
  return std::make_unique<OrderManagerDynamoDB>(std::move(options));
}

// The manager was made by open_dynamodb, so it is the DynamoDB engine.
OrderStatistics recompute_dynamodb_statistics(OrderManagerInterface& manager) {
  return static_cast<OrderManagerDynamoDB&>(manager).recompute_statistics();
}

std::vector<std::string> pending_dynamodb_upgrade(OrderManagerInterface& manager) {
  return static_cast<OrderManagerDynamoDB&>(manager).pending_upgrade();
}

bool upgrade_dynamodb_table(OrderManagerInterface& manager, const UpgradeProgressHandler& progress) {
  return static_cast<OrderManagerDynamoDB&>(manager).upgrade_table(progress);
}

bool before_open_dynamodb(const OrderManagerConfig& config, HealthReport& report) {
  report.facts.push_back("table: " + *config.table_name);
  return true;
}

const std::array<EngineEntry, 2> kEngines = {{
    {.type = OrderManagerType::SQLITE,
     .name = "sqlite",
     .location_noun = "database file",
     .location_field = "db_path",
     .location_variable = "ORDER_DB_PATH",
     .default_location = kDefaultDbPath,
     .cli_option = "--db",
     .cli_value_name = "PATH",
     .location = &OrderManagerConfig::db_path,
     .option_location = [](const OrderManagerConfig& config) -> const std::string& { return config.sqlite.db_path; },
     .check_location = check_db_path,
     .open = open_sqlite,
     .before_open = before_open_sqlite,
     .recompute_statistics = nullptr,
     .pending_upgrade = nullptr,
     .upgrade = nullptr},
    {.type = OrderManagerType::DYNAMODB,
     .name = "dynamodb",
     .location_noun = "table",
     .location_field = "table_name",
     .location_variable = "ORDER_TABLE_NAME",
     .default_location = kDefaultTableName,
     .cli_option = "--table",
     .cli_value_name = "NAME",
     .location = &OrderManagerConfig::table_name,
     .option_location = [](const OrderManagerConfig& config) -> const std::string& {
       return config.dynamodb.table_name;
     },
     .check_location = check_table_name,
     .open = open_dynamodb,
     .before_open = before_open_dynamodb,
     .recompute_statistics = recompute_dynamodb_statistics,
     .pending_upgrade = pending_dynamodb_upgrade,
     .upgrade = upgrade_dynamodb_table},
}};

}  // namespace

std::span<const EngineEntry> engines() { return kEngines; }

const EngineEntry& engine(OrderManagerType type) {
  for (const EngineEntry& entry : kEngines)
    if (entry.type == type) return entry;
  throw ConfigurationError("unknown order manager type " + std::to_string(static_cast<int>(type)));
}

const EngineEntry* find_engine(std::string_view name) {
  const std::string_view wanted = domain::trim(name);
  for (const EngineEntry& entry : kEngines)
    if (domain::equals_ignoring_case(wanted, entry.name)) return &entry;
  return nullptr;
}

std::string engine_names() {
  std::string names;
  for (const EngineEntry& entry : kEngines) names += (names.empty() ? "" : ", ") + std::string(entry.name);
  return names;
}

std::string location_forms() {
  std::string forms;
  for (std::size_t i = 0; i < kEngines.size(); ++i) {
    if (i > 0) forms += i + 1 == kEngines.size() ? " or " : ", ";
    forms += std::string(kEngines[i].name) + ":" + std::string(kEngines[i].cli_value_name);
  }
  return forms;
}

std::string location_of(const OrderManagerConfig& config) {
  const EngineEntry& entry = engine(config.type.value_or(kEngines.front().type));
  const std::optional<std::string>& location = config.*entry.location;
  return location ? *location : std::string(entry.default_location);
}

std::string describe_location(const OrderManagerConfig& config) {
  return std::string(engine(config.type.value_or(kEngines.front().type)).name) + ":" + location_of(config);
}

std::unique_ptr<OrderManagerInterface> open(const OrderManagerConfig& resolved, OpenMode mode) {
  const EngineEntry& entry = engine(resolved.type.value_or(kEngines.front().type));
  OrderManagerConfig config = resolved;
  if (!(config.*entry.location)) config.*entry.location = entry.option_location(config);
  return entry.open(config, mode);
}

}  // namespace managers::factory
