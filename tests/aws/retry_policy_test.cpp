#include <gtest/gtest.h>

#include <curl/curl.h>

#include "aws/retry_policy.hpp"

namespace {

using aws::RetryClass;
using std::chrono::milliseconds;

TEST(RetryPolicy, ThrottlingCodesAreRetried) {
  for (const char* code : {"ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded",
                           "TooManyRequestsException", "Throttling"}) {
    EXPECT_EQ(aws::classify_service_error(code, 400), RetryClass::kThrottling) << code;
  }
  EXPECT_EQ(aws::classify_service_error("Whatever", 429), RetryClass::kThrottling);
}

TEST(RetryPolicy, TransientFaultsAreRetried) {
  EXPECT_EQ(aws::classify_service_error("TransactionConflictException", 400), RetryClass::kTransient);
  EXPECT_EQ(aws::classify_service_error("InternalServerError", 500), RetryClass::kTransient);
  EXPECT_EQ(aws::classify_service_error("ServiceUnavailable", 503), RetryClass::kTransient);
  EXPECT_EQ(aws::classify_service_error("", 502), RetryClass::kTransient);
  EXPECT_EQ(aws::classify_service_error("SomethingNew", 504), RetryClass::kTransient);
}

TEST(RetryPolicy, OutcomeErrorsAreNeverRetried) {
  for (const char* code : {"ValidationException", "ConditionalCheckFailedException", "TransactionCanceledException",
                           "ResourceNotFoundException", "AccessDeniedException", "UnrecognizedClientException"}) {
    EXPECT_EQ(aws::classify_service_error(code, 400), RetryClass::kNotRetryable) << code;
  }
  // Even if a proxy dressed them as a 5xx.
  EXPECT_EQ(aws::classify_service_error("ValidationException", 500), RetryClass::kNotRetryable);
}

TEST(RetryPolicy, TransportFailures) {
  EXPECT_EQ(aws::classify_transport_error(0), RetryClass::kTransient);  // CRC mismatch
  for (int code : {CURLE_COULDNT_CONNECT, CURLE_OPERATION_TIMEDOUT, CURLE_RECV_ERROR, CURLE_SEND_ERROR,
                   CURLE_GOT_NOTHING, CURLE_COULDNT_RESOLVE_HOST}) {
    EXPECT_EQ(aws::classify_transport_error(code), RetryClass::kTransient) << code;
  }
  EXPECT_EQ(aws::classify_transport_error(CURLE_URL_MALFORMAT), RetryClass::kNotRetryable);
  EXPECT_EQ(aws::classify_transport_error(CURLE_PEER_FAILED_VERIFICATION), RetryClass::kNotRetryable);
}

TEST(RetryPolicy, BackoffIsFullJitterWithinExponentialBounds) {
  const aws::BackoffConfig config{milliseconds(50), milliseconds(20000)};
  // Ceiling doubles per retry: 50, 100, 200, ... capped at 20 s.
  EXPECT_EQ(aws::backoff_delay(1, 0.999999, config), milliseconds(49));
  EXPECT_EQ(aws::backoff_delay(2, 0.999999, config), milliseconds(99));
  EXPECT_EQ(aws::backoff_delay(3, 0.5, config), milliseconds(100));
  EXPECT_EQ(aws::backoff_delay(20, 1.0, config), milliseconds(20000));
  EXPECT_EQ(aws::backoff_delay(1000, 1.0, config), milliseconds(20000));  // no overflow
  for (int retry = 1; retry <= 30; ++retry) {
    EXPECT_EQ(aws::backoff_delay(retry, 0.0, config), milliseconds(0));
    for (double r : {0.1, 0.37, 0.5, 0.92}) {
      const auto delay = aws::backoff_delay(retry, r, config);
      EXPECT_GE(delay, milliseconds(0));
      EXPECT_LE(delay, milliseconds(std::min<long long>(20000, 50LL << std::min(retry - 1, 20))));
    }
  }
  // Out-of-range random values are clamped, never negative or beyond the ceiling.
  EXPECT_EQ(aws::backoff_delay(1, -3.0, config), milliseconds(0));
  EXPECT_EQ(aws::backoff_delay(1, 7.0, config), milliseconds(50));
}

TEST(RetryPolicy, QuotaLimitsRetryStorms) {
  aws::RetryQuota quota(12);
  int taken = 0;
  EXPECT_TRUE(quota.try_acquire(false, taken));  // 5
  EXPECT_TRUE(quota.try_acquire(false, taken));  // 10
  EXPECT_FALSE(quota.try_acquire(false, taken));  // only 2 left
  EXPECT_EQ(taken, 10);
  EXPECT_EQ(quota.available(), 2);
  quota.on_success(taken);  // refunded
  EXPECT_EQ(quota.available(), 12);
  quota.on_success(0);  // capped at capacity
  EXPECT_EQ(quota.available(), 12);
  int timeout_cost = 0;
  EXPECT_TRUE(quota.try_acquire(true, timeout_cost));
  EXPECT_EQ(timeout_cost, aws::RetryQuota::kTimeoutRetryCost);
}

}  // namespace
