// SigV4 (aws/sigv4.hpp): canonical URI and query of arbitrary paths and queries, then signing;
// and http::parse_url, which turns the configured endpoint into the path and query signed.
//
// The input reads like a request head:
//   /a/../b//c%2F?x=1&x=&%E2%82%AC=2      (the request target, or an absolute URL)
//   X-Amz-Target: DynamoDB_20120810.GetItem
//   <blank line>
//   {"TableName":"orders"}                 (the body)
//
// Invariants:
//  - parse_url throws only std::invalid_argument; what it returns has an http(s) scheme, a
//    lower-case host, a port in 1..65535 and a path starting with '/', and reads back the same
//    from scheme://authority()path?query; a target on the endpoint comes back as its path/query;
//  - uri_encode writes only unreserved characters and %XX (upper-case hex), and decodes back;
//  - canonical_path: as given without normalisation; normalised, it starts with '/', has no
//    empty, "." or ".." segment, keeps a trailing slash, and is idempotent; escaped, it is the
//    uri_encode of the normalised path;
//  - canonical_query: one key=value per non-empty parameter, sorted, encoded, idempotent;
//  - sign: deterministic; the canonical request is method / canonical path / canonical query /
//    headers / signed header list / payload hash, with the signed headers lower-case, sorted,
//    unique, never Authorization or User-Agent; string to sign, Authorization and the added headers
//    have their documented form; header-name case does not change the signature; the secret
//    key never appears in anything sign() returns.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "aws/crypto.hpp"
#include "aws/http_client.hpp"
#include "aws/sigv4.hpp"
#include "fuzz_support.hpp"

namespace {

namespace sigv4 = aws::sigv4;

constexpr std::string_view kEndpoint = "https://dynamodb.us-east-1.amazonaws.com";
constexpr std::string_view kSecret = "fake/secret+for+fuzzing+only+not+a+key00";
constexpr std::string_view kSessionToken = "fake-session-token-for-fuzzing-only";

struct RequestHead {
  std::string target;
  sigv4::HeaderList headers;
  std::string body;
};

bool is_token_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

RequestHead read_head(std::string_view text) {
  RequestHead head;
  head.target = std::string(fuzz::take_line(text));
  while (!text.empty()) {
    const std::string_view line = fuzz::take_line(text);
    if (line.empty()) break;
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) continue;
    const std::string_view name = line.substr(0, colon);
    // Header names are tokens (RFC 9110); sign() adds these itself and must not find them.
    if (!std::all_of(name.begin(), name.end(), is_token_char)) continue;
    const std::string lowered = lower(name);
    if (lowered == "x-amz-date" || lowered == "x-amz-security-token" || lowered == "x-amz-content-sha256" ||
        lowered == "authorization")
      continue;
    head.headers.emplace_back(std::string(name), std::string(line.substr(colon + 1)));
  }
  head.body = std::string(text);
  return head;
}

// --- URI encoding ----------------------------------------------------------------------------

bool is_unreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;  // lower case is not SigV4's form
}

// Decodes an encoded text, or nullopt when it is not in uri_encode's output form.
std::optional<std::string> strict_decode(std::string_view encoded, bool slash_allowed) {
  std::string out;
  for (std::size_t i = 0; i < encoded.size(); ++i) {
    const char c = encoded[i];
    if (is_unreserved(c) || (slash_allowed && c == '/')) {
      out.push_back(c);
    } else if (c == '%' && i + 2 < encoded.size() && hex_digit(encoded[i + 1]) >= 0 && hex_digit(encoded[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_digit(encoded[i + 1]) * 16 + hex_digit(encoded[i + 2])));
      i += 2;
    } else {
      return std::nullopt;
    }
  }
  return out;
}

void check_uri_encode(std::string_view text) {
  for (const bool keep_slash : {false, true}) {
    const std::string encoded = sigv4::uri_encode(text, keep_slash);
    FUZZ_CHECK_MSG(strict_decode(encoded, keep_slash) == std::string(text), encoded);
  }
}

