#include "aws/sigv4.hpp"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <map>

#include "aws/crypto.hpp"

namespace aws::sigv4 {

namespace {

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";

bool is_unreserved(unsigned char c) {
  return std::isalnum(c) != 0 || c == '-' || c == '.' || c == '_' || c == '~';
}

std::string to_lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Trims the value and folds every run of whitespace (including the line breaks of an obs-folded
// multi-line header) into a single space, as the canonical header form requires.
std::string canonical_header_value(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  bool pending_space = false;
  for (char c : value) {
    if (is_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

// Headers the SDKs never sign: they are added or rewritten by proxies and HTTP stacks after signing.
bool is_unsigned_header(std::string_view lower_name) {
  return lower_name == "authorization" || lower_name == "user-agent" || lower_name == "x-amzn-trace-id" ||
         lower_name == "expect";
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decoding that leaves malformed escapes as they are (a signer must not throw on odd input;
// the service will judge the request).
std::string uri_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      const int hi = hex_value(text[i + 1]);
      const int lo = hex_value(text[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

std::string credential_scope(const SigningParams& params, const std::string& date) {
  return date + "/" + params.region + "/" + params.service + "/aws4_request";
}

}  // namespace

SigningParams defaults_for_service(std::string_view service) {
  SigningParams params;
  params.service = std::string(service);
  const bool s3 = service == "s3" || service == "s3-object-lambda" || service == "s3express";
  params.normalize_path = !s3;
  params.escape_path = !s3;
  return params;
}

std::string amz_date(std::chrono::system_clock::time_point time) {
  const std::time_t t = std::chrono::system_clock::to_time_t(time);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y%m%dT%H%M%SZ", &utc);
  return buffer;
}

std::string uri_encode(std::string_view text, bool keep_slash) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    if (is_unreserved(c) || (keep_slash && c == '/')) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kDigits[c >> 4]);
      out.push_back(kDigits[c & 0x0f]);
    }
  }
  return out;
}

std::string canonical_path(std::string_view path, bool normalize, bool escape) {
  std::string result;
  if (path.empty()) {
    result = "/";
  } else if (!normalize) {
    result = std::string(path);
  } else {
    // RFC 3986 dot-segment removal, plus dropping empty segments ("//"), keeping a trailing slash.
    std::vector<std::string_view> segments;
    std::size_t start = 0;
    while (start <= path.size()) {
      const std::size_t slash = path.find('/', start);
      const std::size_t end = slash == std::string_view::npos ? path.size() : slash;
      const std::string_view segment = path.substr(start, end - start);
      if (segment == "..") {
        if (!segments.empty()) segments.pop_back();
      } else if (!segment.empty() && segment != ".") {
        segments.push_back(segment);
      }
      if (slash == std::string_view::npos) break;
      start = slash + 1;
    }
    result = "/";
    for (std::size_t i = 0; i < segments.size(); ++i) {
      if (i > 0) result += '/';
      result += segments[i];
    }
    const bool trailing_slash = path.back() == '/';
    if (trailing_slash && !segments.empty()) result += '/';
  }
  if (result.front() != '/') result.insert(result.begin(), '/');
  return escape ? uri_encode(result, /*keep_slash=*/true) : result;
}

std::string canonical_query(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> params;
  std::size_t start = 0;
  while (start <= query.size()) {
    const std::size_t amp = query.find('&', start);
    const std::size_t end = amp == std::string_view::npos ? query.size() : amp;
    const std::string_view pair = query.substr(start, end - start);
    if (!pair.empty()) {
      const std::size_t eq = pair.find('=');
      const std::string_view key = pair.substr(0, eq);
      const std::string_view value = eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1);
      // Decode first so already-encoded and raw forms canonicalize identically.
      params.emplace_back(uri_encode(uri_decode(key), false), uri_encode(uri_decode(value), false));
    }
    if (amp == std::string_view::npos) break;
    start = amp + 1;
  }
  std::sort(params.begin(), params.end());
  std::string out;
  for (const auto& [key, value] : params) {
    if (!out.empty()) out += '&';
    out += key;
    out += '=';
    out += value;
  }
  return out;
}

SigningResult sign(const SignableRequest& request, const SigningParams& params) {
  SigningResult result;
  const std::string date_time = amz_date(params.time);
  const std::string date = date_time.substr(0, 8);
  const std::string payload_hash = crypto::sha256_hex(request.body);
  const Credentials& creds = params.credentials;

  result.headers_to_add.emplace_back("X-Amz-Date", date_time);
  if (!creds.session_token.empty()) result.headers_to_add.emplace_back("X-Amz-Security-Token", creds.session_token);
  if (params.sign_body) result.headers_to_add.emplace_back("x-amz-content-sha256", payload_hash);

  // name -> values in order of appearance; std::map gives the sorted order the canonical form wants.
  std::map<std::string, std::vector<std::string>> headers;
  auto add = [&](std::string_view name, std::string_view value) {
    std::string lower = to_lower(name);
    if (is_unsigned_header(lower)) return;
    if (params.omit_session_token && lower == "x-amz-security-token") return;
    headers[std::move(lower)].push_back(canonical_header_value(value));
  };
  for (const auto& [name, value] : request.headers) add(name, value);
  for (const auto& [name, value] : result.headers_to_add) add(name, value);

  std::string canonical_headers;
  std::string signed_headers;
  for (const auto& [name, values] : headers) {
    canonical_headers += name;
    canonical_headers += ':';
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i > 0) canonical_headers += ',';
      canonical_headers += values[i];
    }
    canonical_headers += '\n';
    if (!signed_headers.empty()) signed_headers += ';';
    signed_headers += name;
  }

  result.canonical_request = request.method + "\n" +
                             canonical_path(request.path, params.normalize_path, params.escape_path) + "\n" +
                             canonical_query(request.query) + "\n" + canonical_headers + "\n" + signed_headers +
                             "\n" + payload_hash;

  const std::string scope = credential_scope(params, date);
  result.string_to_sign = std::string(kAlgorithm) + "\n" + date_time + "\n" + scope + "\n" +
                          crypto::sha256_hex(result.canonical_request);

  // The signing key is derived from the secret; it and the secret stay in this function.
  const std::string k_date = crypto::hmac_sha256("AWS4" + creds.secret_access_key, date);
  const std::string k_region = crypto::hmac_sha256(k_date, params.region);
  const std::string k_service = crypto::hmac_sha256(k_region, params.service);
  const std::string k_signing = crypto::hmac_sha256(k_service, "aws4_request");
  result.signature = crypto::hex(crypto::hmac_sha256(k_signing, result.string_to_sign));

  result.authorization = std::string(kAlgorithm) + " Credential=" + creds.access_key_id + "/" + scope +
                         ", SignedHeaders=" + signed_headers + ", Signature=" + result.signature;
  result.headers_to_add.emplace_back("Authorization", result.authorization);
  return result;
}

}  // namespace aws::sigv4
