#include "http/board_feed.hpp"

#include <array>
#include <ctime>
#include <iostream>

#include <nlohmann/json.hpp>

#include "managers/errors.hpp"

namespace order_http {
namespace {

constexpr std::array<managers::OrderStatus, 4> kBoardStatuses = {
    managers::OrderStatus::PENDING, managers::OrderStatus::CONFIRMED, managers::OrderStatus::PREPARING,
    managers::OrderStatus::READY};

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

}  // namespace

BoardFeed::BoardFeed(managers::OrderManagerInterface& store, std::chrono::milliseconds interval, int per_status)
    : store_(store), interval_(interval), per_status_(per_status) {
  refresh();
  thread_ = std::thread([this] { run(); });
}

BoardFeed::~BoardFeed() {
  stop();
  if (thread_.joinable()) thread_.join();
}

BoardFeed::Snapshot BoardFeed::current() {
  std::lock_guard lock(mutex_);
  return snapshot_;
}

BoardFeed::Snapshot BoardFeed::wait_newer(std::uint64_t after, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, timeout, [&] { return stopping_ || snapshot_.version > after; });
  return snapshot_;
}

void BoardFeed::poke() {
  {
    std::lock_guard lock(mutex_);
    poked_ = true;
  }
  wake_.notify_one();
}

void BoardFeed::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  changed_.notify_all();
}

bool BoardFeed::stopping() {
  std::lock_guard lock(mutex_);
  return stopping_;
}

void BoardFeed::run() {
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait_for(lock, interval_, [&] { return stopping_ || poked_; });
      if (stopping_) return;
      poked_ = false;
    }
    refresh();
  }
}

void BoardFeed::refresh() {
  nlohmann::json columns = nlohmann::json::array();
  bool ok = true;
  try {
    for (const managers::OrderStatus status : kBoardStatuses)
      columns.push_back({{"status", managers::to_string(status)},
                         {"orders", managers::to_json(store_.get_orders_by_status(status, per_status_))}});
  } catch (const managers::OrderManagerError& e) {
    ok = false;
    std::cerr << "order-manager serve: the board could not read the store: "
              << (dynamic_cast<const managers::StorageError*>(&e) ? dynamic_cast<const managers::StorageError&>(e).code()
                                                                   : std::string("error"))
              << "\n";
  }
  std::lock_guard lock(mutex_);
  std::string content = ok ? columns.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) : last_content_;
  if (snapshot_.version != 0 && content == last_content_ && ok == last_ok_) return;
  if (!ok) columns = nlohmann::json::parse(last_content_.empty() ? "[]" : last_content_);
  last_content_ = std::move(content);
  last_ok_ = ok;
  ++snapshot_.version;
  snapshot_.json = nlohmann::json{{"version", snapshot_.version},
                                  {"generated_at", utc_now()},
                                  {"store_ok", ok},
                                  {"columns", std::move(columns)}}
                       .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  changed_.notify_all();
}

}  // namespace order_http
