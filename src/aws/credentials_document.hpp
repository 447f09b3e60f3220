#pragma once

// The JSON document the container and instance metadata services answer with:
// {"AccessKeyId": ..., "SecretAccessKey": ..., "Token": ..., "Expiration": "2024-...Z"}.

#include <string>
#include <string_view>

#include "aws/credentials.hpp"

namespace aws {

// Throws CredentialsError naming `source` (never echoing the document, which holds the secret)
// when the body is not such a document.
Credentials parse_credentials_document(std::string_view body, const std::string& source);

}  // namespace aws
