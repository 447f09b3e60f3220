#include "dynamodb/request_runner.hpp"

#include <array>

#include "aws/errors.hpp"
#include "dynamodb/iam_actions.hpp"

namespace managers::dynamodb {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 6> kReadOperations = {"GetItem", "Query", "Scan", "BatchGetItem",
                                                             "TransactGetItems", "DescribeTable"};
constexpr std::array<std::string_view, 5> kWriteOperations = {"PutItem", "UpdateItem", "DeleteItem",
                                                              "BatchWriteItem", "TransactWriteItems"};

bool one_of(std::string_view operation, const auto& list) {
  for (std::string_view candidate : list)
    if (candidate == operation) return true;
  return false;
}

bool takes_consumed_capacity(std::string_view operation) {
  return (one_of(operation, kReadOperations) && operation != "DescribeTable") ||
         one_of(operation, kWriteOperations);
}

double number(const json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_number() ? found->get<double>() : 0.0;
}

// Adds one ConsumedCapacity entry to the counters: its explicit read / write units when given
// (transactions report both), else its CapacityUnits as reads or writes by the kind of operation.
void add_capacity(const json& entry, bool is_read, DynamoDbCounters& counters) {
  if (!entry.is_object()) return;
  if (entry.contains("ReadCapacityUnits") || entry.contains("WriteCapacityUnits")) {
    counters.read_capacity_units += number(entry, "ReadCapacityUnits");
    counters.write_capacity_units += number(entry, "WriteCapacityUnits");
  } else if (is_read) {
    counters.read_capacity_units += number(entry, "CapacityUnits");
  } else {
    counters.write_capacity_units += number(entry, "CapacityUnits");
  }
}

}  // namespace

ServiceFailure::ServiceFailure(std::string code, std::string message, int http_status,
                               std::vector<std::string> cancellation_reasons)
    : StorageError("dynamodb", std::move(code), std::move(message)),
      http_status_(http_status),
      cancellation_reasons_(std::move(cancellation_reasons)) {}

RequestRunner::RequestRunner(std::unique_ptr<Transport> transport) : transport_(std::move(transport)) {}

json RequestRunner::call(std::string_view operation, json request) {
  if (takes_consumed_capacity(operation)) request["ReturnConsumedCapacity"] = "TOTAL";
  try {
    json reply = transport_->call(operation, request);
    record(operation, request, &reply);
    return reply;
  } catch (const aws::ServiceError& error) {
    record(operation, request, nullptr);
    std::string message = error.message();
    if (!error.request_id().empty()) message += " (request id " + error.request_id() + ")";
    throw ServiceFailure(error.code(), std::move(message), error.http_status(), error.cancellation_reasons());
  } catch (const aws::NetworkError& error) {
    record(operation, request, nullptr);
    throw StorageError("dynamodb", "NetworkError", error.what());
  } catch (const aws::CredentialsError& error) {
    record(operation, request, nullptr);
    throw ConfigurationError(std::string("DynamoDB credentials: ") + error.what());
  } catch (const aws::Error& error) {
    record(operation, request, nullptr);
    throw StorageError("dynamodb", "ClientError", error.what());
  }
}

void RequestRunner::record(std::string_view operation, const json& request, const json* reply) {
  const std::set<std::string> actions = iam_actions_for(operation, request);
  std::lock_guard lock(mutex_);
  ++counters_.calls[std::string(operation)];
  iam_actions_.insert(actions.begin(), actions.end());
  if (reply == nullptr || !reply->is_object()) return;
  const auto consumed = reply->find("ConsumedCapacity");
  if (consumed == reply->end()) return;
  const bool is_read = one_of(operation, kReadOperations);
  if (consumed->is_array()) {
    for (const json& entry : *consumed) add_capacity(entry, is_read, counters_);
  } else {
    add_capacity(*consumed, is_read, counters_);
  }
}

DynamoDbCounters RequestRunner::counters() const {
  const TransportStats totals = transport_->stats();
  std::lock_guard lock(mutex_);
  DynamoDbCounters result = counters_;
  result.requests = totals.requests - baseline_.requests;
  result.retries = totals.retries - baseline_.retries;
  return result;
}

void RequestRunner::reset_counters() {
  const TransportStats totals = transport_->stats();
  std::lock_guard lock(mutex_);
  counters_ = DynamoDbCounters{};
  baseline_ = totals;
}

std::set<std::string> RequestRunner::iam_actions_used() const {
  std::lock_guard lock(mutex_);
  return iam_actions_;
}

void RequestRunner::wrap_transport(
    const std::function<std::unique_ptr<Transport>(std::unique_ptr<Transport>)>& wrap) {
  const TransportStats before = transport_->stats();
  transport_ = wrap(std::move(transport_));
  // Keep counters continuous across the swap.
  const TransportStats after = transport_->stats();
  std::lock_guard lock(mutex_);
  baseline_.requests += after.requests - before.requests;
  baseline_.retries += after.retries - before.retries;
}

}  // namespace managers::dynamodb
