#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <list>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace order_http {

// Remembers the first response to each Idempotency-Key of POST /orders, so a
// client that retries a create (its connection dropped before the answer)
// gets the first answer again instead of a 409 for its own order. Bounded in
// entries and age, in memory: per server process, forgotten on restart (the
// store's duplicate-id 409 still protects the order itself).
class IdempotencyCache {
 public:
  struct Response {
    int status = 0;
    std::string body;
    std::string content_type;
    std::string location;
  };
  enum class Claim {
    kFirst,         // unseen key: the caller runs the request, then calls complete() or release()
    kReplay,        // same key, same body, finished: `response` is the first answer
    kBodyMismatch,  // same key, another body: 422
    kInProgress,    // same key, first request still running: 409
  };
  struct ClaimResult {
    Claim claim = Claim::kFirst;
    Response response;
  };

  IdempotencyCache(std::size_t max_entries, std::chrono::seconds ttl) : max_entries_(max_entries), ttl_(ttl) {}

  ClaimResult claim(const std::string& key, const std::string& body);
  void complete(const std::string& key, Response response);
  // Forgets a claimed key whose request failed in a way worth retrying (503).
  void release(const std::string& key);

 private:
  using Clock = std::chrono::steady_clock;
  using Digest = std::array<unsigned char, 32>;
  struct Entry {
    Digest body_digest{};
    bool done = false;
    Response response;
    Clock::time_point stored_at;
    std::list<std::string>::iterator age_position;
  };
  void evict(Clock::time_point now);

  std::mutex mutex_;
  std::size_t max_entries_;
  std::chrono::seconds ttl_;
  std::map<std::string, Entry> entries_;
  std::list<std::string> by_age_;  // oldest first
};

}  // namespace order_http
