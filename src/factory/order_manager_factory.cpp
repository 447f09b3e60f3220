#include "managers/order_manager_factory.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "domain/printable_text.hpp"
#include "managers/errors.hpp"

namespace managers {
namespace {

constexpr std::string_view kTypeVariable = "ORDER_MANAGER_TYPE";
constexpr std::string_view kDbPathVariable = "ORDER_DB_PATH";
constexpr std::string_view kTableVariable = "ORDER_TABLE_NAME";
constexpr const char* kDefaultDbPath = "conversations.db";
constexpr const char* kDefaultTable = "orders";

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

std::string lower(std::string_view text) {
  std::string result(text);
  std::transform(result.begin(), result.end(), result.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return result;
}

[[noreturn]] void fail(std::string_view source, const std::string& message) {
  throw ConfigurationError(std::string(source) + ": " + message);
}

// A set, non-empty variable, or nullopt.
std::optional<std::string> environment(std::string_view name) {
  const char* value = std::getenv(std::string(name).c_str());
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

void check_db_path(std::string_view source, const std::string& path) {
  if (path.empty()) fail(source, "must be a database file path such as conversations.db, not empty");
  if (path.find('\0') != std::string::npos) fail(source, "must not contain a NUL character");
}

// DynamoDB's rule for table names.
void check_table_name(std::string_view source, const std::string& name) {
  const bool allowed_chars = std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
  });
  if (name.size() < 3 || name.size() > 255 || !allowed_chars)
    fail(source, "must be a DynamoDB table name: 3 to 255 characters from a-z, A-Z, 0-9, '_', '-', '.'; got " +
                     managers::domain::quote_input(name));
}

void check_optional_text(std::string_view source, const std::optional<std::string>& value, std::string_view example) {
  if (value && trim(*value).empty()) fail(source, "must not be empty (e.g. " + std::string(example) + ")");
}

// Checks the values an explicit config carries; `db_source`/`table_source` name
// where the location came from, for the error message.
void check_config(const OrderManagerConfig& config, std::string_view db_source, std::string_view table_source) {
  if (config.db_path) check_db_path(db_source, *config.db_path);
  if (config.table_name) check_table_name(table_source, *config.table_name);
  check_optional_text("region", config.region, "us-east-1");
  check_optional_text("endpoint_url", config.endpoint_url, "http://localhost:8000");
}

}  // namespace

std::string_view to_string(OrderManagerType type) {
  return type == OrderManagerType::DYNAMODB ? "dynamodb" : "sqlite";
}

OrderManagerType parse_order_manager_type(std::string_view text, std::string_view source) {
  const std::string wanted = lower(trim(text));
  if (wanted == "sqlite") return OrderManagerType::SQLITE;
  if (wanted == "dynamodb") return OrderManagerType::DYNAMODB;
  fail(source, "unknown order manager type '" + std::string(text) + "'; accepted values: sqlite, dynamodb");
}

std::unique_ptr<OrderManagerInterface> OrderManagerFactory::create(OrderManagerType type,
                                                                   const OrderManagerConfig& config) {
  check_config(config, "db_path", "table_name");
  if (type == OrderManagerType::SQLITE) {
    SqliteOptions options = config.sqlite;
    options.db_path = config.db_path.value_or(kDefaultDbPath);
    return std::make_unique<OrderManager>(std::move(options));
  }
  DynamoDbOptions options = config.dynamodb;
  options.table_name = config.table_name.value_or(kDefaultTable);
  options.region = config.region;
  options.endpoint_url = config.endpoint_url;
  return std::make_unique<OrderManagerDynamoDB>(std::move(options));
}

OrderManagerConfig OrderManagerFactory::resolve_from_env(const OrderManagerConfig& overrides) {
  OrderManagerConfig config = overrides;
  // Explicit values are checked under their own names, environment values under the variable's.
  check_config(overrides, "db_path", "table_name");
  if (!config.type) {
    const std::optional<std::string> type = environment(kTypeVariable);
    config.type = type ? parse_order_manager_type(*type, kTypeVariable) : OrderManagerType::SQLITE;
  }
  if (!config.db_path) {
    if (std::optional<std::string> path = environment(kDbPathVariable)) {
      check_db_path(kDbPathVariable, *path);
      config.db_path = std::move(path);
    } else {
      config.db_path = kDefaultDbPath;
    }
  }
  if (!config.table_name) {
    if (std::optional<std::string> table = environment(kTableVariable)) {
      check_table_name(kTableVariable, *table);
      config.table_name = std::move(table);
    } else {
      config.table_name = kDefaultTable;
    }
  }
  return config;
}

std::unique_ptr<OrderManagerInterface> OrderManagerFactory::create_from_env(const OrderManagerConfig& overrides) {
  const OrderManagerConfig config = resolve_from_env(overrides);
  return create(*config.type, config);
}

}  // namespace managers
