#include "aws/retry_policy.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace aws {

namespace {

constexpr std::array<std::string_view, 16> kThrottlingCodes = {
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
    "ThrottlingError",
    "RequestThrottledError",
};

constexpr std::array<std::string_view, 7> kTransientCodes = {
    "RequestTimeout",
    "RequestTimeoutException",
    "InternalError",
    "InternalFailure",
    "InternalServerError",
    "ServiceUnavailable",
    // DynamoDB: another transaction touched the same item; the SDKs retry it.
    "TransactionConflictException",
};

bool contains(auto const& list, std::string_view code) { return std::find(list.begin(), list.end(), code) != list.end(); }

}  // namespace

RetryClass classify_service_error(std::string_view code, int http_status) {
  if (contains(kThrottlingCodes, code)) return RetryClass::kThrottling;
  if (contains(kTransientCodes, code)) return RetryClass::kTransient;
  if (http_status == 429) return RetryClass::kThrottling;
  // Never retried, whatever the status says: the outcome would not change.
  if (code == "ValidationException" || code == "ConditionalCheckFailedException" ||
      code == "TransactionCanceledException") {
    return RetryClass::kNotRetryable;
  }
  if (http_status >= 500 && http_status <= 599) return RetryClass::kTransient;
  return RetryClass::kNotRetryable;
}

RetryClass classify_transport_error(int curl_code) {
  switch (curl_code) {
    case 0:  // integrity failure of a reply (x-amz-crc32 mismatch)
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_WEIRD_SERVER_REPLY:
      return RetryClass::kTransient;
    default:
      // Malformed URL, TLS certificate problems, out of memory...: another attempt fails the same way.
      return RetryClass::kNotRetryable;
  }
}

std::chrono::milliseconds backoff_delay(int retry, double random01, const BackoffConfig& config) {
  const double clamped_random = std::clamp(random01, 0.0, 1.0);
  const int exponent = std::clamp(retry - 1, 0, 62);
  const double ceiling = std::min(static_cast<double>(config.cap.count()),
                                  static_cast<double>(config.base.count()) * std::ldexp(1.0, exponent));
  return std::chrono::milliseconds(static_cast<std::int64_t>(std::floor(clamped_random * ceiling)));
}

RetryQuota::RetryQuota(int capacity) : capacity_(capacity), available_(capacity) {}

bool RetryQuota::try_acquire(bool timeout, int& cost) {
  const int needed = timeout ? kTimeoutRetryCost : kRetryCost;
  std::lock_guard lock(mutex_);
  if (available_ < needed) return false;
  available_ -= needed;
  cost += needed;
  return true;
}

void RetryQuota::on_success(int cost_taken) {
  std::lock_guard lock(mutex_);
  available_ = std::min(capacity_, available_ + (cost_taken > 0 ? cost_taken : kNoRetryIncrement));
}

int RetryQuota::available() const {
  std::lock_guard lock(mutex_);
  return available_;
}

}  // namespace aws
