#pragma once

// Every request the engine sends goes through RequestRunner::call, which
//  - asks for ReturnConsumedCapacity=TOTAL where the operation takes it and adds the reported
//    capacity to the counters,
//  - counts the call per operation and records the IAM actions it needs (iam_actions.hpp),
//  - turns the AWS layer's exceptions into the library's: a service error becomes ServiceFailure
//    (a StorageError that keeps the transaction's cancellation reasons), a network failure
//    StorageError("dynamodb", "NetworkError", ...), missing credentials a ConfigurationError.

#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "dynamodb/transport.hpp"
#include "managers/errors.hpp"
#include "managers/order_manager_dynamodb.hpp"

namespace managers::dynamodb {

// A DynamoDB error reply. code() is the service's ("ConditionalCheckFailedException",
// "TransactionCanceledException", ...).
class ServiceFailure : public StorageError {
 public:
  ServiceFailure(std::string code, std::string message, int http_status,
                 std::vector<std::string> cancellation_reasons);
  int http_status() const noexcept { return http_status_; }
  // TransactionCanceledException only: one code per transaction item, in request order ("None",
  // "ConditionalCheckFailed", "TransactionConflict", ...).
  const std::vector<std::string>& cancellation_reasons() const noexcept { return cancellation_reasons_; }

 private:
  int http_status_;
  std::vector<std::string> cancellation_reasons_;
};

class RequestRunner {
 public:
  explicit RequestRunner(std::unique_ptr<Transport> transport);

  nlohmann::json call(std::string_view operation, nlohmann::json request);

  DynamoDbCounters counters() const;
  void reset_counters();
  // Every IAM action the requests sent so far needed (never reset).
  std::set<std::string> iam_actions_used() const;

  const Transport& transport() const { return *transport_; }
  // Tests only, before any concurrent use: put a decorator in front of the transport.
  void wrap_transport(const std::function<std::unique_ptr<Transport>(std::unique_ptr<Transport>)>& wrap);

 private:
  void record(std::string_view operation, const nlohmann::json& request, const nlohmann::json* reply);

  std::unique_ptr<Transport> transport_;
  mutable std::mutex mutex_;
  DynamoDbCounters counters_;          // requests/retries are kept as transport totals
  TransportStats baseline_;            // transport totals at the last reset
  std::set<std::string> iam_actions_;
};

}  // namespace managers::dynamodb
