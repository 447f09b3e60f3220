#include "aws/region_endpoint.hpp"

#include <algorithm>
#include <cctype>

#include "aws/environment.hpp"
#include "aws/shared_config.hpp"

namespace aws {

std::string resolve_region(const std::optional<std::string>& explicit_region, const std::optional<std::string>& profile) {
  if (explicit_region && !explicit_region->empty()) return *explicit_region;
  if (auto region = get_env("AWS_REGION")) return *region;
  if (auto region = get_env("AWS_DEFAULT_REGION")) return *region;
  const SharedConfig files = SharedConfig::load_from_environment();
  if (auto settings = files.profile(SharedConfig::selected_profile_name(profile))) {
    if (auto it = settings->find("region"); it != settings->end() && !it->second.empty()) return it->second;
  }
  return std::string(kDefaultRegion);
}

std::string default_endpoint(std::string_view service, const std::string& region) {
  const bool china = region.rfind("cn-", 0) == 0;
  return "https://" + std::string(service) + "." + region + (china ? ".amazonaws.com.cn" : ".amazonaws.com");
}

std::string resolve_endpoint(const std::optional<std::string>& explicit_endpoint, const std::string& region,
                             std::string_view service) {
  if (explicit_endpoint && !explicit_endpoint->empty()) return *explicit_endpoint;
  if (!env_flag("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")) {
    // The service id upper-cased with spaces/dashes as underscores, as boto3 spells it.
    std::string variable = "AWS_ENDPOINT_URL_";
    for (char c : service) variable.push_back(c == ' ' || c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    if (auto endpoint = get_env(variable.c_str())) return *endpoint;
    if (auto endpoint = get_env("AWS_ENDPOINT_URL")) return *endpoint;
  }
  return default_endpoint(service, region);
}

}  // namespace aws
