#include "aws/dynamodb_client.hpp"

#include <atomic>
#include <random>
#include <stdexcept>
#include <thread>
#include <variant>

#include "aws/crc32.hpp"
#include "aws/credentials_chain.hpp"
#include "aws/http_client.hpp"
#include "aws/redact.hpp"
#include "aws/region_endpoint.hpp"
#include "aws/retry_policy.hpp"
#include "aws/service_error_parser.hpp"
#include "aws/sigv4.hpp"

namespace aws {

namespace {

constexpr std::string_view kService = "dynamodb";
constexpr std::string_view kTargetPrefix = "DynamoDB_20120810.";
constexpr std::string_view kContentType = "application/x-amz-json-1.0";
constexpr std::string_view kUserAgent = "order-manager-aws/0.1";

double random_unit() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
}

// A failed attempt, kept until we know whether it is retried or thrown.
struct Failure {
  RetryClass retry_class = RetryClass::kNotRetryable;
  bool timeout = false;
  std::exception_ptr error;
};

}  // namespace

struct DynamoDbClient::Impl {
  ClientConfig config;
  std::string region;
  std::string endpoint;
  http::Url url;
  std::shared_ptr<http::HttpClient> http = std::make_shared<http::HttpClient>();
  std::unique_ptr<CredentialsChain> credentials;
  RetryQuota quota;
  std::atomic<std::int64_t> requests{0};
  std::atomic<std::int64_t> retries{0};

  explicit Impl(ClientConfig cfg) : config(std::move(cfg)) {
    if (config.max_attempts < 1) throw std::invalid_argument("ClientConfig::max_attempts must be at least 1");
    region = resolve_region(config.region, config.profile);
    endpoint = resolve_endpoint(config.endpoint_url, region, kService);
    url = http::parse_url(endpoint);
    std::optional<Credentials> explicit_credentials;
    if (config.access_key_id || config.secret_access_key) {
      Credentials creds;
      creds.access_key_id = config.access_key_id.value_or("");
      creds.secret_access_key = config.secret_access_key.value_or("");
      creds.session_token = config.session_token.value_or("");
      explicit_credentials = creds;
    }
    credentials = CredentialsChain::make_default(explicit_credentials, config.profile, http);
    if (explicit_credentials) (void)credentials->get();  // fail fast on half-given keys
  }

  http::Request build_request(std::string_view operation, const std::string& body, const Credentials& creds) const {
    sigv4::SignableRequest signable;
    signable.method = "POST";
    signable.path = url.path;
    signable.query = url.query;
    signable.headers = {
        {"Host", url.authority()},
        {"Content-Type", std::string(kContentType)},
        {"X-Amz-Target", std::string(kTargetPrefix) + std::string(operation)},
    };
    signable.body = body;

    sigv4::SigningParams params = sigv4::defaults_for_service(kService);
    params.credentials = creds;
    params.region = region;
    params.time = std::chrono::system_clock::now();
    const sigv4::SigningResult signature = sigv4::sign(signable, params);

    http::Request request;
    request.method = "POST";
    request.url = endpoint;
    request.headers = signable.headers;
    for (const auto& header : signature.headers_to_add) request.headers.push_back(header);
    request.headers.emplace_back("User-Agent", std::string(kUserAgent));
    request.body = body;
    request.connect_timeout_ms = config.connect_timeout_ms;
    request.request_timeout_ms = config.request_timeout_ms;
    return request;
  }

  // One attempt: the parsed reply, or a Failure describing what went wrong.
  std::variant<nlohmann::json, Failure> attempt(std::string_view operation, const std::string& body,
                                                const Credentials& creds) {
    const Redactor redact{creds};
    Failure failure;
    http::Response response;
    ++requests;
    try {
      response = http->send(build_request(operation, body, creds));
    } catch (const NetworkError& e) {
      failure.retry_class = classify_transport_error(e.curl_code());
      failure.timeout = e.curl_code() == 28;  // CURLE_OPERATION_TIMEDOUT
      failure.error = std::make_exception_ptr(NetworkError(e.curl_code(), redact(e.what())));
      return failure;
    }

    // Integrity first: a damaged body must not be parsed, whatever its status.
    if (auto crc = response.header("x-amz-crc32"); crc && !crc32_matches(response.body, *crc)) {
      failure.retry_class = classify_transport_error(0);
      failure.error = std::make_exception_ptr(NetworkError(
          0, "DynamoDB reply failed its x-amz-crc32 integrity check (HTTP " + std::to_string(response.status) + ")"));
      return failure;
    }

    if (response.status >= 200 && response.status < 300) {
      if (response.body.empty()) return nlohmann::json::object();
      nlohmann::json parsed = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
      if (parsed.is_discarded()) {
        failure.retry_class = RetryClass::kTransient;
        failure.error = std::make_exception_ptr(NetworkError(0, "DynamoDB reply is not valid JSON"));
        return failure;
      }
      return parsed;
    }

    ServiceError error = parse_service_error(response, redact);
    failure.retry_class = classify_service_error(error.code(), error.http_status());
    if (error.code() == "ExpiredTokenException" || error.code() == "ExpiredToken") {
      // Temporary credentials expired under us: drop them so the next attempt resolves new ones.
      credentials->invalidate();
      failure.retry_class = RetryClass::kTransient;
    }
    failure.error = std::make_exception_ptr(std::move(error));
    return failure;
  }

  nlohmann::json call(std::string_view operation, const nlohmann::json& request_body) {
    const std::string body = request_body.dump();
    const BackoffConfig backoff{std::chrono::milliseconds(config.backoff_base_ms),
                                std::chrono::milliseconds(config.backoff_cap_ms)};
    int quota_taken = 0;
    for (int attempt_number = 1;; ++attempt_number) {
      const Credentials creds = credentials->get();
      auto outcome = attempt(operation, body, creds);
      if (auto* reply = std::get_if<nlohmann::json>(&outcome)) {
        quota.on_success(quota_taken);
        return std::move(*reply);
      }
      Failure& failure = std::get<Failure>(outcome);
      const bool may_retry = failure.retry_class != RetryClass::kNotRetryable &&
                             attempt_number < config.max_attempts && quota.try_acquire(failure.timeout, quota_taken);
      if (!may_retry) std::rethrow_exception(failure.error);
      ++retries;
      std::this_thread::sleep_for(backoff_delay(attempt_number, random_unit(), backoff));
    }
  }
};

DynamoDbClient::DynamoDbClient(ClientConfig config) : impl_(std::make_unique<Impl>(std::move(config))) {}
DynamoDbClient::~DynamoDbClient() = default;

nlohmann::json DynamoDbClient::call(std::string_view operation, const nlohmann::json& request) {
  return impl_->call(operation, request);
}

const std::string& DynamoDbClient::region() const { return impl_->region; }
const std::string& DynamoDbClient::endpoint() const { return impl_->endpoint; }

std::string DynamoDbClient::credential_source() const {
  try {
    (void)impl_->credentials->get();
  } catch (const CredentialsError&) {
    return "none";
  }
  return impl_->credentials->source();
}

CallStats DynamoDbClient::stats() const { return CallStats{impl_->requests.load(), impl_->retries.load()}; }

void DynamoDbClient::reset_stats() {
  impl_->requests = 0;
  impl_->retries = 0;
}

}  // namespace aws
