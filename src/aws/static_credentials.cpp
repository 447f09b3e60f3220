#include "aws/static_credentials.hpp"

#include <utility>

#include "aws/errors.hpp"

namespace aws {

StaticCredentialsProvider::StaticCredentialsProvider(Credentials credentials) : credentials_(std::move(credentials)) {
  if (credentials_.access_key_id.empty() || credentials_.secret_access_key.empty()) {
    throw CredentialsError("explicit credentials need both an access key id and a secret access key");
  }
}

std::optional<Credentials> StaticCredentialsProvider::resolve(std::string&) { return credentials_; }

}  // namespace aws
