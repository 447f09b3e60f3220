#pragma once

// AWS regions and the partitions they belong to. A region name reaches the request's host name
// (https://dynamodb.<region>.<suffix>) and the signature's credential scope, so only a name that
// has the shape of a real region of a known partition is accepted: lowercase letters in
// hyphen-separated parts ending in a number ("us-east-1", "us-gov-west-1", "cn-north-1").
// Anything else (a dot, '#', '/', '@', ':', '?', spaces, upper case) is refused, so a region can
// never turn the host into one of an attacker's choosing.

#include <optional>
#include <string>
#include <string_view>

namespace aws {

struct Partition {
  std::string_view name;        // "aws", "aws-cn", "aws-us-gov", ...
  std::string_view dns_suffix;  // "amazonaws.com", "amazonaws.com.cn", ...
};

// The partition of a valid region; throws aws::ConfigurationError naming `source` (e.g. "--region",
// "AWS_REGION", "region in profile 'dev'") and the rule when `region` is not one.
Partition partition_of_region(std::string_view region, std::string_view source);

// The partition of `region`, or nullopt when it is not a valid region.
std::optional<Partition> find_partition(std::string_view region);

// Empty for a valid region, else the value (escaped) and the rule it breaks, for option validators
// that add the option's name themselves.
std::string region_problem(std::string_view region);

// The rule, for messages and help texts.
inline constexpr std::string_view kRegionRule =
    "an AWS region code such as us-east-1: lowercase letters in hyphen-separated parts ending in a number, "
    "in a known partition (aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc)";

}  // namespace aws
