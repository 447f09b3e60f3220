#pragma once

// The one door through which the engine reaches DynamoDB. In production it is aws::DynamoDbClient;
// tests put a decorator in front of it (e.g. to replay a request as if its reply had been lost).

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "managers/order_manager_dynamodb.hpp"

namespace managers::dynamodb {

struct TransportStats {
  std::int64_t requests = 0;  // HTTP requests, retries included
  std::int64_t retries = 0;
};

class Transport {
 public:
  virtual ~Transport() = default;
  // Sends one DynamoDB operation; throws the aws:: error types (aws/errors.hpp).
  virtual nlohmann::json call(std::string_view operation, const nlohmann::json& request) = 0;
  virtual TransportStats stats() const = 0;
  virtual std::string region() const = 0;
  virtual std::string endpoint() const = 0;
  // Where the credentials come from, never a secret; "none" when none resolve.
  virtual std::string credential_source() const = 0;
};

// aws::DynamoDbClient configured from the options. Throws ConfigurationError for options the
// client refuses (half-given credentials, a malformed endpoint URL).
std::unique_ptr<Transport> make_aws_transport(const DynamoDbOptions& options);

}  // namespace managers::dynamodb
