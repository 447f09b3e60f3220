#pragma once

#include <chrono>
#include <cstddef>

#include <httplib.h>

namespace order_http {

// The limits the server enforces on every connection, before any handler runs.
struct ConnectionLimits {
  std::size_t max_connections = 128;               // served at once; more get an immediate 503
  std::size_t max_header_bytes = 16 * 1024;        // request line + headers; more: 431, closed
  std::size_t max_body_bytes = 256 * 1024;         // Content-Length or chunked total; more: 413
  std::chrono::milliseconds request_timeout{10'000};  // whole request (headers + body) must arrive in it: 408
  std::chrono::milliseconds idle_timeout{5'000};      // no byte for this long while reading: closed
  std::chrono::milliseconds write_timeout{5'000};     // a client that reads nothing for this long: closed
  std::chrono::milliseconds keep_alive_timeout{5'000};  // idle between requests on one connection
  std::size_t keep_alive_max_requests = 1000;      // requests per connection before it is closed
};

// Called from a handler: the connection it runs on is closed after this
// response (e.g. a refused body that was never read must not be parsed as
// the next request).
void close_connection_after_response();

// cpp-httplib's Server with the limits it lacks (Debian 12's 0.11.4): a
// request deadline (a slowloris client sending one byte every few seconds is
// cut off after `request_timeout`, where the library only bounds each read), a
// cap on the total header bytes (the library bounds each line only), and a
// fixed number of connection threads whose overflow is answered 503 at once
// instead of queueing without bound. It keeps the library's parser, router and
// response writer: it replaces only the per-connection loop
// (process_and_close_socket) with one that reads through its own Stream.
class GuardedServer : public httplib::Server {
 public:
  explicit GuardedServer(const ConnectionLimits& limits);
  ~GuardedServer() override;

  const ConnectionLimits& limits() const { return limits_; }
  // Connections being served right now (for tests and the startup banner).
  std::size_t active_connections() const;
  // stop(), and idle keep-alive connections close at once instead of after
  // their keep-alive timeout (the library's is_running() stays true until
  // every connection thread has finished).
  void shut_down();
  bool shutting_down() const { return shutting_down_.load(); }

 private:
  bool process_and_close_socket(socket_t sock) override;

  ConnectionLimits limits_;
  std::atomic<std::size_t> active_{0};
  std::atomic<bool> shutting_down_{false};
};

}  // namespace order_http
