#pragma once

// The exceptions of the AWS layer. Callers (the DynamoDB engine) branch on the type and, for
// service errors, on code(); the message is for humans. No message ever contains a secret key,
// a session token or a signature: messages are built only from codes, statuses and the
// service's own error text.

#include <stdexcept>
#include <string>
#include <vector>

namespace aws {

// Base of everything this layer throws.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The service answered with an error document (HTTP 4xx/5xx with `__type` / `message`).
class ServiceError : public Error {
 public:
  ServiceError(std::string code, std::string message, int http_status, std::string request_id,
               std::vector<std::string> cancellation_reasons = {});

  // The short error code, e.g. "ConditionalCheckFailedException" (the part of `__type` after '#').
  const std::string& code() const noexcept { return code_; }
  // The service's explanation (may be empty).
  const std::string& message() const noexcept { return message_; }
  int http_status() const noexcept { return http_status_; }
  // x-amzn-RequestId of the failed reply (empty if the service sent none).
  const std::string& request_id() const noexcept { return request_id_; }
  // For TransactionCanceledException: one code per transaction item, in request order
  // ("None" for items that did not fail). Empty for other errors.
  const std::vector<std::string>& cancellation_reasons() const noexcept { return cancellation_reasons_; }

 private:
  std::string code_;
  std::string message_;
  int http_status_;
  std::string request_id_;
  std::vector<std::string> cancellation_reasons_;
};

// The request did not get a usable reply: connection refused/reset, timeout, TLS failure, or a reply
// whose integrity check (x-amz-crc32) failed. curl_code() is 0 for failures not reported by curl.
class NetworkError : public Error {
 public:
  NetworkError(int curl_code, const std::string& what);
  int curl_code() const noexcept { return curl_code_; }

 private:
  int curl_code_;
};

// A setting (region, endpoint URL, header value) is refused before anything is sent: the message
// names where the value came from (--region, AWS_REGION, a profile...) and the rule it breaks.
class ConfigurationError : public Error {
 public:
  using Error::Error;
};

// No credentials could be resolved (the message lists every source tried and why each failed),
// or a configured source is malformed.
class CredentialsError : public Error {
 public:
  using Error::Error;
};

}  // namespace aws
