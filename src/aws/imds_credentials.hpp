#pragma once

// Instance-role credentials from the EC2 instance metadata service, IMDSv2 style:
//   PUT  /latest/api/token                              (X-aws-ec2-metadata-token-ttl-seconds) -> token
//   GET  /latest/meta-data/iam/security-credentials/     (X-aws-ec2-metadata-token)            -> role name
//   GET  /latest/meta-data/iam/security-credentials/<role>                                     -> document
// Off when AWS_EC2_METADATA_DISABLED=true. The endpoint is http://169.254.169.254 unless
// AWS_EC2_METADATA_SERVICE_ENDPOINT says otherwise (or ..._ENDPOINT_MODE=IPv6), as in the SDKs.
// If the token call answers 403/404/405 the provider falls back to IMDSv1 (no token) unless
// AWS_EC2_METADATA_V1_DISABLED=true. Timeouts are short (1 s): off EC2 nothing answers there.

#include <memory>
#include <string>

#include "aws/credentials.hpp"
#include "aws/http_client.hpp"

namespace aws {

class ImdsCredentialsProvider : public CredentialsProvider {
 public:
  explicit ImdsCredentialsProvider(std::shared_ptr<http::HttpClient> http);
  std::optional<Credentials> resolve(std::string& why_not) override;
  std::string name() const override { return "EC2 instance metadata (IMDS)"; }

  // The endpoint the provider would use, from the environment.
  static std::string endpoint_from_environment();

 private:
  std::shared_ptr<http::HttpClient> http_;
};

}  // namespace aws
