// DynamoDbOrderStore::check_health: the spec's troubleshooting section as one call. Read-only:
// it never creates a table.

#include <string>

#include "dynamodb/dynamodb_order_store.hpp"
#include "dynamodb/order_survey.hpp"
#include "dynamodb/table_schema.hpp"
#include "dynamodb/table_setup.hpp"
#include "dynamodb/table_upgrade.hpp"

namespace managers {
namespace {

using nlohmann::json;

std::string capacity_text(const json& object) {
  const json throughput = object.value("ProvisionedThroughput", json::object());
  return "read " + std::to_string(throughput.value("ReadCapacityUnits", 0)) + " / write " +
         std::to_string(throughput.value("WriteCapacityUnits", 0));
}

std::string billing_text(const json& table) {
  const std::string mode = dynamodb::billing_mode_of(table);
  return mode == "PAY_PER_REQUEST" ? mode : mode + " " + capacity_text(table);
}

std::string configured_billing(const DynamoDbOptions& options) {
  if (options.billing_mode == BillingMode::PAY_PER_REQUEST) return "PAY_PER_REQUEST";
  return "PROVISIONED read " + std::to_string(options.read_capacity) + " / write " +
         std::to_string(options.write_capacity);
}

// The problem a failed request reveals, with its fix. Returns false when nothing else is worth
// trying (the endpoint is unreachable or the credentials are refused).
bool report_failure(const StorageError& error, const std::string& table, const DynamoDbOptions& options,
                    const std::string& endpoint, HealthReport& report) {
  const std::string& code = error.code();
  if (code == "NetworkError") {
    report.problems.push_back({"cannot reach the DynamoDB endpoint " + endpoint + ": " + error.backend_message(),
                               "check the network, or point the engine at the right endpoint with --endpoint-url / "
                               "AWS_ENDPOINT_URL_DYNAMODB (DynamoDB Local: http://127.0.0.1:8000)"});
    return false;
  }
  if (code == "UnrecognizedClientException" || code == "InvalidSignatureException" ||
      code == "ExpiredTokenException" || code == "InvalidClientTokenId" || code == "MissingAuthenticationToken") {
    report.problems.push_back({"the endpoint refused the credentials (" + code + "): " + error.backend_message(),
                               "use valid credentials for this account and region (AWS_ACCESS_KEY_ID / "
                               "AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, AWS_PROFILE, or refresh an SSO / "
                               "temporary session)"});
    return false;
  }
  if (code == "AccessDeniedException") {
    report.problems.push_back({"access denied on table " + table + ": " + error.backend_message(),
                               "grant the IAM policy in docs/DYNAMODB.md (actions on arn:aws:dynamodb:*:*:table/" +
                                   options.table_name + "*)"});
    return true;
  }
  report.problems.push_back({"DescribeTable " + table + " failed (" + code + "): " + error.backend_message(),
                             "retry; if it persists, see the error code in the DynamoDB documentation"});
  return true;
}

// Describes one table and reports its facts and problems. False when the endpoint is unusable.
bool check_table(dynamodb::RequestRunner& runner, const DynamoDbOptions& options, const std::string& table_name,
                 const std::string& role, std::vector<std::string> (*differences_of)(const json&),
                 const std::string& endpoint, HealthReport& report, std::optional<json>* described = nullptr) {
  std::optional<json> table;
  try {
    table = dynamodb::describe_table(runner, table_name);
  } catch (const StorageError& error) {
    return report_failure(error, table_name, options, endpoint, report);
  }
  if (!table) {
    report.problems.push_back(
        {role + " " + table_name + " does not exist in region " + runner.transport().region(),
         options.create_table_if_missing
             ? "it is created on first use: run any command that reads or writes orders (or check the table "
               "name / region if it should already exist)"
             : "create it as docs/DYNAMODB.md describes, or allow the engine to create it (create_table_if_missing)"});
    return true;
  }
  if (described != nullptr) *described = table;
  const std::string status = table->value("TableStatus", std::string("UNKNOWN"));
  // One "key: value" per fact, keys distinct (the CLI shows a repeated key once).
  report.facts.push_back(role + ": " + table_name);
  report.facts.push_back(role + " status: " + status + ", " + billing_text(*table) + " (engine configured for " +
                         configured_billing(options) + ")");
  for (const json& index : table->value("GlobalSecondaryIndexes", json::array())) {
    const std::string name = index.value("IndexName", std::string("?"));
    std::string fact = "index " + name + ": " + index.value("IndexStatus", std::string("UNKNOWN")) + ", projection " +
                       index.value("Projection", json::object()).value("ProjectionType", std::string("UNKNOWN"));
    if (dynamodb::billing_mode_of(*table) != "PAY_PER_REQUEST") fact += ", " + capacity_text(index);
    report.facts.push_back(fact);
  }
  // A legacy table's indexes are reported as such by the caller (legacy mode reads around them).
  if (status != "ACTIVE" || (described == nullptr && !dynamodb::table_is_active(*table)))
    report.problems.push_back({role + " " + table_name + " or one of its indexes is not ACTIVE yet (" + status + ")",
                               "wait until DynamoDB finishes creating or updating it, then retry"});
  for (const std::string& difference : differences_of(*table))
    report.problems.push_back({difference, "the engine cannot use this table: choose another table name (the engine "
                                           "creates it with the right layout) and migrate the orders into it"});
  return true;
}

}  // namespace

HealthReport dynamodb::DynamoDbOrderStore::check_health() {
  HealthReport report;
  const dynamodb::Transport& transport = runner_.transport();
  const std::string endpoint = transport.endpoint();
  report.facts.push_back("region: " + transport.region());
  report.facts.push_back("endpoint: " + endpoint);
  const std::string source = transport.credential_source();
  report.facts.push_back("credentials: " + source);
  if (source == "none" || source.empty()) {
    report.problems.push_back({"no AWS credentials could be resolved",
                               "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, choose a profile with AWS_PROFILE "
                               "(~/.aws/credentials), or run where a role provides them (ECS, EC2)"});
    return report;
  }
  std::optional<json> orders_table;
  if (!check_table(runner_, options_, options_.table_name, "table", dynamodb::orders_table_differences,
                   endpoint, report, &orders_table))
    return report;
  check_table(runner_, options_, stats_table_, "statistics table", dynamodb::stats_table_differences,
              endpoint, report);
  if (!report.problems.empty()) return report;
  // Legacy mode (table_schema.hpp IndexMode): usable, but the table should be upgraded.
  const std::vector<std::string> legacy_notes =
      orders_table ? dynamodb::legacy_index_notes(*orders_table) : std::vector<std::string>{};
  bool upgrading = false;
  // The data itself: other clients' items, unreadable ones, counters out of step (one Scan).
  try {
    const dynamodb::OrderSurvey survey = dynamodb::survey_orders(runner_, options_.table_name);
    upgrading = dynamodb::upgrade_in_progress(runner_, stats_table_);
    if (legacy_notes.empty() && !upgrading) {
      // Read-only: the intents are resolved, not settled.
      dynamodb::report_survey(survey, aggregate_statistics(/*settle=*/false), report);
    } else {
      // The counters are not used in legacy mode (statistics are counted by a Scan) and the
      // upgrade adopts foreign orders, so only the unreadable items are worth naming here.
      dynamodb::OrderSurvey unreadable_only = survey;
      unreadable_only.foreign = unreadable_only.without_sort_key = 0;
      dynamodb::report_survey(unreadable_only, unreadable_only.aggregates, report);
      report.facts.back() = "orders: " + std::to_string(survey.readable) + " readable, " +
                            std::to_string(survey.corrupt_count) + " unreadable, " +
                            std::to_string(survey.foreign) + " without the engine's version (adopted by the upgrade)";
    }
  } catch (const StorageError& error) {
    report.problems.push_back({"reading the orders failed: " + std::string(error.what()), "retry"});
  }
  std::string notes;
  for (const std::string& note : legacy_notes) notes += (notes.empty() ? "" : "; ") + note;
  const std::string upgrade = "order-manager upgrade-table --table " + options_.table_name;
  if (!legacy_notes.empty())
    report.problems.push_back(
        {"table " + options_.table_name + " is in the earlier module's layout (" + notes +
             "): it is read in legacy mode, correct but slow: every customer-orders, last-order and by-status "
             "reads the whole partition (or, without the index, the whole table) and sorts it, and stats "
             "counts the orders with a Scan",
         "upgrade it in place (online, resumable; docs/DYNAMODB.md): " + upgrade});
  else if (upgrading)
    report.problems.push_back({"an upgrade of table " + options_.table_name +
                                   " has not finished (statistics are counted by a Scan until it does)",
                               "run it again to finish it: " + upgrade});
  return report;
}

}  // namespace managers
