#pragma once

// Making sure both tables exist, have the expected shape and are ACTIVE before the first request
// that needs them.

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "dynamodb/request_runner.hpp"
#include "managers/order_manager_dynamodb.hpp"

namespace managers::dynamodb {

// DescribeTable's "Table" object, or nullopt when the table does not exist.
std::optional<nlohmann::json> describe_table(RequestRunner& runner, const std::string& table_name);

// For the orders table and then the statistics table: describe it; when missing, create it if
// `options.create_table_if_missing` (a ResourceInUseException means another process is creating
// it: fine) else throw ConfigurationError; wait (DescribeTable polling, bounded by
// options.table_ready_timeout_ms) until a table it created and its indexes are ACTIVE, an existing
// one until it is ACTIVE or UPDATING (its indexes may be of the earlier module's layout, missing or
// building: reads adapt, table_schema.hpp IndexMode); throw ConfigurationError naming every
// difference when the table's own key is not the engine's. Returns the orders table's description.
nlohmann::json ensure_tables(RequestRunner& runner, const DynamoDbOptions& options);

// Polls DescribeTable with backoff (20 ms doubling to 1 s) until `ready` holds for the table's
// description, which it returns; StorageError("dynamodb", "TableNotActive") after `timeout_ms`,
// saying the table did not `goal` ("have index status_index ACTIVE") in time.
nlohmann::json wait_for_table(RequestRunner& runner, const std::string& table_name, int timeout_ms,
                              const std::function<bool(const nlohmann::json&)>& ready, std::string_view goal);

}  // namespace managers::dynamodb