// --- Canonical path --------------------------------------------------------------------------

std::vector<std::string_view> segments_of(std::string_view path) {
  std::vector<std::string_view> segments;
  std::size_t start = 1;  // after the leading '/'
  while (start <= path.size()) {
    const auto slash = path.find('/', start);
    segments.push_back(path.substr(start, (slash == std::string_view::npos ? path.size() : slash) - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return segments;
}

void check_canonical_path(const std::string& path) {
  const std::string raw = sigv4::canonical_path(path, /*normalize=*/false, /*escape=*/false);
  FUZZ_CHECK(raw == (path.empty() ? "/" : path.front() == '/' ? path : "/" + path));

  const std::string normal = sigv4::canonical_path(path, /*normalize=*/true, /*escape=*/false);
  FUZZ_CHECK_MSG(!normal.empty() && normal.front() == '/', normal);
  if (normal != "/") {
    std::vector<std::string_view> segments = segments_of(normal);
    const bool trailing = normal.back() == '/';
    if (trailing) segments.pop_back();
    for (std::string_view segment : segments)
      FUZZ_CHECK_MSG(!segment.empty() && segment != "." && segment != "..", "'" + path + "' -> '" + normal + "'");
    FUZZ_CHECK_MSG(trailing == (path.back() == '/'), "'" + path + "' -> '" + normal + "'");
  }
  FUZZ_CHECK_MSG(sigv4::canonical_path(normal, true, false) == normal, "not idempotent: '" + normal + "'");

  const std::string escaped = sigv4::canonical_path(path, /*normalize=*/true, /*escape=*/true);
  FUZZ_CHECK(escaped == sigv4::uri_encode(normal, /*keep_slash=*/true));
  FUZZ_CHECK(strict_decode(escaped, /*slash_allowed=*/true) == normal);
  FUZZ_CHECK(sigv4::canonical_path(path, false, true) == sigv4::uri_encode(raw, true));
}

// --- Canonical query -------------------------------------------------------------------------

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  while (true) {
    const auto at = text.find(separator);
    parts.push_back(text.substr(0, at));
    if (at == std::string_view::npos) return parts;
    text.remove_prefix(at + 1);
  }
}

void check_canonical_query(const std::string& query) {
  const std::string canonical = sigv4::canonical_query(query);
  std::size_t parameters = 0;
  for (std::string_view part : split(query, '&'))
    if (!part.empty()) ++parameters;
  if (parameters == 0) {
    FUZZ_CHECK(canonical.empty());
  } else {
    const std::vector<std::string_view> pairs = split(canonical, '&');
    FUZZ_CHECK_MSG(pairs.size() == parameters, "'" + query + "' -> '" + canonical + "'");
    std::optional<std::pair<std::string_view, std::string_view>> previous;
    for (std::string_view pair : pairs) {
      const auto eq = pair.find('=');
      FUZZ_CHECK_MSG(eq != std::string_view::npos && pair.find('=', eq + 1) == std::string_view::npos, canonical);
      const auto current = std::pair(pair.substr(0, eq), pair.substr(eq + 1));
      FUZZ_CHECK_MSG(strict_decode(current.first, false) && strict_decode(current.second, false), canonical);
      FUZZ_CHECK_MSG(!previous || *previous <= current, "not sorted: " + canonical);
      previous = current;
    }
  }
  FUZZ_CHECK_MSG(sigv4::canonical_query(canonical) == canonical, "not idempotent: " + canonical);
}

// --- parse_url -------------------------------------------------------------------------------

void check_url(const aws::http::Url& url) {
  FUZZ_CHECK(url.scheme == "http" || url.scheme == "https");
  FUZZ_CHECK(!url.host.empty() && url.host == lower(url.host));
  FUZZ_CHECK(url.port >= 1 && url.port <= 65535);
  FUZZ_CHECK(!url.path.empty() && url.path.front() == '/');
  const std::string again_text =
      url.scheme + "://" + url.authority() + url.path + (url.query.empty() ? "" : "?" + url.query);
  aws::http::Url again;
  try {
    again = aws::http::parse_url(again_text);
  } catch (const std::invalid_argument& error) {
    FUZZ_FAIL(again_text + " does not parse: " + error.what());
  }
  FUZZ_CHECK_MSG(again.scheme == url.scheme && again.host == url.host && again.port == url.port &&
                     again.path == url.path && again.query == url.query,
                 again_text);
}

// The path and query the client would sign for this target.
std::optional<aws::http::Url> url_of(const std::string& target) {
  if (!target.empty() && target.front() != '/' && target.find("://") != std::string::npos) {
    try {
      aws::http::Url url = aws::http::parse_url(target);
      check_url(url);
      return url;
    } catch (const std::invalid_argument&) {
      return std::nullopt;
    }
  }
  const std::string absolute = std::string(kEndpoint) + (target.empty() || target.front() != '/' ? "/" : "") + target;
  aws::http::Url url;
  try {
    url = aws::http::parse_url(absolute);
  } catch (const std::invalid_argument& error) {
    FUZZ_FAIL(absolute + " does not parse: " + error.what());
  }
  check_url(url);
  FUZZ_CHECK(url.host == "dynamodb.us-east-1.amazonaws.com" && url.port == 443);
  std::string_view rest = std::string_view(absolute).substr(kEndpoint.size());
  rest = rest.substr(0, rest.find('#'));
  const auto question = rest.find('?');
  FUZZ_CHECK(url.path == rest.substr(0, question));
  FUZZ_CHECK(url.query == (question == std::string_view::npos ? std::string_view() : rest.substr(question + 1)));
  return url;
}

// --- sign ------------------------------------------------------------------------------------

bool is_lower_hex(std::string_view text, std::size_t length) {
  return text.size() == length &&
         std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

void check_sign(const RequestHead& head, const aws::http::Url& url, bool s3_style) {
  sigv4::SignableRequest request;
  request.method = "POST";
  request.path = url.path;
  request.query = url.query;
  request.headers = {{"Host", url.authority()}};
  request.headers.insert(request.headers.end(), head.headers.begin(), head.headers.end());
  request.body = head.body;

  sigv4::SigningParams params = sigv4::defaults_for_service(s3_style ? "s3" : "dynamodb");
  params.credentials.access_key_id = "AKIDFUZZEXAMPLE";
  params.credentials.secret_access_key = std::string(kSecret);
  if (!s3_style) params.credentials.session_token = std::string(kSessionToken);
  params.region = "us-east-1";
  params.time = std::chrono::sys_days{std::chrono::year{2015} / 8 / 30} + std::chrono::hours{12} +
                std::chrono::minutes{36};
  params.sign_body = s3_style;
  const std::string service = s3_style ? "s3" : "dynamodb";

  const sigv4::SigningResult result = sigv4::sign(request, params);
  const sigv4::SigningResult again = sigv4::sign(request, params);
  FUZZ_CHECK(result.signature == again.signature && result.canonical_request == again.canonical_request);
  FUZZ_CHECK(is_lower_hex(result.signature, 64));

  // The canonical request, line by line.
  const std::vector<std::string_view> lines = split(result.canonical_request, '\n');
  FUZZ_CHECK_MSG(lines.size() >= 6, result.canonical_request);
  FUZZ_CHECK(lines[0] == "POST");
  FUZZ_CHECK_MSG(lines[1] == sigv4::canonical_path(url.path, params.normalize_path, params.escape_path),
                 result.canonical_request);
  FUZZ_CHECK(lines[2] == sigv4::canonical_query(url.query));
  const std::string payload_hash = aws::crypto::sha256_hex(head.body);
  FUZZ_CHECK(lines.back() == payload_hash);
  const std::string_view signed_headers = lines[lines.size() - 2];
  FUZZ_CHECK(lines[lines.size() - 3].empty());
  const std::vector<std::string_view> names = split(signed_headers, ';');
  FUZZ_CHECK_MSG(lines.size() == 3 + names.size() + 3, result.canonical_request);
  for (std::size_t i = 0; i < names.size(); ++i) {
    FUZZ_CHECK_MSG(!names[i].empty() && names[i] == lower(names[i]), std::string(signed_headers));
    FUZZ_CHECK_MSG(i == 0 || names[i - 1] < names[i], std::string(signed_headers));
    FUZZ_CHECK(names[i] != "authorization" && names[i] != "user-agent" && names[i] != "expect" &&
               names[i] != "x-amzn-trace-id");
    FUZZ_CHECK(lines[3 + i].substr(0, names[i].size() + 1) == std::string(names[i]) + ":");
  }
  const auto has = [&names](std::string_view name) { return std::find(names.begin(), names.end(), name) != names.end(); };
  FUZZ_CHECK(has("host") && has("x-amz-date"));
  FUZZ_CHECK(has("x-amz-security-token") == !s3_style && has("x-amz-content-sha256") == s3_style);

  const std::string scope = "20150830/us-east-1/" + service + "/aws4_request";
  FUZZ_CHECK(result.string_to_sign == "AWS4-HMAC-SHA256\n20150830T123600Z\n" + scope + "\n" +
                                          aws::crypto::sha256_hex(result.canonical_request));
  FUZZ_CHECK(result.authorization == "AWS4-HMAC-SHA256 Credential=AKIDFUZZEXAMPLE/" + scope +
                                         ", SignedHeaders=" + std::string(signed_headers) +
                                         ", Signature=" + result.signature);
  using Header = std::pair<std::string, std::string>;
  FUZZ_CHECK(result.headers_to_add.size() == 3);
  FUZZ_CHECK((result.headers_to_add.front() == Header{"X-Amz-Date", "20150830T123600Z"}));
  FUZZ_CHECK((result.headers_to_add.back() == Header{"Authorization", result.authorization}));
  if (s3_style) FUZZ_CHECK(result.headers_to_add[1].second == payload_hash);

  // The secret never leaves sign(), unless the request itself carries it.
  const bool input_has_secret = head.target.find(kSecret) != std::string::npos ||
                                head.body.find(kSecret) != std::string::npos ||
                                std::any_of(head.headers.begin(), head.headers.end(), [](const auto& header) {
                                  return header.second.find(kSecret) != std::string::npos;
                                });
  if (!input_has_secret) {
    FUZZ_CHECK(result.canonical_request.find(kSecret) == std::string::npos);
    FUZZ_CHECK(result.string_to_sign.find(kSecret) == std::string::npos);
    for (const auto& [name, value] : result.headers_to_add) FUZZ_CHECK(value.find(kSecret) == std::string::npos);
  }

  // Header names are case-insensitive.
  sigv4::SignableRequest shouted = request;
  for (auto& [name, value] : shouted.headers)
    for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  FUZZ_CHECK(sigv4::sign(shouted, params).signature == result.signature);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const RequestHead head = read_head(fuzz::text_of(data, size));
  check_uri_encode(head.target);
  check_canonical_path(head.target.substr(0, head.target.find('?')));
  check_canonical_query(head.target.find('?') == std::string::npos ? std::string()
                                                                   : head.target.substr(head.target.find('?') + 1));
  const std::optional<aws::http::Url> url = url_of(head.target);
  if (!url) return 0;
  check_canonical_path(url->path);
  check_canonical_query(url->query);
  check_sign(head, *url, /*s3_style=*/false);
  check_sign(head, *url, /*s3_style=*/true);
  return 0;
}
