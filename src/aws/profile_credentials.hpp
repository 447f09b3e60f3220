#pragma once

// Static keys from a profile of the shared files (aws_access_key_id, aws_secret_access_key,
// aws_session_token). Profiles that need assume-role, SSO, web identity or credential_process
// are reported as unsupported (see docs/AWS_LAYER.md) rather than skipped silently.

#include <optional>
#include <string>

#include "aws/credentials.hpp"

namespace aws {

class ProfileCredentialsProvider : public CredentialsProvider {
 public:
  // `profile`: the explicit profile name, if any (else AWS_PROFILE, else "default").
  explicit ProfileCredentialsProvider(std::optional<std::string> profile);
  std::optional<Credentials> resolve(std::string& why_not) override;
  std::string name() const override;

 private:
  std::optional<std::string> explicit_profile_;
};

}  // namespace aws
