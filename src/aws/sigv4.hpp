#pragma once

// AWS Signature Version 4, header form (the signature goes into the Authorization header), as
// DynamoDB uses it. Pure functions of their inputs: no clock, no I/O, so the official test vectors
// (../shared/aws-sigv4-test-suite) check them byte for byte.

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aws/credentials.hpp"

namespace aws::sigv4 {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// The parts of an HTTP request that SigV4 covers.
struct SignableRequest {
  std::string method;  // "POST"
  // The path exactly as it appears in the request line, e.g. "/". See SigningParams::escape_path.
  std::string path = "/";
  std::string query;  // the raw query string without '?', "" if none
  HeaderList headers;  // every header to sign; must include Host. Names in any case, duplicates allowed.
  std::string body;
};

struct SigningParams {
  Credentials credentials;
  std::string region;   // "us-east-1"
  std::string service;  // "dynamodb"
  std::chrono::system_clock::time_point time;
  // Remove "." / ".." segments and empty segments from the path before signing. The SDKs do this
  // for every service but S3 (see defaults_for_service). DynamoDB only ever uses "/", so this
  // matters for correctness of the signer rather than for DynamoDB.
  bool normalize_path = true;
  // URI-encode the path for the canonical request ("double encoding" of an already-encoded wire
  // path). True for every service but S3, as in the SDKs.
  bool escape_path = true;
  // Add and sign x-amz-content-sha256 (S3-style). DynamoDB does not need it.
  bool sign_body = false;
  // Send x-amz-security-token but leave it out of the signature (some services, e.g. IoT, want that).
  bool omit_session_token = false;
};

// The per-service defaults of normalize_path and escape_path the SDKs use (false for "s3").
SigningParams defaults_for_service(std::string_view service);

struct SigningResult {
  std::string canonical_request;
  std::string string_to_sign;
  std::string signature;      // 64 hex digits
  std::string authorization;  // the value of the Authorization header
  // The headers to add to the request, in this order: X-Amz-Date, X-Amz-Security-Token (if a token),
  // x-amz-content-sha256 (if sign_body), Authorization.
  HeaderList headers_to_add;
};

// Signs `request`. The request's own headers must not already contain the headers sign() adds.
SigningResult sign(const SignableRequest& request, const SigningParams& params);

// Building blocks, exposed for tests.
std::string amz_date(std::chrono::system_clock::time_point time);  // "20150830T123600Z"
std::string canonical_path(std::string_view path, bool normalize, bool escape);
std::string canonical_query(std::string_view query);
// RFC 3986 percent-encoding of every byte but the unreserved ones (A-Z a-z 0-9 - . _ ~), and '/'
// too unless `keep_slash`. Upper-case hex, as SigV4 requires.
std::string uri_encode(std::string_view text, bool keep_slash);

}  // namespace aws::sigv4
