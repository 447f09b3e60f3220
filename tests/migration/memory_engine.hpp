#pragma once

// An in-memory engine for the migration tests: a plain std::map behind the
// storage hooks, with switches to inject the faults the real engines can have
// (a StorageError after N writes, a page token that does not advance).

#include <algorithm>
#include <functional>
#include <string>
#include <map>
#include <mutex>
#include <set>

#include "managers/errors.hpp"
#include "managers/order_manager_interface.hpp"

namespace testing_support {

class MemoryEngine final : public managers::OrderManagerInterface {
 public:
  std::string backend_name() const override { return "memory"; }

  // The next `n` writes succeed, the ones after throw StorageError (-1: never).
  void fail_writes_after(int n) { writes_left_ = n; }
  // scan_orders keeps returning the same token.
  void break_pagination() { broken_pagination_ = true; }
  // scan_orders lists in an order of its own (by a hash of the id, like
  // DynamoDB's scan), with offsets as page tokens.
  void list_in_hash_order() { hash_order_ = true; }
  std::size_t size() const { return orders_.size(); }
  // Stores `order` without any validation (a source holding bad data).
  void put_unchecked(const managers::Order& order) {
    std::lock_guard lock(mutex_);
    orders_[order.order_id] = order;
  }
  int writes() const { return writes_; }

 protected:
  bool insert_order(const managers::Order& order) override {
    std::lock_guard lock(mutex_);
    if (orders_.count(order.order_id) > 0) return false;
    count_write();
    orders_[order.order_id] = order;
    return true;
  }
  void upsert_order(const managers::Order& order) override {
    std::lock_guard lock(mutex_);
    count_write();
    orders_[order.order_id] = order;
  }
  std::optional<managers::Order> find_order(const std::string& order_id) override {
    std::lock_guard lock(mutex_);
    const auto found = orders_.find(order_id);
    if (found == orders_.end()) return std::nullopt;
    return found->second;
  }
  std::vector<managers::Order> find_customer_orders(const std::string& customer_name, std::optional<int> limit,
                                                    std::optional<managers::OrderStatus> status) override {
    std::vector<managers::Order> result = select([&](const managers::Order& o) {
      return o.customer_name == customer_name && (!status || o.status == *status);
    });
    std::sort(result.begin(), result.end(), newest_first);
    return truncate(std::move(result), limit);
  }
  std::optional<managers::Order> find_last_order(const std::string& customer_id) override {
    std::vector<managers::Order> result = select([&](const managers::Order& o) { return o.customer_id == customer_id; });
    std::sort(result.begin(), result.end(), newest_first);
    if (result.empty()) return std::nullopt;
    return result.front();
  }
  std::vector<managers::Order> find_orders_by_status(managers::OrderStatus status, std::optional<int> limit) override {
    std::vector<managers::Order> result = select([&](const managers::Order& o) { return o.status == status; });
    std::sort(result.begin(), result.end(), [](const managers::Order& a, const managers::Order& b) {
      return std::tie(a.created_at, a.order_id) < std::tie(b.created_at, b.order_id);
    });
    return truncate(std::move(result), limit);
  }
  ModifyResult modify_order(const std::string& order_id, const Mutation& mutate) override {
    std::lock_guard lock(mutex_);
    const auto found = orders_.find(order_id);
    if (found == orders_.end()) return ModifyResult::kNotFound;
    managers::Order copy = found->second;
    switch (mutate(copy)) {
      case Change::kUnchanged: return ModifyResult::kUnchanged;
      case Change::kRefuse: return ModifyResult::kRefused;
      case Change::kWrite: break;
    }
    count_write();
    found->second = copy;
    return ModifyResult::kWritten;
  }
  managers::OrderAggregates aggregate_orders() override {
    std::lock_guard lock(mutex_);
    managers::OrderAggregates aggregates;
    std::set<std::string> customers;
    for (const auto& [id, order] : orders_) {
      auto& totals = aggregates.by_status[order.status];
      ++totals.orders;
      totals.revenue += order.total_price;
      customers.insert(order.customer_id);
    }
    aggregates.unique_customers = static_cast<std::int64_t>(customers.size());
    return aggregates;
  }
  bool erase_order(const std::string& order_id) override {
    std::lock_guard lock(mutex_);
    return orders_.erase(order_id) > 0;
  }
  void erase_all_orders() override {
    std::lock_guard lock(mutex_);
    orders_.clear();
  }
  managers::OrderPage scan_orders(const std::string& after_order_id, int page_size) override {
    std::lock_guard lock(mutex_);
    managers::OrderPage page;
    if (hash_order_) {
      std::vector<const managers::Order*> all;
      for (const auto& [id, order] : orders_) all.push_back(&order);
      const auto hashed = [](const managers::Order* o) { return std::hash<std::string>{}(o->order_id + "salt"); };
      std::sort(all.begin(), all.end(), [&](auto* a, auto* b) { return hashed(a) < hashed(b); });
      const std::size_t start = after_order_id.empty() ? 0 : std::stoul(after_order_id);
      for (std::size_t i = start; i < all.size() && static_cast<int>(page.orders.size()) < page_size; ++i)
        page.orders.push_back(*all[i]);
      if (start + page.orders.size() < all.size()) page.next_page_token = std::to_string(start + page.orders.size());
      return page;
    }
    for (auto it = orders_.upper_bound(after_order_id);
         it != orders_.end() && static_cast<int>(page.orders.size()) < page_size; ++it)
      page.orders.push_back(it->second);
    if (broken_pagination_) {
      page.next_page_token = after_order_id.empty() && !page.orders.empty() ? page.orders.back().order_id : after_order_id;
      if (page.next_page_token.empty()) page.next_page_token = "stuck";
      return page;
    }
    if (static_cast<int>(page.orders.size()) == page_size) page.next_page_token = page.orders.back().order_id;
    return page;
  }

 private:
  static bool newest_first(const managers::Order& a, const managers::Order& b) {
    return std::tie(a.created_at, a.order_id) > std::tie(b.created_at, b.order_id);
  }
  template <typename Predicate>
  std::vector<managers::Order> select(Predicate predicate) {
    std::lock_guard lock(mutex_);
    std::vector<managers::Order> result;
    for (const auto& [id, order] : orders_)
      if (predicate(order)) result.push_back(order);
    return result;
  }
  static std::vector<managers::Order> truncate(std::vector<managers::Order> orders, std::optional<int> limit) {
    if (limit && static_cast<int>(orders.size()) > *limit) orders.resize(static_cast<std::size_t>(*limit));
    return orders;
  }
  void count_write() {
    if (writes_left_ == 0) throw managers::StorageError("memory", "INJECTED", "injected write failure");
    if (writes_left_ > 0) --writes_left_;
    ++writes_;
  }

  std::mutex mutex_;
  std::map<std::string, managers::Order> orders_;
  int writes_left_ = -1;
  int writes_ = 0;
  bool broken_pagination_ = false;
  bool hash_order_ = false;
};

}  // namespace testing_support
