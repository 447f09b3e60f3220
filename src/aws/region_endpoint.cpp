#include "aws/region_endpoint.hpp"

#include <cctype>

#include "aws/endpoint_url.hpp"
#include "aws/environment.hpp"
#include "aws/partition.hpp"
#include "aws/shared_config.hpp"

namespace aws {

std::string resolve_region(const std::optional<std::string>& explicit_region, const std::optional<std::string>& profile) {
  // Every source is checked under its own name, so the message says where a bad value came from.
  if (explicit_region && !explicit_region->empty()) {
    (void)partition_of_region(*explicit_region, "region");
    return *explicit_region;
  }
  for (const char* variable : {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
    if (auto region = get_env(variable)) {
      (void)partition_of_region(*region, variable);
      return *region;
    }
  }
  const SharedConfig files = SharedConfig::load_from_environment();
  const std::string profile_name = SharedConfig::selected_profile_name(profile);
  if (auto settings = files.profile(profile_name)) {
    if (auto it = settings->find("region"); it != settings->end() && !it->second.empty()) {
      (void)partition_of_region(it->second, "region in AWS profile '" + profile_name + "'");
      return it->second;
    }
  }
  return std::string(kDefaultRegion);
}

std::string default_endpoint(std::string_view service, const std::string& region) {
  // The host is built only from the service constant, a checked region and the partition's suffix.
  const Partition partition = partition_of_region(region, "region");
  return "https://" + std::string(service) + "." + region + "." + std::string(partition.dns_suffix);
}

std::string resolve_endpoint(const std::optional<std::string>& explicit_endpoint, const std::string& region,
                             std::string_view service) {
  if (explicit_endpoint && !explicit_endpoint->empty()) return checked_endpoint_url(*explicit_endpoint, "endpoint_url");
  if (!env_flag("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")) {
    // The service id upper-cased with spaces/dashes as underscores, as boto3 spells it.
    std::string variable = "AWS_ENDPOINT_URL_";
    for (char c : service) variable.push_back(c == ' ' || c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    if (auto endpoint = get_env(variable.c_str())) return checked_endpoint_url(*endpoint, variable);
    if (auto endpoint = get_env("AWS_ENDPOINT_URL")) return checked_endpoint_url(*endpoint, "AWS_ENDPOINT_URL");
  }
  return default_endpoint(service, region);
}

}  // namespace aws
