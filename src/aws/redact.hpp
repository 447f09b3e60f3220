#pragma once

// Scrubs secrets out of text that may end up in an exception message or a log: a service or a
// proxy may echo parts of a request back (a fake server in the tests does exactly that).

#include <string>
#include <string_view>

#include "aws/credentials.hpp"

namespace aws {

class Redactor {
 public:
  explicit Redactor(const Credentials& credentials) : credentials_(credentials) {}
  // `text` with every occurrence of the secret access key and the session token replaced.
  std::string operator()(std::string_view text) const;

 private:
  const Credentials& credentials_;
};

std::string redact_all(std::string_view text, std::string_view secret, std::string_view replacement = "[redacted]");

}  // namespace aws
