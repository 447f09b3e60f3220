#include "aws/credentials_document.hpp"

#include <nlohmann/json.hpp>

#include "aws/errors.hpp"
#include "aws/timestamp.hpp"

namespace aws {

Credentials parse_credentials_document(std::string_view body, const std::string& source) {
  const nlohmann::json doc = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) throw CredentialsError(source + " returned a reply that is not a JSON object");
  if (doc.contains("Code") && doc["Code"].is_string() && doc["Code"].get<std::string>() != "Success") {
    throw CredentialsError(source + " reported " + doc["Code"].get<std::string>());
  }
  const auto text = [&](const char* key) -> std::string {
    const auto it = doc.find(key);
    return it != doc.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  Credentials creds;
  creds.access_key_id = text("AccessKeyId");
  creds.secret_access_key = text("SecretAccessKey");
  creds.session_token = text("Token");
  if (creds.access_key_id.empty() || creds.secret_access_key.empty()) {
    throw CredentialsError(source + " returned a document without AccessKeyId/SecretAccessKey");
  }
  if (const std::string expiry = text("Expiration"); !expiry.empty()) {
    creds.expiration = parse_iso8601(expiry);
    if (!creds.expiration) throw CredentialsError(source + " returned an unreadable Expiration");
  }
  return creds;
}

}  // namespace aws
