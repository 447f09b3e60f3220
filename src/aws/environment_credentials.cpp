#include "aws/environment_credentials.hpp"

#include "aws/environment.hpp"
#include "aws/errors.hpp"
#include "aws/timestamp.hpp"

namespace aws {

std::optional<Credentials> EnvironmentCredentialsProvider::resolve(std::string& why_not) {
  const auto key = get_env("AWS_ACCESS_KEY_ID");
  const auto secret = get_env("AWS_SECRET_ACCESS_KEY");
  if (!key && !secret) {
    why_not = "AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY not set";
    return std::nullopt;
  }
  // Half a key pair is a mistake worth stopping for, not a reason to try another identity.
  if (!key) throw CredentialsError("AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not");
  if (!secret) throw CredentialsError("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not");
  Credentials creds;
  creds.access_key_id = *key;
  creds.secret_access_key = *secret;
  creds.session_token = get_env("AWS_SESSION_TOKEN").value_or(get_env("AWS_SECURITY_TOKEN").value_or(""));
  if (auto expiry = get_env("AWS_CREDENTIAL_EXPIRATION")) creds.expiration = parse_iso8601(*expiry);
  return creds;
}

}  // namespace aws
