#include "http/idempotency.hpp"

#include <openssl/sha.h>

namespace order_http {

IdempotencyCache::ClaimResult IdempotencyCache::claim(const std::string& key, const std::string& body) {
  Digest digest{};
  SHA256(reinterpret_cast<const unsigned char*>(body.data()), body.size(), digest.data());
  std::lock_guard lock(mutex_);
  const Clock::time_point now = Clock::now();
  evict(now);
  if (const auto it = entries_.find(key); it != entries_.end()) {
    const Entry& entry = it->second;
    if (entry.body_digest != digest) return {Claim::kBodyMismatch, {}};
    if (!entry.done) return {Claim::kInProgress, {}};
    return {Claim::kReplay, entry.response};
  }
  by_age_.push_back(key);
  Entry entry;
  entry.body_digest = digest;
  entry.stored_at = now;
  entry.age_position = std::prev(by_age_.end());
  entries_.emplace(key, std::move(entry));
  return {Claim::kFirst, {}};
}

void IdempotencyCache::complete(const std::string& key, Response response) {
  std::lock_guard lock(mutex_);
  if (const auto it = entries_.find(key); it != entries_.end()) {
    it->second.done = true;
    it->second.response = std::move(response);
  }
}

void IdempotencyCache::release(const std::string& key) {
  std::lock_guard lock(mutex_);
  if (const auto it = entries_.find(key); it != entries_.end()) {
    by_age_.erase(it->second.age_position);
    entries_.erase(it);
  }
}

void IdempotencyCache::evict(Clock::time_point now) {
  // Expired first, then the oldest while over the bound (an unfinished claim
  // evicted early only loses its replay; the store still refuses the duplicate id).
  while (!by_age_.empty()) {
    const auto it = entries_.find(by_age_.front());
    const bool expired = now - it->second.stored_at > ttl_;
    if (!expired && entries_.size() < max_entries_) break;
    entries_.erase(it);
    by_age_.pop_front();
  }
}

}  // namespace order_http
