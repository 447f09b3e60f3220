#pragma once

// Making sure both tables exist, have the expected shape and are ACTIVE before the first request
// that needs them.

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "dynamodb/request_runner.hpp"
#include "managers/order_manager_dynamodb.hpp"

namespace managers::dynamodb {

// DescribeTable's "Table" object, or nullopt when the table does not exist.
std::optional<nlohmann::json> describe_table(RequestRunner& runner, const std::string& table_name);

// For the orders table and then the statistics table: describe it; when missing, create it if
// `options.create_table_if_missing` (a ResourceInUseException means another process is creating
// it: fine) else throw ConfigurationError; wait (DescribeTable polling, bounded by
// options.table_ready_timeout_ms) until it and its indexes are ACTIVE; throw ConfigurationError
// naming every difference when its keys or indexes are not the engine's.
void ensure_tables(RequestRunner& runner, const DynamoDbOptions& options);

}  // namespace managers::dynamodb
