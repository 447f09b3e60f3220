#pragma once

// The table of engines: one row per engine with everything the factory and the
// CLI need to know about it (its name, where its orders live, how that location
// is checked, how the engine is opened, what `check` reports before opening).
// OrderManagerFactory and src/cli read only this table: nothing else branches
// on the engine. Adding an engine is a row here plus its own folder
// (docs/ARCHITECTURE.md, "Add an engine").

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "managers/health_report.hpp"
#include "managers/order_manager_factory.hpp"
#include "managers/order_manager_interface.hpp"
#include "managers/table_upgrade.hpp"

namespace managers::factory {

// kBulkLoad: migrate and import, which write many orders and are idempotent, so
// an engine may trade per-commit durability for speed (SQLite: synchronous=NORMAL).
enum class OpenMode { kNormal, kBulkLoad };

struct EngineEntry {
  OrderManagerType type;
  std::string_view name;               // "sqlite": --backend, ORDER_MANAGER_TYPE, ENGINE:LOCATION
  std::string_view location_noun;      // "database file": what a location is, for messages and help
  std::string_view location_field;     // "db_path": the OrderManagerConfig field, for messages
  std::string_view location_variable;  // "ORDER_DB_PATH"
  std::string_view default_location;   // "conversations.db"
  std::string_view cli_option;         // "--db"
  std::string_view cli_value_name;     // "PATH"
  // Where the location lives in OrderManagerConfig.
  std::optional<std::string> OrderManagerConfig::*location;
  // The location set in the engine's own options (SqliteOptions::db_path ...):
  // read when the field above is unset and this differs from the default.
  const std::string& (*option_location)(const OrderManagerConfig& config);
  // Throws ConfigurationError naming `source` unless `location` is usable.
  void (*check_location)(std::string_view source, const std::string& location);
  // Opens the engine on a checked config whose location is set.
  std::unique_ptr<OrderManagerInterface> (*open)(const OrderManagerConfig& config, OpenMode mode);
  // What `check` reports before opening the store (facts, problems); false when
  // the store must not be opened (check creates nothing).
  bool (*before_open)(const OrderManagerConfig& config, HealthReport& report);
  // Recounts statistics the engine keeps in counters, for a manager `open` made; nullptr when the
  // engine counts on every call and has nothing to recompute.
  OrderStatistics (*recompute_statistics)(OrderManagerInterface& manager);
  // In-place upgrade of a store of the earlier module's layout that the engine only reads in a
  // slower legacy mode (DynamoDB: GSIs without sort key): what it would do (empty: nothing) and
  // doing it (false: there was nothing to do). nullptr when opening the store already upgrades it
  // (SQLite upgrades the earlier module's file when it opens it).
  std::vector<std::string> (*pending_upgrade)(OrderManagerInterface& manager);
  bool (*upgrade)(OrderManagerInterface& manager, const UpgradeProgressHandler& progress);
};

// Every engine, the default (SQLite) first.
std::span<const EngineEntry> engines();
const EngineEntry& engine(OrderManagerType type);
// The entry named `name` (any case, surrounding blanks ignored), or nullptr.
const EngineEntry* find_engine(std::string_view name);
// "sqlite, dynamodb".
std::string engine_names();
// "sqlite:PATH or dynamodb:TABLE": how an ENGINE:LOCATION argument is written, for help texts.
std::string location_forms();

// The location of a config resolved by OrderManagerFactory::resolve_from_env
// (the engine's default if unset).
std::string location_of(const OrderManagerConfig& config);
// "sqlite:conversations.db" / "dynamodb:orders".
std::string describe_location(const OrderManagerConfig& config);
// Opens the engine of a resolved config (resolve_from_env) in `mode`.
std::unique_ptr<OrderManagerInterface> open(const OrderManagerConfig& resolved, OpenMode mode);

}  // namespace managers::factory
