#include "http/guarded_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace order_http {
namespace {

using Clock = std::chrono::steady_clock;

// Set on the thread that only turns away connections over the limit.
thread_local bool t_turn_away = false;
// Set by a handler that wants its connection closed after the response.
thread_local bool t_close_after_response = false;

// Waits up to `timeout` for `events` on `fd`: >0 ready, 0 timed out, <0 error.
int wait_for(int fd, short events, std::chrono::milliseconds timeout) {
  pollfd p{fd, events, 0};
  const int ms = static_cast<int>(std::max<std::int64_t>(0, timeout.count()));
  for (;;) {
    const int r = ::poll(&p, 1, ms);
    if (r < 0 && errno == EINTR) continue;
    if (r > 0 && (p.revents & (POLLERR | POLLNVAL)) != 0 && (p.revents & events) == 0) return -1;
    return r;
  }
}

// A complete response written straight to the socket, best effort, for the
// cases the library's parser never gets to answer (limits hit mid-read).
void write_canned(int fd, int status, const char* reason, const std::string& detail) {
  const std::string body = std::string("{\"type\":\"about:blank\",\"title\":\"") + reason + "\",\"status\":" +
                           std::to_string(status) + ",\"detail\":\"" + detail + "\"}";
  const std::string response = "HTTP/1.1 " + std::to_string(status) + " " + reason +
                               "\r\nContent-Type: application/problem+json\r\nContent-Length: " +
                               std::to_string(body.size()) + "\r\nConnection: close\r\n" +
                               (status == 503 ? "Retry-After: 1\r\n" : "") + "\r\n" + body;
  std::size_t sent = 0;
  while (sent < response.size() && wait_for(fd, POLLOUT, std::chrono::milliseconds(200)) > 0) {
    const ssize_t n = ::send(fd, response.data() + sent, response.size() - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n <= 0) break;
    sent += static_cast<std::size_t>(n);
  }
}

void close_socket(int fd) {
  ::shutdown(fd, SHUT_RDWR);
  ::close(fd);
}

// Closes a connection whose client may still be sending a body we refused:
// closing with unread input makes the kernel reset the connection, and a reset
// can destroy our answer before the client reads it. So: end our side, read
// and drop what still comes for a short while, then close.
void close_after_refusal(int fd) {
  ::shutdown(fd, SHUT_WR);
  const auto until = Clock::now() + std::chrono::seconds(1);
  std::array<char, 16 * 1024> sink{};
  std::size_t drained = 0;
  while (drained < 4 * 1024 * 1024) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now());
    if (left.count() <= 0 || wait_for(fd, POLLIN, left) <= 0) break;
    const ssize_t n = ::recv(fd, sink.data(), sink.size(), 0);
    if (n <= 0) break;
    drained += static_cast<std::size_t>(n);
  }
  ::close(fd);
}

// The Stream the library's request parser reads through: buffered reads that
// give up at the request deadline or past the header budget, and writes that
// give up after the write timeout.
class GuardedStream : public httplib::Stream {
 public:
  GuardedStream(int fd, const ConnectionLimits& limits) : fd_(fd), limits_(limits) {}

  // A new request starts: a fresh deadline and header budget.
  void begin_request() {
    deadline_ = Clock::now() + limits_.request_timeout;
    in_headers_ = true;
    header_bytes_ = 0;
    line_tail_ = 0;
  }

