#include <stdexcept>

#include "aws/dynamodb_client.hpp"
#include "dynamodb/transport.hpp"
#include "managers/errors.hpp"

namespace managers::dynamodb {
namespace {

class AwsTransport final : public Transport {
 public:
  explicit AwsTransport(aws::ClientConfig config) : client_(std::move(config)) {}

  nlohmann::json call(std::string_view operation, const nlohmann::json& request) override {
    return client_.call(operation, request);
  }
  TransportStats stats() const override {
    const aws::CallStats stats = client_.stats();
    return {stats.requests, stats.retries};
  }
  std::string region() const override { return client_.region(); }
  std::string endpoint() const override { return client_.endpoint(); }
  std::string credential_source() const override { return client_.credential_source(); }

 private:
  aws::DynamoDbClient client_;
};

}  // namespace

std::unique_ptr<Transport> make_aws_transport(const DynamoDbOptions& options) {
  aws::ClientConfig config;
  config.region = options.region;
  config.endpoint_url = options.endpoint_url;
  config.access_key_id = options.access_key_id;
  config.secret_access_key = options.secret_access_key;
  config.session_token = options.session_token;
  config.profile = options.profile;
  config.max_attempts = options.max_attempts;
  config.connect_timeout_ms = options.connect_timeout_ms;
  config.request_timeout_ms = options.request_timeout_ms;
  try {
    return std::make_unique<AwsTransport>(std::move(config));
  } catch (const aws::CredentialsError& error) {
    throw ConfigurationError(std::string("DynamoDB credentials: ") + error.what());
  } catch (const std::invalid_argument& error) {
    throw ConfigurationError(std::string("DynamoDB client configuration: ") + error.what());
  } catch (const aws::Error& error) {
    throw ConfigurationError(std::string("DynamoDB client configuration: ") + error.what());
  }
}

}  // namespace managers::dynamodb
