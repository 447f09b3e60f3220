#include "dynamodb/table_setup.hpp"

#include <chrono>
#include <functional>
#include <thread>

#include "dynamodb/table_schema.hpp"
#include "managers/errors.hpp"

namespace managers::dynamodb {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

std::string join(const std::vector<std::string>& parts) {
  std::string text;
  for (const std::string& part : parts) text += (text.empty() ? "" : "; ") + part;
  return text;
}

// An existing table is usable while UPDATING (an index being added or removed): reads fall back
// as its indexes' modes say (table_schema.hpp), so only a table being created or deleted waits.
bool table_is_usable(const json& table) {
  const std::string status = table.value("TableStatus", std::string());
  return status == "ACTIVE" || status == "UPDATING";
}

json wait_until_active(RequestRunner& runner, const std::string& table_name, Clock::time_point deadline,
                       int timeout_ms, const std::function<bool(const json&)>& ready = table_is_active,
                       std::string_view goal = "become ACTIVE") {
  auto pause = std::chrono::milliseconds(20);
  for (;;) {
    if (const std::optional<json> table = describe_table(runner, table_name); table && ready(*table))
      return *table;
    if (Clock::now() + pause > deadline)
      throw StorageError("dynamodb", "TableNotActive",
                         "table " + table_name + " did not " + std::string(goal) + " within " +
                             std::to_string(timeout_ms) + " ms");
    // Polling DescribeTable is the API's way to wait for a table; the pause bounds the request rate.
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(1000));
  }
}

json ensure_table(RequestRunner& runner, const DynamoDbOptions& options, const std::string& table_name,
                  const json& create_request, std::vector<std::string> (*differences_of)(const json&)) {
  const auto deadline = Clock::now() + std::chrono::milliseconds(options.table_ready_timeout_ms);
  std::optional<json> table = describe_table(runner, table_name);
  if (!table) {
    if (!options.create_table_if_missing)
      throw ConfigurationError("DynamoDB table " + table_name + " does not exist (region " +
                               runner.transport().region() + ", endpoint " + runner.transport().endpoint() +
                               ") and creating tables is turned off; create it as docs/DYNAMODB.md describes "
                               "or allow the engine to create it");
    try {
      runner.call("CreateTable", create_request);
      if (options.on_table_created) options.on_table_created(table_name, runner.transport().region());
    } catch (const ServiceFailure& failure) {
      // Another process created it first: wait for theirs like for ours.
      if (failure.code() != "ResourceInUseException") throw;
    }
  }
  if (!table)  // ours (or a concurrent process's) being created: wait for it and its indexes
    table = wait_until_active(runner, table_name, deadline, options.table_ready_timeout_ms);
  else if (!table_is_usable(*table))
    table = wait_until_active(runner, table_name, deadline, options.table_ready_timeout_ms, table_is_usable);
  if (const std::vector<std::string> differences = differences_of(*table); !differences.empty())
    throw ConfigurationError("DynamoDB table " + table_name + " does not have the layout this engine needs: " +
                             join(differences) +
                             ". Use another table name (the engine creates it) and migrate the orders into it.");
  return *table;
}

}  // namespace

std::optional<json> describe_table(RequestRunner& runner, const std::string& table_name) {
  try {
    json reply = runner.call("DescribeTable", {{"TableName", table_name}});
    const auto table = reply.find("Table");
    if (table == reply.end() || !table->is_object())
      throw StorageError("dynamodb", "UnexpectedReply", "DescribeTable " + table_name + " returned no Table");
    return std::move(*table);
  } catch (const ServiceFailure& failure) {
    if (failure.code() == "ResourceNotFoundException") return std::nullopt;
    throw;
  }
}

json ensure_tables(RequestRunner& runner, const DynamoDbOptions& options) {
  json orders =
      ensure_table(runner, options, options.table_name, create_orders_table_request(options), orders_table_differences);
  // The orders table is there, so this is the right region: its statistics companion may be created
  // even where creating tables is off (a table the earlier module made has none yet; it is only the
  // engine's bookkeeping, and the counters it starts with are rebuilt by a recount).
  DynamoDbOptions companion = options;
  companion.create_table_if_missing = true;
  ensure_table(runner, companion, stats_table_name(options.table_name), create_stats_table_request(options),
               stats_table_differences);
  return orders;
}

json wait_for_table(RequestRunner& runner, const std::string& table_name, int timeout_ms,
                    const std::function<bool(const json&)>& ready, std::string_view goal) {
  return wait_until_active(runner, table_name, Clock::now() + std::chrono::milliseconds(timeout_ms), timeout_ms,
                           ready, goal);
}

}  // namespace managers::dynamodb
