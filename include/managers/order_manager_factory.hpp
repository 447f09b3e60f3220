#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "managers/order_manager.hpp"
#include "managers/order_manager_dynamodb.hpp"
#include "managers/order_manager_interface.hpp"

namespace managers {

// The two engines (the spec's OrderManagerType).
enum class OrderManagerType { SQLITE, DYNAMODB };

// "sqlite" or "dynamodb".
std::string_view to_string(OrderManagerType type);

// Accepts "sqlite" or "dynamodb" in any case, surrounding blanks ignored.
// Anything else throws ConfigurationError naming `source` (the variable or
// option the text came from) and the accepted values, e.g.
//   "ORDER_MANAGER_TYPE: unknown order manager type 'mysql'; accepted values: sqlite, dynamodb".
OrderManagerType parse_order_manager_type(std::string_view text,
                                          std::string_view source = "ORDER_MANAGER_TYPE");

// What to build. Every field is optional; an unset field falls back as documented:
//   create():          the field, else the engine's default;
//   create_from_env(): the field, else the environment variable, else the default.
// Explicit values always win over the environment.
struct OrderManagerConfig {
  // create_from_env: else ORDER_MANAGER_TYPE ("sqlite" | "dynamodb", any case), else SQLITE.
  // create() takes the type as its argument and ignores this field.
  std::optional<OrderManagerType> type;

  // SQLite: the database file. create_from_env: else ORDER_DB_PATH; else kDefaultDbPath
  // ("conversations.db").
  std::optional<std::string> db_path;

  // DynamoDB: the table (3 to 249 characters of a-z A-Z 0-9 _ - .: DynamoDB's limit of 255
  // less the "-stats" suffix of the statistics table). create_from_env: else ORDER_TABLE_NAME;
  // else kDefaultTableName ("orders").
  std::optional<std::string> table_name;
  // DynamoDB: region and endpoint. Unset, the engine resolves them itself
  // (AWS_REGION, AWS_DEFAULT_REGION, the profile, else "us-east-1"; AWS_ENDPOINT_URL_DYNAMODB,
  // AWS_ENDPOINT_URL, else AWS's regional endpoint), for create() and create_from_env() alike.
  std::optional<std::string> region;
  std::optional<std::string> endpoint_url;

  // Engine tuning beyond the spec (busy timeout, durability; credentials, billing,
  // capacity, retries). Their location fields are read too, below the fields above:
  // sqlite.db_path / dynamodb.table_name count as explicit values when they differ
  // from their defaults (kDefaultDbPath / kDefaultTableName) and the field above is
  // unset (then no ORDER_* variable is read for it); dynamodb.region /
  // dynamodb.endpoint_url are used when region / endpoint_url are unset.
  SqliteOptions sqlite;
  DynamoDbOptions dynamodb;

  // Hears the one-line warnings an engine has for the user (e.g. DynamoDB: a table of the earlier
  // module's layout, read in legacy mode until upgraded). The library never prints; unset, they are
  // dropped. Passed to the engine's own option (DynamoDbOptions::on_warning) when that is unset.
  std::function<void(const std::string&)> on_warning;
};

class OrderManagerFactory {
 public:
  // Builds the engine `type` from `config` without reading any ORDER_* variable.
  // An invalid value (an empty db_path, a malformed table name, an empty region)
  // throws ConfigurationError naming the field and what it accepts. Opening the
  // engine may throw StorageError (an unreadable file, an unreachable service).
  static std::unique_ptr<OrderManagerInterface> create(OrderManagerType type, const OrderManagerConfig& config = {});

  // As create(), with the type, db_path and table_name not set in `overrides`
  // taken from ORDER_MANAGER_TYPE, ORDER_DB_PATH and ORDER_TABLE_NAME. A variable
  // that is set but empty counts as unset. A bad value throws ConfigurationError
  // naming the variable and the accepted values.
  static std::unique_ptr<OrderManagerInterface> create_from_env(const OrderManagerConfig& overrides = {});

  // What create_from_env() would build, without building it: `overrides` with
  // type, db_path and table_name filled in from the environment or the defaults,
  // and every value checked. region/endpoint_url stay unset unless given.
  static OrderManagerConfig resolve_from_env(const OrderManagerConfig& overrides = {});
};

}  // namespace managers
