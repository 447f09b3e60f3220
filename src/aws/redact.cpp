#include "aws/redact.hpp"

namespace aws {

std::string redact_all(std::string_view text, std::string_view secret, std::string_view replacement) {
  std::string out(text);
  if (secret.empty()) return out;
  for (std::size_t pos = out.find(secret); pos != std::string::npos; pos = out.find(secret, pos + replacement.size())) {
    out.replace(pos, secret.size(), replacement);
  }
  return out;
}

std::string Redactor::operator()(std::string_view text) const {
  std::string out = redact_all(text, credentials_.secret_access_key);
  return redact_all(out, credentials_.session_token);
}

}  // namespace aws
