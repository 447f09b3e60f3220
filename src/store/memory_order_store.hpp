#pragma once

// The in-memory store: a std::map behind the store contract, for the tests and
// the fuzz targets (no I/O, deterministic). It also has the switches the
// migration tests use to inject what real engines can do: a StorageError after
// N writes, a listing in an order of its own (as DynamoDB's Scan), a page token
// that does not advance. MemoryOrderManager puts the public interface, with all
// its rules, in front of it.

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "managers/order_manager_interface.hpp"
#include "store/order_store.hpp"

namespace managers::store {

class MemoryOrderStore final : public OrderStore {
 public:
  std::string backend_name() const override { return "memory"; }
  std::vector<std::pair<std::string, std::string>> location() const override { return {}; }
  HealthReport check_health() override;

  OM_ORDER_STORE_OVERRIDES

  // --- Test switches and probes ---
  // The next `n` writes succeed, the ones after throw StorageError (-1: never).
  void fail_writes_after(int n);
  // list_page keeps returning the same token.
  void break_pagination();
  // list_page walks in an order of its own (by a hash of the id, like
  // DynamoDB's scan), with offsets as page tokens.
  void list_in_hash_order();
  std::size_t size() const;
  // Writes made so far.
  int writes() const;
  // Stores `order` without any validation (a source holding bad data).
  void put_unchecked(const Order& order);

 private:
  template <typename Predicate>
  std::vector<Order> select(Predicate predicate) const;
  void count_write();  // with mutex_ held
  OrderPage hash_order_page(const std::string& after, int page_size) const;

  mutable std::mutex mutex_;
  std::map<std::string, Order> orders_;
  int writes_left_ = -1;
  int writes_ = 0;
  bool broken_pagination_ = false;
  bool hash_order_ = false;
};

// The public interface on a MemoryOrderStore of its own.
class MemoryOrderManager final : public OrderManagerInterface {
 public:
  MemoryOrderManager() : MemoryOrderManager(std::make_unique<MemoryOrderStore>()) {}
  MemoryOrderStore& store() { return *store_; }

 private:
  explicit MemoryOrderManager(std::unique_ptr<MemoryOrderStore>&& store)
      : MemoryOrderManager(store.get(), std::move(store)) {}
  // The raw pointer is taken before the base takes ownership.
  MemoryOrderManager(MemoryOrderStore* raw, std::unique_ptr<MemoryOrderStore>&& owned)
      : OrderManagerInterface(std::move(owned)), store_(raw) {}
  MemoryOrderStore* store_;  // owned by the base
};

}  // namespace managers::store
