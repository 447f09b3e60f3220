#include "aws/imds_credentials.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

#include "aws/credentials_document.hpp"
#include "aws/environment.hpp"
#include "aws/errors.hpp"

namespace aws {

namespace {

constexpr const char* kTokenTtlSeconds = "21600";

int timeout_ms() {
  // AWS_METADATA_SERVICE_TIMEOUT is in seconds, as in the SDKs.
  if (auto seconds = get_env("AWS_METADATA_SERVICE_TIMEOUT")) {
    try {
      const int value = std::stoi(*seconds);
      if (value > 0 && value < 600) return value * 1000;
    } catch (const std::exception&) {
    }
  }
  return 1000;
}

}  // namespace

ImdsCredentialsProvider::ImdsCredentialsProvider(std::shared_ptr<http::HttpClient> http) : http_(std::move(http)) {}

std::string ImdsCredentialsProvider::endpoint_from_environment() {
  std::string endpoint;
  if (auto configured = get_env("AWS_EC2_METADATA_SERVICE_ENDPOINT")) {
    endpoint = *configured;
  } else {
    auto mode = get_env("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE").value_or("IPv4");
    std::transform(mode.begin(), mode.end(), mode.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    endpoint = mode == "ipv6" ? "http://[fd00:ec2::254]" : "http://169.254.169.254";
  }
  while (!endpoint.empty() && endpoint.back() == '/') endpoint.pop_back();
  return endpoint;
}

std::optional<Credentials> ImdsCredentialsProvider::resolve(std::string& why_not) {
  if (env_flag("AWS_EC2_METADATA_DISABLED")) {
    why_not = "disabled by AWS_EC2_METADATA_DISABLED";
    return std::nullopt;
  }
  const std::string endpoint = endpoint_from_environment();
  const int timeout = timeout_ms();
  auto make_request = [&](const std::string& method, const std::string& path) {
    http::Request request;
    request.method = method;
    request.url = endpoint + path;
    request.connect_timeout_ms = timeout;
    request.request_timeout_ms = timeout;
    return request;
  };

  // 1. Session token, fetched afresh on every lookup (a lookup happens only when the cached
  //    credentials near their expiry, hours apart): a token kept from an earlier lookup may have
  //    expired since. No answer at all means "not on EC2": a quiet miss, not an error.
  // nullopt: no answer at all (refused, or nothing within the timeout).
  auto fetch_token = [&]() -> std::optional<http::Response> {
    http::Request request = make_request("PUT", "/latest/api/token");
    request.headers.emplace_back("X-aws-ec2-metadata-token-ttl-seconds", kTokenTtlSeconds);
    try {
      return http_->send(request);
    } catch (const NetworkError&) {
      return std::nullopt;
    }
  };
  std::string token;
  {
    const std::optional<http::Response> response = fetch_token();
    if (!response) {
      why_not = "no instance metadata service answered at " + endpoint;
      return std::nullopt;
    }
    if (response->status == 200) {
      token = response->body;
    } else if ((response->status == 403 || response->status == 404 || response->status == 405) &&
               !env_flag("AWS_EC2_METADATA_V1_DISABLED")) {
      // IMDSv2 unavailable (or blocked): fall back to IMDSv1 requests without a token.
    } else {
      throw CredentialsError("instance metadata token request to " + endpoint + " answered HTTP " +
                             std::to_string(response->status));
    }
  }

  auto send_get = [&](const std::string& path) {
    http::Request request = make_request("GET", path);
    if (!token.empty()) request.headers.emplace_back("X-aws-ec2-metadata-token", token);
    try {
      return http_->send(request);
    } catch (const NetworkError& e) {
      throw CredentialsError(std::string("instance metadata request failed: ") + e.what());
    }
  };
  // 401 = the token is no longer valid (it expired between the calls, or the service restarted):
  // renew it once and ask again, as the SDKs do; a second 401 is reported, not looped on.
  auto get = [&](const std::string& path) {
    http::Response response = send_get(path);
    if (response.status != 401 || token.empty()) return response;
    const std::optional<http::Response> renewed = fetch_token();
    if (!renewed || renewed->status != 200)
      throw CredentialsError("instance metadata token expired and could not be renewed at " + endpoint);
    token = renewed->body;
    return send_get(path);
  };

  // 2. The role attached to the instance.
  const std::string roles_path = "/latest/meta-data/iam/security-credentials/";
  const http::Response roles = get(roles_path);
  if (roles.status == 404) {
    why_not = "instance metadata service has no IAM role attached";
    return std::nullopt;
  }
  if (roles.status != 200) {
    throw CredentialsError("instance metadata role lookup answered HTTP " + std::to_string(roles.status));
  }
  std::string role = roles.body.substr(0, roles.body.find_first_of("\r\n"));
  while (!role.empty() && (role.back() == ' ' || role.back() == '\t')) role.pop_back();
  if (role.empty()) {
    why_not = "instance metadata service has no IAM role attached";
    return std::nullopt;
  }

  // 3. The role's temporary credentials.
  const http::Response document = get(roles_path + role);
  if (document.status != 200) {
    throw CredentialsError("instance metadata credentials for role " + role + " answered HTTP " +
                           std::to_string(document.status));
  }
  return parse_credentials_document(document.body, name());
}

}  // namespace aws
