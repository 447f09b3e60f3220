#include "aws/endpoint_url.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <new>

#include "aws/errors.hpp"

namespace aws {

namespace {

struct UrlDeleter {
  void operator()(CURLU* url) const { curl_url_cleanup(url); }
};
struct CurlStringDeleter {
  void operator()(char* text) const { curl_free(text); }
};
using CurlString = std::unique_ptr<char, CurlStringDeleter>;

constexpr std::string_view kRule = "must be an http:// or https:// URL of the form scheme://host[:port][/path]";

// Thrown with the rule and the reason; checked_endpoint_url() puts the source in front.
[[noreturn]] void refuse(const std::string& why) { throw ConfigurationError(std::string(kRule) + "; " + why); }

// The part, or an empty string when the URL has none.
std::string part(CURLU* url, CURLUPart which) {
  char* raw = nullptr;
  const CURLUcode code = curl_url_get(url, which, &raw, 0);
  CurlString owned(raw);
  if (code == CURLUE_OK) return owned ? std::string(owned.get()) : std::string();
  if (code == CURLUE_NO_USER || code == CURLUE_NO_PASSWORD || code == CURLUE_NO_OPTIONS || code == CURLUE_NO_PORT ||
      code == CURLUE_NO_QUERY || code == CURLUE_NO_FRAGMENT || code == CURLUE_NO_ZONEID)
    return {};
  refuse(std::string("libcurl cannot read it (") + curl_url_strerror(code) + ")");
}

bool host_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
}
bool ipv6_char(char c) { return std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.'; }

std::string canonical_endpoint_url(std::string_view url) {
  // Characters refused before parsing, so no parser's reading of them matters.
  for (const char c : url) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte >= 0x7f || c == '\\')
      refuse("it contains a space, a control character, a backslash or a non-ASCII byte");
    if (c == '@') refuse("a user name or password ('@') is not allowed");
    if (c == '?') refuse("a query ('?') is not allowed");
    if (c == '#') refuse("a fragment ('#') is not allowed");
  }
  const std::unique_ptr<CURLU, UrlDeleter> parsed(curl_url());
  if (!parsed) throw std::bad_alloc();
  const std::string text(url);
  if (const CURLUcode code = curl_url_set(parsed.get(), CURLUPART_URL, text.c_str(), CURLU_DISALLOW_USER);
      code != CURLUE_OK)
    refuse(std::string("libcurl refuses it (") + curl_url_strerror(code) + ")");

  std::string scheme = part(parsed.get(), CURLUPART_SCHEME);
  std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (scheme != "http" && scheme != "https") refuse("the scheme is '" + scheme + "'");
  if (!part(parsed.get(), CURLUPART_USER).empty() || !part(parsed.get(), CURLUPART_PASSWORD).empty() ||
      !part(parsed.get(), CURLUPART_OPTIONS).empty())
    refuse("a user name or password is not allowed");
  if (!part(parsed.get(), CURLUPART_QUERY).empty()) refuse("a query ('?') is not allowed");
  if (!part(parsed.get(), CURLUPART_FRAGMENT).empty()) refuse("a fragment ('#') is not allowed");
  if (!part(parsed.get(), CURLUPART_ZONEID).empty()) refuse("an IPv6 zone id is not allowed");

  std::string host = part(parsed.get(), CURLUPART_HOST);
  std::transform(host.begin(), host.end(), host.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const bool ipv6 = host.size() > 2 && host.front() == '[' && host.back() == ']' &&
                    std::all_of(host.begin() + 1, host.end() - 1, ipv6_char);
  const bool name = !host.empty() && std::all_of(host.begin(), host.end(), host_char);
  if (!ipv6 && !name) refuse("the host must be a name of a-z, 0-9, '.', '-', or an IP address");

  const std::string port = part(parsed.get(), CURLUPART_PORT);
  std::string path = part(parsed.get(), CURLUPART_PATH);
  if (path == "/") path.clear();
  return scheme + "://" + host + (port.empty() ? "" : ":" + port) + path;
}

}  // namespace

std::string endpoint_url_problem(std::string_view url) {
  try {
    (void)canonical_endpoint_url(url);
    return {};
  } catch (const ConfigurationError& error) {
    return error.what();
  }
}

std::string checked_endpoint_url(std::string_view url, std::string_view source) {
  try {
    return canonical_endpoint_url(url);
  } catch (const ConfigurationError& error) {
    throw ConfigurationError(std::string(source) + ": " + error.what());
  }
}

}  // namespace aws
