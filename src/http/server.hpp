#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <ostream>
#include <string>

#include "http/guarded_server.hpp"
#include "managers/order_manager_interface.hpp"

namespace order_http {

struct ServeOptions {
  std::string listen = "127.0.0.1:8080";  // HOST:PORT, [IPv6]:PORT; port 0 picks a free one
  std::optional<std::string> tokens_file;
  ConnectionLimits limits;
  std::chrono::milliseconds board_poll_interval{1000};
  int board_orders_per_status = 200;
};

struct ListenAddress {
  std::string host;
  int port = 0;
  bool loopback = false;
};
// Throws std::invalid_argument naming the rule for a malformed address.
ListenAddress parse_listen_address(const std::string& text);

// Serves the API and the board over `store` until SIGINT or SIGTERM (both are
// blocked in the calling thread and all threads it starts, and waited for by
// one thread). Prints the address it listens on ("listening on
// http://127.0.0.1:PORT/") to `out`. Throws std::runtime_error for a
// configuration it refuses: a non-loopback address without tokens, a bad
// tokens file, an address it cannot bind.
void serve(managers::OrderManagerInterface& store, const ServeOptions& options, const std::string& store_location,
           std::ostream& out);

}  // namespace order_http
