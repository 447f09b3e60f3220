#include "http/server.hpp"

#include <arpa/inet.h>
#include <pthread.h>
#include <signal.h>

#include <memory>
#include <stdexcept>
#include <thread>

#include "http/access.hpp"
#include "http/api.hpp"
#include "http/board_feed.hpp"
#include "http/idempotency.hpp"

namespace order_http {

ListenAddress parse_listen_address(const std::string& text) {
  ListenAddress address;
  std::string port_text;
  if (!text.empty() && text.front() == '[') {
    const std::size_t close = text.find(']');
    if (close == std::string::npos || close + 1 >= text.size() || text[close + 1] != ':')
      throw std::invalid_argument("--listen: expected [IPv6]:PORT, e.g. [::1]:8080");
    address.host = text.substr(1, close - 1);
    port_text = text.substr(close + 2);
  } else {
    const std::size_t colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0) throw std::invalid_argument("--listen: expected HOST:PORT, e.g. 127.0.0.1:8080");
    address.host = text.substr(0, colon);
    port_text = text.substr(colon + 1);
  }
  if (port_text.empty() || port_text.size() > 5 ||
      port_text.find_first_not_of("0123456789") != std::string::npos || std::stoi(port_text) > 65535)
    throw std::invalid_argument("--listen: the port must be a number from 0 to 65535");
  address.port = std::stoi(port_text);
  in_addr v4{};
  in6_addr v6{};
  if (address.host == "localhost") {
    address.host = "127.0.0.1";
    address.loopback = true;
  } else if (::inet_pton(AF_INET, address.host.c_str(), &v4) == 1) {
    address.loopback = (ntohl(v4.s_addr) >> 24) == 127;
  } else if (::inet_pton(AF_INET6, address.host.c_str(), &v6) == 1) {
    address.loopback = IN6_IS_ADDR_LOOPBACK(&v6);
  } else {
    throw std::invalid_argument("--listen: the host must be an IP address or localhost");
  }
  return address;
}

void serve(managers::OrderManagerInterface& store, const ServeOptions& options, const std::string& store_location,
           std::ostream& out) {
  const ListenAddress address = parse_listen_address(options.listen);
  std::unique_ptr<TokenTable> tokens;
  if (options.tokens_file) tokens = std::make_unique<TokenTable>(TokenTable::load(*options.tokens_file));
  if (!tokens && !address.loopback)
    throw std::runtime_error("refusing to listen on " + address.host +
                             " without --tokens: anyone who can reach it could change and delete orders");

  // Block the stop signals here so every thread started below inherits the
  // mask, and one thread waits for them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  sigset_t previous;
  pthread_sigmask(SIG_BLOCK, &stop_signals, &previous);
  ::signal(SIGPIPE, SIG_IGN);

  IdempotencyCache idempotency(10'000, std::chrono::hours(24));
  BoardFeed board(store, options.board_poll_interval, options.board_orders_per_status);
  ApiContext context{store, idempotency, board};
  context.max_event_streams = std::max<std::size_t>(1, options.limits.max_connections / 2);
  const std::vector<Route> routes = api_routes(context);

  GuardedServer server(options.limits);
  server.set_default_headers({{"Cache-Control", "no-store"},
                              {"X-Content-Type-Options", "nosniff"},
                              {"Referrer-Policy", "no-referrer"},
                              {"X-Frame-Options", "DENY"}});
  mount_routes(server, routes, AccessPolicy{tokens.get()}, RequestLimits{options.limits.max_body_bytes});

  int port = address.port;
  if (port == 0) {
    port = server.bind_to_any_port(address.host);
    if (port < 0) throw std::runtime_error("cannot listen on " + address.host + ": no free port");
  } else if (!server.bind_to_port(address.host, port)) {
    throw std::runtime_error("cannot listen on " + options.listen + " (in use, or not an address of this machine)");
  }
  const std::string shown_host = address.host.find(':') != std::string::npos ? "[" + address.host + "]" : address.host;
  if (!tokens)
    out << "WARNING: no --tokens: every request is allowed with full (admin) rights. For local development on "
           "this machine only; give --tokens FILE for anything else.\n";
  else
    out << "tokens: " << tokens->size() << " from " << *options.tokens_file << "\n";
  out << "store: " << store_location << "\n"
      << "listening on http://" << shown_host << ":" << port << "/  (board at /, API described at /openapi.json)"
      << std::endl;

  std::thread stopper([&] {
    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    board.stop();
    server.shut_down();
  });
  server.listen_after_bind();
  // listen_after_bind returns after stop() (or on failure): wake the stopper if it still waits.
  if (server.is_running() || stopper.joinable()) pthread_kill(stopper.native_handle(), SIGTERM);
  stopper.join();
  board.stop();
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  out << "stopped" << std::endl;
}

}  // namespace order_http
