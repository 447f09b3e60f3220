#pragma once

// The seam between the DynamoDB engine and AWS: one call() per DynamoDB operation, in the service's
// JSON protocol (POST /, X-Amz-Target: DynamoDB_20120810.<Operation>, application/x-amz-json-1.0),
// signed with SigV4, retried in the SDKs' standard mode, integrity-checked with x-amz-crc32.
// Written so that aws-sdk-cpp's Aws::DynamoDB::DynamoDBClient could stand behind the same
// interface later (see docs/AWS_LAYER.md).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "aws/errors.hpp"

namespace aws {

struct ClientConfig {
  // Unset fields are resolved as the AWS SDKs / boto3 do (region_endpoint.hpp, credentials_chain.hpp).
  std::optional<std::string> region;
  std::optional<std::string> endpoint_url;  // e.g. "http://127.0.0.1:8000" for DynamoDB Local
  std::optional<std::string> access_key_id;
  std::optional<std::string> secret_access_key;
  std::optional<std::string> session_token;
  std::optional<std::string> profile;
  int max_attempts = 3;  // total attempts per call, first one included (>= 1)
  int connect_timeout_ms = 3000;
  int request_timeout_ms = 10000;
  // Backoff between attempts: random in [0, min(cap, base * 2^retry)] ("full jitter").
  int backoff_base_ms = 50;
  int backoff_cap_ms = 20000;
};

struct CallStats {
  std::int64_t requests = 0;  // HTTP requests sent (attempts)
  std::int64_t retries = 0;   // of which were retries
};

// Thread-safe: one client may serve every thread of the process (connections are pooled).
class DynamoDbClient {
 public:
  // Resolves region and endpoint now; credentials lazily on the first call.
  // Throws CredentialsError for half-given explicit credentials, std::invalid_argument for a bad
  // endpoint URL or max_attempts < 1.
  explicit DynamoDbClient(ClientConfig config);
  ~DynamoDbClient();
  DynamoDbClient(const DynamoDbClient&) = delete;
  DynamoDbClient& operator=(const DynamoDbClient&) = delete;

  // Sends one DynamoDB JSON-protocol operation ("GetItem", ...) with retries; returns the parsed
  // reply body ({} for an empty body).
  // Throws aws::ServiceError for a service error reply (after retries for retryable ones),
  // aws::NetworkError for transport failures surviving retries, aws::CredentialsError when no
  // credentials resolve.
  nlohmann::json call(std::string_view operation, const nlohmann::json& request);

  const std::string& region() const;
  const std::string& endpoint() const;
  // Where the credentials come from, e.g. "environment", "shared credentials file (profile default)";
  // never a secret. Resolves credentials if no call has yet; "none" if they cannot be resolved.
  std::string credential_source() const;

  CallStats stats() const;
  void reset_stats();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace aws
