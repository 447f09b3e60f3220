// The AWS layer's other parsers: the shared config / credentials files (parse_ini_profiles, INI
// as botocore reads it) and the credentials document of the instance metadata and container
// endpoints (parse_credentials_document). Every input is given to both.
//
// Invariants:
//  - parse_ini_profiles never throws; profile names are non-empty and trimmed, keys trimmed and
//    lower-case, values are trimmed and never empty and hold no inline comment; written back
//    as plain INI ("[profile name]" / "[name]", "key = value") the profiles parse to the same
//    map, in both file styles;
//  - parse_credentials_document throws only CredentialsError, whose message never holds the
//    document's secret key; what it returns holds the document's AccessKeyId, SecretAccessKey
//    (both non-empty) and Token, and an expiration exactly when Expiration is given, equal to
//    aws::parse_iso8601 of it.
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "aws/credentials_document.hpp"
#include "aws/errors.hpp"
#include "aws/shared_config.hpp"
#include "aws/timestamp.hpp"
#include "fuzz_support.hpp"

namespace {

bool is_trimmed(const std::string& text) {
  static constexpr std::string_view kBlank = " \t\r\n";
  return text.empty() || (kBlank.find(text.front()) == std::string_view::npos &&
                          kBlank.find(text.back()) == std::string_view::npos);
}

std::string describe(const std::map<std::string, aws::Profile>& profiles) {
  std::string text;
  for (const auto& [name, keys] : profiles) {
    text += "[" + name + "]";
    for (const auto& [key, value] : keys) text += " " + key + "=" + value + ";";
    text += "\n";
  }
  return text;
}

void check_ini(const std::string& text, bool config_style) {
  const std::map<std::string, aws::Profile> profiles = aws::parse_ini_profiles(text, config_style);
  std::string written;
  for (const auto& [name, keys] : profiles) {
    FUZZ_CHECK_MSG(!name.empty() && is_trimmed(name) && name.find(']') == std::string::npos &&
                       name.find('\n') == std::string::npos,
                   "profile '" + name + "'");
    written += (config_style && name != "default" ? "[profile " : "[") + name + "]\n";
    for (const auto& [key, value] : keys) {
      FUZZ_CHECK_MSG(is_trimmed(key) && key.find('=') == std::string::npos && key.find('\n') == std::string::npos,
                     "key '" + key + "'");
      for (char c : key) FUZZ_CHECK_MSG(c < 'A' || c > 'Z', "key '" + key + "' is not lower-case");
      FUZZ_CHECK_MSG(!value.empty() && is_trimmed(value) && value.find('\n') == std::string::npos, "value '" + value + "'");
      for (const char* marker : {" #", " ;", "\t#", "\t;"})
        FUZZ_CHECK_MSG(value.find(marker) == std::string::npos, "value '" + value + "' keeps a comment");
      written += key + " = " + value + "\n";
    }
  }
  const std::map<std::string, aws::Profile> again = aws::parse_ini_profiles(written, config_style);
  FUZZ_CHECK_MSG(again == profiles, "read:\n" + describe(profiles) + "written as:\n" + written + "read back:\n" +
                                        describe(again));
}

void check_credentials_document(std::string_view body) {
  const nlohmann::json doc = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  const auto text = [&doc](const char* key) {
    if (!doc.is_object()) return std::string();
    const auto found = doc.find(key);
    return found != doc.end() && found->is_string() ? found->get<std::string>() : std::string();
  };
  const std::string secret = text("SecretAccessKey");
  aws::Credentials credentials;
  try {
    credentials = aws::parse_credentials_document(body, "instance metadata");
  } catch (const aws::CredentialsError& error) {
    // The message is built from the source's name, fixed words and the document's Code: a
    // secret that is part of those is no leak.
    static constexpr std::string_view kOwnWords =
        "instance metadata returned a reply that is not a JSON object reported returned a document without "
        "AccessKeyId/SecretAccessKey returned an unreadable Expiration";
    if (!secret.empty() && kOwnWords.find(secret) == std::string_view::npos &&
        text("Code").find(secret) == std::string::npos)
      FUZZ_CHECK_MSG(std::string_view(error.what()).find(secret) == std::string_view::npos, error.what());
    return;
  }
  FUZZ_CHECK(doc.is_object());
  FUZZ_CHECK(!credentials.access_key_id.empty() && credentials.access_key_id == text("AccessKeyId"));
  FUZZ_CHECK(!credentials.secret_access_key.empty() && credentials.secret_access_key == secret);
  FUZZ_CHECK(credentials.session_token == text("Token"));
  const std::string expiration = text("Expiration");
  FUZZ_CHECK(credentials.expiration.has_value() == !expiration.empty());
  if (!expiration.empty()) FUZZ_CHECK(credentials.expiration == aws::parse_iso8601(expiration));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = fuzz::text_of(data, size);
  const std::string text(input);
  check_ini(text, /*config_style=*/false);
  check_ini(text, /*config_style=*/true);
  check_credentials_document(input);
  return 0;
}
