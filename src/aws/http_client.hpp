#pragma once

// A small blocking HTTP/1.1 client on libcurl, safe to use from many threads at once.
//
// Why a pool of easy handles: a curl easy handle keeps its own cache of open connections, so
// reusing handles gives keep-alive (no TCP/TLS handshake per request), while a handle must never
// be used by two threads at once. Each send() borrows an idle handle (or makes one) and gives it
// back afterwards; RAII makes sure it is returned or freed even when an exception flies.

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aws::http {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method = "GET";  // GET, PUT, POST, ...
  std::string url;             // absolute: http://host:port/path?query
  HeaderList headers;          // sent as given (curl adds nothing we sign, see http_client.cpp)
  std::string body;
  int connect_timeout_ms = 3000;
  int request_timeout_ms = 10000;  // whole exchange, connect included
};

struct Response {
  long status = 0;
  HeaderList headers;  // names lower-cased, in arrival order
  std::string body;

  // The first header of that (case-insensitive) name.
  std::optional<std::string> header(std::string_view name) const;
};

class HttpClient {
 public:
  HttpClient();
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Performs the exchange. Any HTTP status is a normal return; throws aws::NetworkError when no
  // complete response arrived (refused, reset, timed out, TLS failure...).
  Response send(const Request& request);

 private:
  struct Handle;  // owns one CURL*
  std::unique_ptr<Handle> acquire();
  void release(std::unique_ptr<Handle> handle);

  std::mutex mutex_;
  std::vector<std::unique_ptr<Handle>> idle_;
};

// Splits an absolute URL into its parts; throws std::invalid_argument if it is not http(s)://host...
struct Url {
  std::string scheme;  // "http" or "https"
  std::string host;    // without port
  int port = 0;        // explicit port, or the scheme's default
  std::string path;    // "/" if absent
  std::string query;   // without '?'
  // The Host header value: host, plus ":port" when not the scheme's default.
  std::string authority() const;
};
Url parse_url(std::string_view url);

}  // namespace aws::http
