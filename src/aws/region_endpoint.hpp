#pragma once

// Which region to sign for and which URL to send to, with boto3's conventions so that the same
// environment drives both the Python original and this client.
//   region:   explicit -> AWS_REGION -> AWS_DEFAULT_REGION -> the profile's `region` -> "us-east-1"
//   endpoint: explicit -> AWS_ENDPOINT_URL_<SERVICE> -> AWS_ENDPOINT_URL -> https://<service>.<region>.<suffix>
// where <suffix> is the region's partition's (aws/partition.hpp: amazonaws.com, amazonaws.com.cn
// for cn-*, ...). Every value is checked under the name of where it came from, and refused with
// aws::ConfigurationError: a region must be a real region's code of a known partition, an endpoint
// override a plain http(s)://host[:port][/path] (aws/endpoint_url.hpp). So neither can send signed
// requests to a host other than the one the user named.
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

// https://<service>.<region>.<partition suffix>; throws aws::ConfigurationError for a bad region.
std::string default_endpoint(std::string_view service, const std::string& region);

}  // namespace aws
