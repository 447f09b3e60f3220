// OrderManagerFactory: every engine-specific fact comes from the engine table
// (factory/engine_table.hpp); this file only applies the precedence rules.

#include "managers/order_manager_factory.hpp"

#include <cstdlib>

#include "domain/text.hpp"
#include "factory/engine_table.hpp"
#include "managers/errors.hpp"

namespace managers {
namespace {

using factory::EngineEntry;

constexpr std::string_view kTypeVariable = "ORDER_MANAGER_TYPE";

[[noreturn]] void fail(std::string_view source, const std::string& message) {
  throw ConfigurationError(std::string(source) + ": " + message);
}

// A set, non-empty variable, or nullopt.
std::optional<std::string> environment(std::string_view name) {
  const char* value = std::getenv(std::string(name).c_str());
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

void check_optional_text(std::string_view source, const std::optional<std::string>& value, std::string_view example) {
  if (value && domain::trim(*value).empty()) fail(source, "must not be empty (e.g. " + std::string(example) + ")");
}

// The location set in the engine's own options, when the caller set one (it differs from the default).
std::optional<std::string> option_location(const EngineEntry& entry, const OrderManagerConfig& config) {
  const std::string& location = entry.option_location(config);
  if (location == entry.default_location) return std::nullopt;
  return location;
}

// Checks the values an explicit config carries, each under the name of its field.
void check_config(const OrderManagerConfig& config) {
  for (const EngineEntry& entry : factory::engines()) {
    if (const std::optional<std::string>& location = config.*entry.location)
      entry.check_location(entry.location_field, *location);
    if (const std::optional<std::string> location = option_location(entry, config))
      entry.check_location(std::string(entry.name) + "." + std::string(entry.location_field), *location);
  }
  check_optional_text("region", config.region, "us-east-1");
  check_optional_text("endpoint_url", config.endpoint_url, "http://localhost:8000");
}

}  // namespace

std::string_view to_string(OrderManagerType type) { return factory::engine(type).name; }

OrderManagerType parse_order_manager_type(std::string_view text, std::string_view source) {
  if (const EngineEntry* entry = factory::find_engine(text)) return entry->type;
  fail(source, "unknown order manager type '" + std::string(text) + "'; accepted values: " + factory::engine_names());
}

std::unique_ptr<OrderManagerInterface> OrderManagerFactory::create(OrderManagerType type,
                                                                   const OrderManagerConfig& config) {
  check_config(config);
  OrderManagerConfig typed = config;
  typed.type = type;
  return factory::open(typed, factory::OpenMode::kNormal);
}

OrderManagerConfig OrderManagerFactory::resolve_from_env(const OrderManagerConfig& overrides) {
  OrderManagerConfig config = overrides;
  // Explicit values are checked under their own names, environment values under the variable's.
  check_config(overrides);
  if (!config.type) {
    const std::optional<std::string> type = environment(kTypeVariable);
    config.type = type ? parse_order_manager_type(*type, kTypeVariable) : factory::engines().front().type;
  }
  for (const EngineEntry& entry : factory::engines()) {
    std::optional<std::string>& location = config.*entry.location;
    if (location) continue;
    if (std::optional<std::string> option = option_location(entry, config)) {
      location = std::move(option);
    } else if (std::optional<std::string> variable = environment(entry.location_variable)) {
      entry.check_location(entry.location_variable, *variable);
      location = std::move(variable);
    } else {
      location = std::string(entry.default_location);
    }
  }
  return config;
}

std::unique_ptr<OrderManagerInterface> OrderManagerFactory::create_from_env(const OrderManagerConfig& overrides) {
  const OrderManagerConfig config = resolve_from_env(overrides);
  return create(*config.type, config);
}

}  // namespace managers
