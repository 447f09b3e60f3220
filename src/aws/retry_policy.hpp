#pragma once

// The AWS SDKs' "standard" retry mode, as pure functions plus a small thread-safe quota:
//  - which failures are worth another attempt (throttling, 5xx, transient service faults, transport
//    failures, damaged replies) and which never are (validation, conditional checks, cancelled
//    transactions: retrying cannot change their outcome, and the engine handles them);
//  - how long to wait: "full jitter" exponential backoff, random in [0, min(cap, base * 2^n)];
//  - a retry quota (token bucket) so that a failing service is not hammered by every caller's
//    retries at once: each retry spends tokens, successes earn them back.

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string_view>

namespace aws {

enum class RetryClass {
  kNotRetryable,
  kThrottling,  // the service asks us to slow down
  kTransient,   // a fault that another attempt may not meet (5xx, timeouts, resets, bad CRC)
};

// A service error reply: by error code first, then by HTTP status.
RetryClass classify_service_error(std::string_view code, int http_status);
// A transport failure, by curl error code (0 = integrity failure such as a CRC mismatch: retryable).
RetryClass classify_transport_error(int curl_code);

struct BackoffConfig {
  std::chrono::milliseconds base{50};  // DynamoDB's historical base delay in the SDKs
  std::chrono::milliseconds cap{20000};  // the SDKs' MAX_BACKOFF
};

// Delay before retry number `retry` (1 for the first retry), given `random01` uniform in [0, 1).
// Pure: tests pass fixed random values. Result is in [0, min(cap, base * 2^(retry-1))].
std::chrono::milliseconds backoff_delay(int retry, double random01, const BackoffConfig& config);

// The standard mode's retry quota. Thread-safe.
class RetryQuota {
 public:
  static constexpr int kInitialCapacity = 500;
  static constexpr int kRetryCost = 5;
  static constexpr int kTimeoutRetryCost = 10;
  static constexpr int kNoRetryIncrement = 1;

  explicit RetryQuota(int capacity = kInitialCapacity);
  // Takes the cost of one retry; false (and nothing taken) when the quota is exhausted.
  // Returns the cost taken through `cost` so a later success can give it back.
  bool try_acquire(bool timeout, int& cost);
  // After a successful call: gives back what its retries took, or a small increment if none.
  void on_success(int cost_taken);
  int available() const;

 private:
  mutable std::mutex mutex_;
  int capacity_;
  int available_;
};

}  // namespace aws