  // Waits for the first byte of the next request, waking regularly so a
  // stopping server does not wait out the keep-alive timeout.
  bool wait_for_request(const GuardedServer& server) {
    if (dead_) return false;
    if (pos_ < len_) return true;
    const auto until = Clock::now() + limits_.keep_alive_timeout;
    while (!server.shutting_down()) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now());
      if (left.count() <= 0) return false;
      const int r = wait_for(fd_, POLLIN, std::min(left, std::chrono::milliseconds(100)));
      if (r < 0) return false;
      if (r > 0) return true;
    }
    return false;
  }

  bool is_readable() const override { return pos_ < len_ || wait_for(fd_, POLLIN, limits_.idle_timeout) > 0; }

  bool is_writable() const override {
    return !dead_ && wait_for(fd_, POLLOUT, limits_.write_timeout) > 0 && peer_still_there();
  }

  ssize_t read(char* ptr, std::size_t size) override {
    if (dead_) return -1;
    if (pos_ == len_ && !fill()) return -1;
    const std::size_t n = std::min(size, len_ - pos_);
    std::memcpy(ptr, buffer_.data() + pos_, n);
    pos_ += n;
    if (in_headers_ && !count_header_bytes(ptr, n)) return -1;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, std::size_t size) override {
    if (dead_) return -1;
    // Usually the socket has room: send at once, wait only when it is full.
    ssize_t n = ::send(fd_, ptr, size, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n >= 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) return n;
    if (wait_for(fd_, POLLOUT, limits_.write_timeout) <= 0) return -1;
    n = ::send(fd_, ptr, size, MSG_NOSIGNAL);
    return n;
  }

  // True once a canned refusal (408, 431) was sent: the client may still be sending.
  bool refused() const { return dead_; }

  void get_remote_ip_and_port(std::string& ip, int& port) const override { address(true, ip, port); }
  void get_local_ip_and_port(std::string& ip, int& port) const override { address(false, ip, port); }
  socket_t socket() const override { return fd_; }

 private:
  // Reads what has arrived into the buffer, waiting at most until the idle
  // timeout or the request deadline, whichever is first.
  bool fill() {
    if (Clock::now() >= deadline_) return give_up(408, "Request Timeout", "the request did not arrive in time");
    // Usually the request is already there: read it without waiting first.
    const ssize_t ready = ::recv(fd_, buffer_.data(), buffer_.size(), MSG_DONTWAIT);
    if (ready > 0) {
      pos_ = 0;
      len_ = static_cast<std::size_t>(ready);
      return true;
    }
    if (ready == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) return false;
    const auto to_deadline = std::chrono::ceil<std::chrono::milliseconds>(deadline_ - Clock::now());
    if (to_deadline.count() <= 0) return give_up(408, "Request Timeout", "the request did not arrive in time");
    const bool deadline_first = to_deadline <= limits_.idle_timeout;
    const int r = wait_for(fd_, POLLIN, deadline_first ? to_deadline : limits_.idle_timeout);
    if (r == 0 && deadline_first) return give_up(408, "Request Timeout", "the request did not arrive in time");
    if (r <= 0) return false;  // idle for idle_timeout: the client is gone or stalled
    const ssize_t n = ::recv(fd_, buffer_.data(), buffer_.size(), 0);
    if (n <= 0) return false;
    pos_ = 0;
    len_ = static_cast<std::size_t>(n);
    return true;
  }

  // Counts the bytes of the request line and headers up to the blank line
  // that ends them; false (after answering 431) when they exceed the budget.
  bool count_header_bytes(const char* data, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
      ++header_bytes_;
      // line_tail_ counts the "\r\n\r\n" seen so far.
      const char c = data[i];
      if ((c == '\r' && (line_tail_ == 0 || line_tail_ == 2)) || (c == '\n' && (line_tail_ == 1 || line_tail_ == 3)))
        ++line_tail_;
      else
        line_tail_ = c == '\r' ? 1 : 0;
      if (line_tail_ == 4) {
        in_headers_ = false;
        return true;
      }
    }
    if (header_bytes_ > limits_.max_header_bytes)
      return give_up(431, "Request Header Fields Too Large", "the request line and headers exceed the limit");
    return true;
  }

  bool give_up(int status, const char* reason, const char* detail) {
    write_canned(fd_, status, reason, detail);
    dead_ = true;  // the parser's own error reply would follow ours: swallowed
    return false;
  }

  // A closed peer reads as end of file; data or nothing-yet means it is there.
  bool peer_still_there() const {
    if (wait_for(fd_, POLLIN, std::chrono::milliseconds(0)) <= 0) return true;
    char byte = 0;
    const ssize_t n = ::recv(fd_, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    return n > 0 || (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK));
  }

  void address(bool remote, std::string& ip, int& port) const {
    sockaddr_storage storage{};
    socklen_t size = sizeof storage;
    auto* addr = reinterpret_cast<sockaddr*>(&storage);
    const int r = remote ? ::getpeername(fd_, addr, &size) : ::getsockname(fd_, addr, &size);
    ip.clear();
    port = 0;
    if (r != 0) return;
    std::array<char, INET6_ADDRSTRLEN> text{};
    if (storage.ss_family == AF_INET) {
      const auto* in = reinterpret_cast<const sockaddr_in*>(&storage);
      ::inet_ntop(AF_INET, &in->sin_addr, text.data(), text.size());
      port = ntohs(in->sin_port);
    } else if (storage.ss_family == AF_INET6) {
      const auto* in6 = reinterpret_cast<const sockaddr_in6*>(&storage);
      ::inet_ntop(AF_INET6, &in6->sin6_addr, text.data(), text.size());
      port = ntohs(in6->sin6_port);
    }
    ip = text.data();
  }

  int fd_;
  const ConnectionLimits& limits_;
  std::array<char, 8192> buffer_{};
  std::size_t pos_ = 0;
  std::size_t len_ = 0;
  Clock::time_point deadline_ = Clock::now();
  bool in_headers_ = true;
  std::size_t header_bytes_ = 0;
  int line_tail_ = 0;
  bool dead_ = false;
};

