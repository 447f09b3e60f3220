#pragma once

// Credentials from the ECS / EKS Pod Identity container endpoint:
//   AWS_CONTAINER_CREDENTIALS_RELATIVE_URI  -> http://169.254.170.2<relative uri>
//   AWS_CONTAINER_CREDENTIALS_FULL_URI      -> that URL (https anywhere; plain http only to loopback
//                                              or the ECS/EKS link-local addresses, as the SDKs require)
//   AWS_CONTAINER_AUTHORIZATION_TOKEN(_FILE) -> sent as the Authorization header.

#include <memory>
#include <string>

#include "aws/credentials.hpp"
#include "aws/http_client.hpp"

namespace aws {

class ContainerCredentialsProvider : public CredentialsProvider {
 public:
  // `relative_base`: where RELATIVE_URI is resolved against; fixed by ECS, replaceable for tests.
  explicit ContainerCredentialsProvider(std::shared_ptr<http::HttpClient> http,
                                        std::string relative_base = "http://169.254.170.2");
  std::optional<Credentials> resolve(std::string& why_not) override;
  std::string name() const override { return "container credentials endpoint"; }

 private:
  std::shared_ptr<http::HttpClient> http_;
  std::string relative_base_;
};

}  // namespace aws
