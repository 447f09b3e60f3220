#pragma once

// Sets / unsets environment variables for one test and restores them afterwards, and a baseline
// that clears every AWS_* setting this layer reads, so tests never depend on the machine's own
// AWS configuration (and never reach the real metadata endpoints).

#include <cstdlib>
#include <map>
#include <optional>
#include <string>

#include "support/temp_dir.hpp"

namespace aws_test {

class ScopedEnv {
 public:
  ScopedEnv() = default;
  ~ScopedEnv() {
    for (const auto& [name, value] : saved_) {
      if (value) {
        ::setenv(name.c_str(), value->c_str(), 1);
      } else {
        ::unsetenv(name.c_str());
      }
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

  void set(const std::string& name, const std::string& value) {
    save(name);
    ::setenv(name.c_str(), value.c_str(), 1);
  }
  void unset(const std::string& name) {
    save(name);
    ::unsetenv(name.c_str());
  }

 private:
  void save(const std::string& name) {
    if (saved_.count(name) != 0) return;
    const char* value = std::getenv(name.c_str());
    saved_[name] = value ? std::optional<std::string>(value) : std::nullopt;
  }
  std::map<std::string, std::optional<std::string>> saved_;
};

// A clean AWS environment: no credentials, no region, shared files pointing into an empty temp
// folder, IMDS disabled (tests that exercise IMDS turn it back on against a fake server).
class CleanAwsEnv {
 public:
  CleanAwsEnv() {
    for (const char* name :
         {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN",
          "AWS_CREDENTIAL_EXPIRATION", "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION",
          "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_DYNAMODB", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
          "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
          "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
          "AWS_EC2_METADATA_SERVICE_ENDPOINT", "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "AWS_EC2_METADATA_V1_DISABLED",
          "AWS_METADATA_SERVICE_TIMEOUT"}) {
      env.unset(name);
    }
    env.set("AWS_SHARED_CREDENTIALS_FILE", dir.file("credentials").string());
    env.set("AWS_CONFIG_FILE", dir.file("config").string());
    env.set("HOME", dir.path().string());
    env.set("AWS_EC2_METADATA_DISABLED", "true");
  }

  testing_support::TempDir dir;
  ScopedEnv env;
};

}  // namespace aws_test
