#pragma once

// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN (and the legacy AWS_SECURITY_TOKEN).

#include "aws/credentials.hpp"

namespace aws {

class EnvironmentCredentialsProvider : public CredentialsProvider {
 public:
  std::optional<Credentials> resolve(std::string& why_not) override;
  std::string name() const override { return "environment"; }
};

}  // namespace aws
