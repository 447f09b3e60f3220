#pragma once

// An OrderManagerInterface on a std::map, for the fuzz targets: import_orders / export_orders run
// through the real public methods (validation, import_order, list_orders), with no I/O.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "managers/order_manager_interface.hpp"

namespace fuzz {

class MemoryOrderManager : public managers::OrderManagerInterface {
 public:
  std::string backend_name() const override { return "memory"; }
  std::size_t size() const { return orders_.size(); }

 protected:
  using Order = managers::Order;

  bool insert_order(const Order& order) override { return orders_.emplace(order.order_id, order).second; }
  void upsert_order(const Order& order) override { orders_.insert_or_assign(order.order_id, order); }
  std::optional<Order> find_order(const std::string& order_id) override {
    const auto found = orders_.find(order_id);
    return found == orders_.end() ? std::nullopt : std::optional<Order>(found->second);
  }
  std::vector<Order> find_customer_orders(const std::string&, std::optional<int>,
                                          std::optional<managers::OrderStatus>) override {
    return {};
  }
  std::optional<Order> find_last_order(const std::string&) override { return std::nullopt; }
  std::vector<Order> find_orders_by_status(managers::OrderStatus, std::optional<int>) override { return {}; }
  ModifyResult modify_order(const std::string& order_id, const Mutation& mutate) override {
    const auto found = orders_.find(order_id);
    if (found == orders_.end()) return ModifyResult::kNotFound;
    Order copy = found->second;
    switch (mutate(copy)) {
      case Change::kWrite: found->second = std::move(copy); return ModifyResult::kWritten;
      case Change::kUnchanged: return ModifyResult::kUnchanged;
      case Change::kRefuse: return ModifyResult::kRefused;
    }
    return ModifyResult::kUnchanged;
  }
  managers::OrderAggregates aggregate_orders() override { return {}; }
  bool erase_order(const std::string& order_id) override { return orders_.erase(order_id) == 1; }
  void erase_all_orders() override { orders_.clear(); }
  managers::OrderPage scan_orders(const std::string& after_order_id, int page_size) override {
    managers::OrderPage page;
    auto it = after_order_id.empty() ? orders_.begin() : orders_.upper_bound(after_order_id);
    for (; it != orders_.end() && static_cast<int>(page.orders.size()) < page_size; ++it) page.orders.push_back(it->second);
    if (it != orders_.end() && !page.orders.empty()) page.next_page_token = page.orders.back().order_id;
    return page;
  }

 private:
  std::map<std::string, Order> orders_;
};

}  // namespace fuzz
