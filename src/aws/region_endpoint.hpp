#pragma once

// Which region to sign for and which URL to send to, with boto3's conventions so that the same
// environment drives both the Python original and this client.
//   region:   explicit -> AWS_REGION -> AWS_DEFAULT_REGION -> the profile's `region` -> "us-east-1"
//   endpoint: explicit -> AWS_ENDPOINT_URL_<SERVICE> -> AWS_ENDPOINT_URL -> https://<service>.<region>.<suffix>
// where <suffix> is amazonaws.com, or amazonaws.com.cn for the China regions (cn-*).
// AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true makes the two AWS_ENDPOINT_URL variables ignored.

#include <optional>
#include <string>
#include <string_view>

namespace aws {

inline constexpr std::string_view kDefaultRegion = "us-east-1";

std::string resolve_region(const std::optional<std::string>& explicit_region, const std::optional<std::string>& profile);

// `service`: the endpoint prefix and env suffix, e.g. "dynamodb" (-> AWS_ENDPOINT_URL_DYNAMODB).
std::string resolve_endpoint(const std::optional<std::string>& explicit_endpoint, const std::string& region,
                             std::string_view service);

// https://<service>.<region>.amazonaws.com (or .amazonaws.com.cn for cn-* regions).
std::string default_endpoint(std::string_view service, const std::string& region);

}  // namespace aws
