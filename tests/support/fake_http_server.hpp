#pragma once

// A tiny threaded HTTP/1.1 server on a free 127.0.0.1 port, for testing the AWS layer against
// scripted replies: 5xx, throttling JSON, a bad x-amz-crc32, a reset connection, a slow answer.
// Each accepted connection gets its own thread and supports keep-alive. Every request seen is
// recorded. The destructor stops the server and joins its threads.

#include <atomic>
#include <chrono>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace testing_support {

using FakeHeaders = std::vector<std::pair<std::string, std::string>>;

struct FakeResponse {
  int status = 200;
  FakeHeaders headers;
  std::string body;
  // Instead of answering, reset the TCP connection (RST): the client sees a transport failure.
  bool reset_connection = false;
  // Wait this long before answering (to trigger the client's request timeout).
  std::chrono::milliseconds delay{0};

  static FakeResponse json(int status, std::string body);  // with Content-Type: application/x-amz-json-1.0
  static FakeResponse text(int status, std::string body);
  static FakeResponse reset();
};

struct RecordedRequest {
  std::string method;
  std::string target;  // path and query, as on the request line
  FakeHeaders headers;  // names as received
  std::string body;
  // The first header of that name (case-insensitive).
  std::optional<std::string> header(const std::string& name) const;
};

class FakeHttpServer {
 public:
  using Handler = std::function<FakeResponse(const RecordedRequest&)>;

  FakeHttpServer();
  ~FakeHttpServer();
  FakeHttpServer(const FakeHttpServer&) = delete;
  FakeHttpServer& operator=(const FakeHttpServer&) = delete;

  // Scripted replies, used in order; when none is left the handler answers (default: 404).
  void enqueue(FakeResponse response);
  void set_handler(Handler handler);

  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  std::vector<RecordedRequest> requests() const;
  std::size_t request_count() const;
  std::size_t connection_count() const { return connections_accepted_.load(); }

 private:
  void accept_loop();
  void serve(int fd);
  FakeResponse next_response(const RecordedRequest& request);

  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<std::size_t> connections_accepted_{0};
  std::thread acceptor_;

  mutable std::mutex mutex_;
  std::deque<FakeResponse> script_;
  Handler handler_;
  std::vector<RecordedRequest> requests_;
  std::vector<int> open_fds_;
  std::vector<std::thread> workers_;
};

}  // namespace testing_support
