#include "aws/profile_credentials.hpp"

#include "aws/environment.hpp"
#include "aws/errors.hpp"
#include "aws/shared_config.hpp"

namespace aws {

ProfileCredentialsProvider::ProfileCredentialsProvider(std::optional<std::string> profile)
    : explicit_profile_(std::move(profile)) {}

std::string ProfileCredentialsProvider::name() const {
  return "shared credentials file (profile " + SharedConfig::selected_profile_name(explicit_profile_) + ")";
}

std::optional<Credentials> ProfileCredentialsProvider::resolve(std::string& why_not) {
  const std::string profile_name = SharedConfig::selected_profile_name(explicit_profile_);
  const SharedConfig files = SharedConfig::load_from_environment();
  const auto profile = files.profile(profile_name);
  const bool named_on_purpose = (explicit_profile_ && !explicit_profile_->empty()) || get_env("AWS_PROFILE");
  if (!profile) {
    // Asking for a profile by name and not finding it is an error (as in boto3), not a fall-through.
    if (named_on_purpose) {
      throw CredentialsError("profile '" + profile_name + "' not found in " + files.description());
    }
    why_not = "no profile '" + profile_name + "' in " + files.description();
    return std::nullopt;
  }
  const auto get = [&](const char* key) -> std::optional<std::string> {
    const auto it = profile->find(key);
    if (it == profile->end() || it->second.empty()) return std::nullopt;
    return it->second;
  };
  const auto key = get("aws_access_key_id");
  const auto secret = get("aws_secret_access_key");
  if (key && secret) {
    Credentials creds;
    creds.access_key_id = *key;
    creds.secret_access_key = *secret;
    creds.session_token = get("aws_session_token").value_or("");
    return creds;
  }
  if (key || secret) {
    throw CredentialsError("profile '" + profile_name + "' has only one of aws_access_key_id and aws_secret_access_key");
  }
  for (const char* unsupported : {"role_arn", "sso_session", "sso_start_url", "credential_process", "web_identity_token_file"}) {
    if (get(unsupported)) {
      throw CredentialsError("profile '" + profile_name + "' uses '" + unsupported +
                             "', which this client does not support; use static keys, environment variables, "
                             "container or instance credentials (see docs/AWS_LAYER.md)");
    }
  }
  why_not = "profile '" + profile_name + "' has no aws_access_key_id";
  return std::nullopt;
}

}  // namespace aws
