#pragma once

// AWS credentials and the interface of a source of them. The resolution order lives in
// credentials_chain.hpp; each source has its own file.

#include <chrono>
#include <optional>
#include <string>

namespace aws {

struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // empty for long-term keys
  // When temporary credentials stop working; nullopt for long-term keys.
  std::optional<std::chrono::system_clock::time_point> expiration;
};

// One place credentials can come from (environment, shared files, container, IMDS, ...).
class CredentialsProvider {
 public:
  virtual ~CredentialsProvider() = default;
  // The credentials, or nullopt when this source is simply not set up here (variables unset, no
  // metadata service reachable); then `why_not` says so in a few words for the chain's error.
  // Throws CredentialsError when the source is set up but broken (a key id without a secret, a
  // named profile that does not exist, a container endpoint that fails): the chain stops there
  // rather than silently falling through to some other identity.
  virtual std::optional<Credentials> resolve(std::string& why_not) = 0;
  // A human name for messages and `credential_source()`, e.g. "environment". Never a secret.
  virtual std::string name() const = 0;
};

}  // namespace aws