// A fixed pool of connection threads. A connection that finds every thread
// busy is handed to one extra thread that answers 503 and closes, so overload
// is refused at once rather than queued without bound.
class ConnectionPool : public httplib::TaskQueue {
 public:
  explicit ConnectionPool(std::size_t threads) : size_(threads) {
    for (std::size_t i = 0; i < threads; ++i) workers_.emplace_back([this] { work(jobs_, false); });
    turn_away_thread_ = std::thread([this] { work(turned_away_, true); });
  }

  void enqueue(std::function<void()> fn) override {
    {
      std::lock_guard lock(mutex_);
      if (busy_ + jobs_.size() < size_)
        jobs_.push_back(std::move(fn));
      else
        turned_away_.push_back(std::move(fn));
    }
    cond_.notify_all();
  }

  void shutdown() override {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    cond_.notify_all();
    for (auto& t : workers_) t.join();
    turn_away_thread_.join();
  }

 private:
  void work(std::deque<std::function<void()>>& queue, bool turn_away) {
    t_turn_away = turn_away;
    for (;;) {
      std::function<void()> fn;
      {
        std::unique_lock lock(mutex_);
        cond_.wait(lock, [&] { return stopping_ || !queue.empty(); });
        if (queue.empty()) return;  // stopping, nothing left
        fn = std::move(queue.front());
        queue.pop_front();
        if (!turn_away) ++busy_;
      }
      fn();
      if (!turn_away) {
        std::lock_guard lock(mutex_);
        --busy_;
      }
    }
  }

  std::mutex mutex_;
  std::condition_variable cond_;
  std::deque<std::function<void()>> jobs_;
  std::deque<std::function<void()>> turned_away_;
  std::vector<std::thread> workers_;
  std::thread turn_away_thread_;
  std::size_t size_ = 0;
  std::size_t busy_ = 0;
  bool stopping_ = false;
};

}  // namespace

void close_connection_after_response() { t_close_after_response = true; }

GuardedServer::GuardedServer(const ConnectionLimits& limits) : limits_(limits) {
  new_task_queue = [this] { return new ConnectionPool(limits_.max_connections); };
  set_payload_max_length(limits_.max_body_bytes);
  set_keep_alive_max_count(limits_.keep_alive_max_requests);
  set_tcp_nodelay(true);
}

GuardedServer::~GuardedServer() = default;

std::size_t GuardedServer::active_connections() const { return active_.load(); }

void GuardedServer::shut_down() {
  shutting_down_ = true;
  stop();
}

bool GuardedServer::process_and_close_socket(socket_t sock) {
  if (t_turn_away) {
    write_canned(sock, 503, "Service Unavailable", "too many connections; retry shortly");
    close_socket(sock);  // not lingering: this thread must stay free for the next one
    return false;
  }
  ++active_;
  GuardedStream stream(sock, limits_);
  bool ok = false;
  for (std::size_t left = limits_.keep_alive_max_requests; left > 0 && stream.wait_for_request(*this); --left) {
    stream.begin_request();
    bool connection_closed = false;
    t_close_after_response = false;
    ok = process_request(stream, left == 1, connection_closed, nullptr);
    if (!ok || connection_closed || t_close_after_response) break;
  }
  if (stream.refused() || t_close_after_response)
    close_after_refusal(sock);
  else
    close_socket(sock);
  --active_;
  return ok;
}

}  // namespace order_http
