#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "managers/order_manager_interface.hpp"

namespace order_http {

// What the staff board shows: the orders of the four active statuses. One
// thread polls the store (get_orders_by_status x 4) every `interval` for all
// clients, because the server cannot see writes of other processes (the CLI,
// an agent, another server); a client waits for the version to move
// (Server-Sent Events) or polls GET /board.
class BoardFeed {
 public:
  struct Snapshot {
    std::uint64_t version = 0;
    std::string json;  // {"version", "generated_at", "store_ok", "columns": [{"status", "orders"}]}
  };

  // At most `per_status` orders per column (oldest first, as the queue is worked).
  BoardFeed(managers::OrderManagerInterface& store, std::chrono::milliseconds interval, int per_status);
  ~BoardFeed();
  BoardFeed(const BoardFeed&) = delete;
  BoardFeed& operator=(const BoardFeed&) = delete;

  Snapshot current();
  // The first snapshot newer than `after`, or the current one after `timeout`
  // or once stopping.
  Snapshot wait_newer(std::uint64_t after, std::chrono::milliseconds timeout);
  // Poll now (this server just wrote), instead of at the next tick.
  void poke();
  // Wakes every waiter and ends the polling thread.
  void stop();
  bool stopping();

 private:
  void run();
  void refresh();

  managers::OrderManagerInterface& store_;
  std::chrono::milliseconds interval_;
  int per_status_;
  std::mutex mutex_;
  std::condition_variable changed_;  // waiters: a new version or stopping
  std::condition_variable wake_;     // the poller: poked or stopping
  bool poked_ = false;
  bool stopping_ = false;
  Snapshot snapshot_;
  std::string last_content_;  // the columns as last published, to tell a change
  bool last_ok_ = true;
  std::thread thread_;
};

}  // namespace order_http
