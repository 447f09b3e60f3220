#include "aws/http_client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <stdexcept>

#include "aws/errors.hpp"
#include "aws/text.hpp"

namespace aws::http {

namespace {

// curl_global_init is not thread-safe and must run once per process before any handle exists.
void global_init_once() {
  static const bool done = [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw NetworkError(0, "curl_global_init failed");
    return true;
  }();
  (void)done;
}

size_t on_body(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* headers = static_cast<HeaderList*>(user);
  const std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {
    headers->clear();  // a new response (after 100-continue): keep only the final one's headers
  } else if (const auto colon = line.find(':'); colon != std::string_view::npos) {
    headers->emplace_back(to_lower(trim(line.substr(0, colon))), std::string(trim(line.substr(colon + 1))));
  }
  return size * count;
}

struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

}  // namespace

struct HttpClient::Handle {
  CURL* curl;
  Handle() : curl(curl_easy_init()) {
    if (curl == nullptr) throw NetworkError(0, "curl_easy_init failed");
  }
  ~Handle() { curl_easy_cleanup(curl); }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
};

std::optional<std::string> Response::header(std::string_view name) const {
  const std::string lower = to_lower(name);
  for (const auto& [key, value] : headers) {
    if (key == lower) return value;
  }
  return std::nullopt;
}

HttpClient::HttpClient() { global_init_once(); }
HttpClient::~HttpClient() = default;

std::unique_ptr<HttpClient::Handle> HttpClient::acquire() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto handle = std::move(idle_.back());
      idle_.pop_back();
      return handle;
    }
  }
  return std::make_unique<Handle>();
}

void HttpClient::release(std::unique_ptr<Handle> handle) {
  // Keep a bounded number of idle handles (and so of idle connections) around.
  constexpr std::size_t kMaxIdle = 32;
  std::lock_guard lock(mutex_);
  if (idle_.size() < kMaxIdle) idle_.push_back(std::move(handle));
}

namespace {

// Header values come partly from outside (credentials, tokens, configuration). A CR or LF would
// let one value add headers of its own (header injection), a NUL would cut it short: refused, and
// the message names the header only (its value may be a secret).
void check_header_values(const HeaderList& headers) {
  for (const auto& [name, value] : headers) {
    const bool bad_name = name.empty() || std::any_of(name.begin(), name.end(), [](char c) {
      const auto byte = static_cast<unsigned char>(c);
      return byte <= 0x20 || byte >= 0x7f || c == ':';
    });
    const bool bad_value = std::any_of(value.begin(), value.end(), [](char c) {
      const auto byte = static_cast<unsigned char>(c);
      return (byte < 0x20 && c != '\t') || byte == 0x7f;
    });
    if (bad_name) throw ConfigurationError("refusing to send an HTTP header with an empty or malformed name");
    if (bad_value)
      throw ConfigurationError("refusing to send HTTP header " + name +
                               ": its value (from credentials or configuration) contains a line break or control "
                               "character");
  }
}

}  // namespace

Response HttpClient::send(const Request& request) {
  check_header_values(request.headers);
  auto handle = acquire();
  CURL* curl = handle->curl;
  // Reset clears options but keeps the handle's live connections: that is the keep-alive.
  curl_easy_reset(curl);

  Response response;
  std::unique_ptr<curl_slist, SlistDeleter> header_list;
  auto append = [&](const std::string& line) {
    curl_slist* next = curl_slist_append(header_list.get(), line.c_str());
    if (next == nullptr) throw NetworkError(0, "out of memory building request headers");
    (void)header_list.release();
    header_list.reset(next);
  };
  for (const auto& [name, value] : request.headers) append(name + ": " + value);
  // curl would otherwise send "Expect: 100-continue" for larger bodies and wait for a go-ahead:
  // a wasted round trip, and a header the signature does not cover.
  append("Expect:");

  char error_buffer[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, header_list.get());
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // no SIGALRM-based timeouts: required with threads
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(request.connect_timeout_ms));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(request.request_timeout_ms));
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response.headers);

  if (request.method == "GET") {
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  } else {
    if (request.method != "POST") curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  }

  const CURLcode code = curl_easy_perform(curl);
  if (code != CURLE_OK) {
    // The message names the failure and the URL (never headers, where the signature lives).
    std::string text = "HTTP request to " + request.url + " failed: " +
                       (error_buffer[0] != '\0' ? std::string(error_buffer) : std::string(curl_easy_strerror(code)));
    // A handle whose exchange failed may hold a broken connection; do not pool it.
    throw NetworkError(static_cast<int>(code), text);
  }
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
  release(std::move(handle));
  return response;
}

std::string Url::authority() const {
  const bool default_port = (scheme == "http" && port == 80) || (scheme == "https" && port == 443);
  if (default_port) return host;
  return host + ":" + std::to_string(port);
}

Url parse_url(std::string_view url) {
  Url out;
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) throw std::invalid_argument("not an absolute URL: " + std::string(url));
  out.scheme = to_lower(url.substr(0, scheme_end));
  if (out.scheme != "http" && out.scheme != "https") {
    throw std::invalid_argument("unsupported URL scheme (want http or https): " + std::string(url));
  }
  std::string_view rest = url.substr(scheme_end + 3);
  const auto authority_end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, authority_end);
  rest = authority_end == std::string_view::npos ? std::string_view{} : rest.substr(authority_end);
  if (const auto at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
  out.port = out.scheme == "https" ? 443 : 80;
  std::string_view host = authority;
  // IPv6 literal: [::1]:8000
  const auto close_bracket = authority.find(']');
  const auto colon = authority.find(':', close_bracket == std::string_view::npos ? 0 : close_bracket);
  if (colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    const std::string_view port_text = authority.substr(colon + 1);
    int port = 0;
    const auto [ptr, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc{} || ptr != port_text.data() + port_text.size() || port <= 0 || port > 65535) {
      throw std::invalid_argument("bad port in URL: " + std::string(url));
    }
    out.port = port;
  }
  if (host.empty()) throw std::invalid_argument("no host in URL: " + std::string(url));
  out.host = to_lower(host);
  if (const auto hash = rest.find('#'); hash != std::string_view::npos) rest = rest.substr(0, hash);
  const auto question = rest.find('?');
  out.path = std::string(rest.substr(0, question));
  if (out.path.empty()) out.path = "/";
  if (question != std::string_view::npos) out.query = std::string(rest.substr(question + 1));
  return out;
}

}  // namespace aws::http
