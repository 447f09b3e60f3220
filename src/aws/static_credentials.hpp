#pragma once

// Credentials given in code (ClientConfig::access_key_id / secret_access_key / session_token).

#include "aws/credentials.hpp"

namespace aws {

class StaticCredentialsProvider : public CredentialsProvider {
 public:
  // Throws CredentialsError if only one of key id and secret is given.
  explicit StaticCredentialsProvider(Credentials credentials);
  std::optional<Credentials> resolve(std::string& why_not) override;
  std::string name() const override { return "explicit configuration"; }

 private:
  Credentials credentials_;
};

}  // namespace aws
