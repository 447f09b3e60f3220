#include "aws/container_credentials.hpp"

#include <fstream>
#include <sstream>

#include "aws/credentials_document.hpp"
#include "aws/endpoint_url.hpp"
#include "aws/environment.hpp"
#include "aws/errors.hpp"

namespace aws {

namespace {

bool allowed_plain_http_host(const std::string& host) {
  return host == "127.0.0.1" || host.rfind("127.", 0) == 0 || host == "localhost" || host == "[::1]" ||
         host == "169.254.170.2" || host == "169.254.170.23" || host == "[fd00:ec2::23]";
}

std::string read_token_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw CredentialsError("cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE " + path);
  std::ostringstream out;
  out << in.rdbuf();
  std::string token = out.str();
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) token.pop_back();
  return token;
}

}  // namespace

ContainerCredentialsProvider::ContainerCredentialsProvider(std::shared_ptr<http::HttpClient> http,
                                                           std::string relative_base)
    : http_(std::move(http)), relative_base_(std::move(relative_base)) {}

std::optional<Credentials> ContainerCredentialsProvider::resolve(std::string& why_not) {
  std::string url;
  if (auto relative = get_env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")) {
    url = relative_base_ + (relative->front() == '/' ? "" : "/") + *relative;
  } else if (auto full = get_env("AWS_CONTAINER_CREDENTIALS_FULL_URI")) {
    http::Url parsed;
    try {
      // Checked like an endpoint override: no user info, query or fragment that could hide the host.
      url = checked_endpoint_url(*full, "AWS_CONTAINER_CREDENTIALS_FULL_URI");
      parsed = http::parse_url(url);
    } catch (const ConfigurationError& error) {
      throw CredentialsError(error.what());
    } catch (const std::invalid_argument&) {
      throw CredentialsError("AWS_CONTAINER_CREDENTIALS_FULL_URI is not a valid http(s) URL");
    }
    if (parsed.scheme == "http" && !allowed_plain_http_host(parsed.host)) {
      throw CredentialsError("AWS_CONTAINER_CREDENTIALS_FULL_URI uses plain http to host " + parsed.host +
                             "; only loopback and the ECS/EKS link-local addresses are allowed without https");
    }
  } else {
    why_not = "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI / _FULL_URI not set";
    return std::nullopt;
  }

  http::Request request;
  request.method = "GET";
  request.url = url;
  request.connect_timeout_ms = 2000;
  request.request_timeout_ms = 5000;
  request.headers.emplace_back("Accept", "application/json");
  if (auto token_file = get_env("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE")) {
    request.headers.emplace_back("Authorization", read_token_file(*token_file));
  } else if (auto token = get_env("AWS_CONTAINER_AUTHORIZATION_TOKEN")) {
    request.headers.emplace_back("Authorization", *token);
  }

  // The endpoint is configured, so any failure here is reported rather than skipped. Two attempts:
  // the agent can be briefly unavailable right after a task starts.
  std::string last_failure;
  for (int attempt = 1; attempt <= 2; ++attempt) {
    try {
      const http::Response response = http_->send(request);
      if (response.status == 200) return parse_credentials_document(response.body, name());
      last_failure = "HTTP " + std::to_string(response.status);
      if (response.status < 500) break;
    } catch (const NetworkError& e) {
      last_failure = e.what();
    }
  }
  throw CredentialsError("container credentials endpoint " + url + " failed: " + last_failure);
}

}  // namespace aws
