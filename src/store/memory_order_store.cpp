#include "store/memory_order_store.hpp"

#include <algorithm>
#include <functional>
#include <set>
#include <tuple>

#include "managers/errors.hpp"

namespace managers::store {
namespace {

bool newest_first(const Order& a, const Order& b) {
  return std::tie(a.created_at, a.order_id) > std::tie(b.created_at, b.order_id);
}

bool oldest_first(const Order& a, const Order& b) {
  return std::tie(a.created_at, a.order_id) < std::tie(b.created_at, b.order_id);
}

std::vector<Order> truncated(std::vector<Order> orders, std::optional<int> limit) {
  if (limit && static_cast<int>(orders.size()) > *limit) orders.resize(static_cast<std::size_t>(*limit));
  return orders;
}

}  // namespace

HealthReport MemoryOrderStore::check_health() {
  HealthReport report;
  report.facts.push_back("orders: " + std::to_string(size()));
  return report;
}

template <typename Predicate>
std::vector<Order> MemoryOrderStore::select(Predicate predicate) const {
  std::lock_guard lock(mutex_);
  std::vector<Order> result;
  for (const auto& [id, order] : orders_)
    if (predicate(order)) result.push_back(order);
  return result;
}

void MemoryOrderStore::count_write() {
  if (writes_left_ == 0) throw StorageError("memory", "INJECTED", "injected write failure");
  if (writes_left_ > 0) --writes_left_;
  ++writes_;
}

bool MemoryOrderStore::insert(const Order& order) {
  std::lock_guard lock(mutex_);
  if (orders_.count(order.order_id) > 0) return false;
  count_write();
  orders_[order.order_id] = order;
  return true;
}

void MemoryOrderStore::upsert(const Order& order) {
  std::lock_guard lock(mutex_);
  count_write();
  orders_[order.order_id] = order;
}

std::optional<Order> MemoryOrderStore::get(const std::string& order_id) {
  std::lock_guard lock(mutex_);
  const auto found = orders_.find(order_id);
  if (found == orders_.end()) return std::nullopt;
  return found->second;
}

std::vector<Order> MemoryOrderStore::customer_orders(const std::string& customer_name, std::optional<int> limit,
                                                     std::optional<OrderStatus> status) {
  std::vector<Order> result =
      select([&](const Order& o) { return o.customer_name == customer_name && (!status || o.status == *status); });
  std::sort(result.begin(), result.end(), newest_first);
  return truncated(std::move(result), limit);
}

std::optional<Order> MemoryOrderStore::last_order(const std::string& customer_id) {
  std::vector<Order> result = select([&](const Order& o) { return o.customer_id == customer_id; });
  if (result.empty()) return std::nullopt;
  return *std::min_element(result.begin(), result.end(), newest_first);
}

std::vector<Order> MemoryOrderStore::orders_by_status(OrderStatus status, std::optional<int> limit) {
  std::vector<Order> result = select([&](const Order& o) { return o.status == status; });
  std::sort(result.begin(), result.end(), oldest_first);
  return truncated(std::move(result), limit);
}

ModifyResult MemoryOrderStore::modify(const std::string& order_id, const Mutation& mutate) {
  std::lock_guard lock(mutex_);
  const auto found = orders_.find(order_id);
  if (found == orders_.end()) return ModifyResult::kNotFound;
  Order copy = found->second;
  switch (mutate(copy)) {
    case Change::kUnchanged: return ModifyResult::kUnchanged;
    case Change::kRefuse: return ModifyResult::kRefused;
    case Change::kWrite: break;
  }
  count_write();
  copy.order_id = order_id;  // the key is not the mutation's to change
  found->second = std::move(copy);
  return ModifyResult::kWritten;
}

OrderAggregates MemoryOrderStore::aggregate() {
  std::lock_guard lock(mutex_);
  OrderAggregates aggregates;
  std::set<std::string> customers;
  for (const auto& [id, order] : orders_) {
    StatusTotals& totals = aggregates.by_status[order.status];
    ++totals.orders;
    totals.revenue += order.total_price;
    customers.insert(order.customer_id);
  }
  aggregates.unique_customers = static_cast<std::int64_t>(customers.size());
  return aggregates;
}

bool MemoryOrderStore::erase(const std::string& order_id) {
  std::lock_guard lock(mutex_);
  return orders_.erase(order_id) > 0;
}

void MemoryOrderStore::erase_all() {
  std::lock_guard lock(mutex_);
  orders_.clear();
}

OrderPage MemoryOrderStore::hash_order_page(const std::string& after, int page_size) const {
  std::vector<const Order*> all;
  for (const auto& [id, order] : orders_) all.push_back(&order);
  const auto hashed = [](const Order* o) { return std::hash<std::string>{}(o->order_id + "salt"); };
  std::sort(all.begin(), all.end(), [&](const Order* a, const Order* b) { return hashed(a) < hashed(b); });
  const std::size_t start = after.empty() ? 0 : std::stoul(after);
  OrderPage page;
  for (std::size_t i = start; i < all.size() && static_cast<int>(page.orders.size()) < page_size; ++i)
    page.orders.push_back(*all[i]);
  if (start + page.orders.size() < all.size()) page.next_page_token = std::to_string(start + page.orders.size());
  return page;
}

OrderPage MemoryOrderStore::list_page(const std::string& after, int page_size) {
  std::lock_guard lock(mutex_);
  if (hash_order_) return hash_order_page(after, page_size);
  OrderPage page;
  auto it = orders_.upper_bound(after);
  for (; it != orders_.end() && static_cast<int>(page.orders.size()) < page_size; ++it)
    page.orders.push_back(it->second);
  if (broken_pagination_) {
    page.next_page_token = after.empty() && !page.orders.empty() ? page.orders.back().order_id : after;
    if (page.next_page_token.empty()) page.next_page_token = "stuck";
    return page;
  }
  if (it != orders_.end() && !page.orders.empty()) page.next_page_token = page.orders.back().order_id;
  return page;
}

void MemoryOrderStore::fail_writes_after(int n) {
  std::lock_guard lock(mutex_);
  writes_left_ = n;
}

void MemoryOrderStore::break_pagination() {
  std::lock_guard lock(mutex_);
  broken_pagination_ = true;
}

void MemoryOrderStore::list_in_hash_order() {
  std::lock_guard lock(mutex_);
  hash_order_ = true;
}

std::size_t MemoryOrderStore::size() const {
  std::lock_guard lock(mutex_);
  return orders_.size();
}

int MemoryOrderStore::writes() const {
  std::lock_guard lock(mutex_);
  return writes_;
}

void MemoryOrderStore::put_unchecked(const Order& order) {
  std::lock_guard lock(mutex_);
  orders_[order.order_id] = order;
}

}  // namespace managers::store
