#pragma once

// Shared by the benchmark programs: spec-like orders (2-3 items from a cafe
// menu, metadata, a conversation id, an estimated ready time), a scratch
// directory that removes itself, and small timing helpers.

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include "domain/timestamps.hpp"
#include "managers/order.hpp"
#include "managers/order_manager_interface.hpp"
#include "managers/order_status.hpp"

namespace bench {

// "ORD-00000042": fixed width, so ids sort like their numbers.
inline std::string order_id(std::int64_t n) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "ORD-%08lld", static_cast<long long>(n));
  return buffer;
}

inline std::string customer_id(std::int64_t n) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "CUST-%06lld", static_cast<long long>(n));
  return buffer;
}

// "Alice Johnson 42": a realistic name, unique per customer number.
inline std::string customer_name(std::int64_t n) {
  static constexpr std::array<const char*, 8> kFirst = {"Alice", "John", "Maria", "Wei",
                                                        "Fatima", "Lucas", "Priya", "Olga"};
  static constexpr std::array<const char*, 8> kLast = {"Johnson", "Doe", "Garcia", "Chen",
                                                       "Khan", "Martin", "Patel", "Ivanova"};
  const auto u = static_cast<std::size_t>(n);
  return std::string(kFirst[u % kFirst.size()]) + " " + kLast[(u / kFirst.size()) % kLast.size()] + " " +
         std::to_string(n);
}

struct MenuItem {
  const char* name;
  std::int64_t cents;
};
inline constexpr std::array<MenuItem, 8> kMenu = {{{"Coffee", 350},
                                                   {"Sandwich", 899},
                                                   {"Espresso", 300},
                                                   {"Pastry", 450},
                                                   {"Green tea", 275},
                                                   {"Bagel with cream cheese", 525},
                                                   {"Orange juice", 399},
                                                   {"Chocolate muffin", 375}}};

// Order number n of a store with `customers` customers: 2 or 3 items, the total
// as their sum, metadata like the spec's {"table": "5"} plus a channel.
inline managers::NewOrder make_order(std::int64_t n, std::int64_t customers) {
  const std::int64_t customer = n % customers;
  managers::NewOrder order;
  order.order_id = order_id(n);
  order.customer_id = customer_id(customer);
  order.customer_name = customer_name(customer);
  const std::size_t item_count = 2 + static_cast<std::size_t>(n % 2);
  std::int64_t total = 0;
  for (std::size_t i = 0; i < item_count; ++i) {
    const MenuItem& item = kMenu[(static_cast<std::size_t>(n) * 3 + i * 5) % kMenu.size()];
    const std::int64_t quantity = 1 + static_cast<std::int64_t>((static_cast<std::size_t>(n) + i) % 3);
    order.items.push_back({item.name, quantity, managers::Money::from_cents(item.cents)});
    total += item.cents * quantity;
  }
  order.total_price = managers::Money::from_cents(total);
  order.conversation_id = "conv-" + std::to_string(n);
  order.estimated_ready_time = "2026-11-25T15:30:00";
  order.metadata = {{"table", std::to_string(1 + n % 20)}, {"channel", n % 3 == 0 ? "voice" : "chat"}};
  return order;
}

// The status mix of a store in service: 60% Pending, 10% each Confirmed, Being
// prepared and Ready for pickup, 5% Completed, 5% Cancelled.
inline managers::OrderStatus status_of(std::int64_t n) {
  switch (n % 20) {
    case 12: case 13: return managers::OrderStatus::CONFIRMED;
    case 14: case 15: return managers::OrderStatus::PREPARING;
    case 16: case 17: return managers::OrderStatus::READY;
    case 18: return managers::OrderStatus::COMPLETED;
    case 19: return managers::OrderStatus::CANCELLED;
    default: return managers::OrderStatus::PENDING;
  }
}

// Order n as import_order stores it: make_order's content, created one second
// after order n-1 (from 2026-11-01), with the status of status_of(n) reached a
// minute later and recorded in its history.
inline managers::Order make_stored_order(std::int64_t n, std::int64_t customers) {
  constexpr std::int64_t kBase = 1'793'491'200'000'000;  // 2026-11-01T00:00:00Z in microseconds
  const managers::NewOrder input = make_order(n, customers);
  managers::Order order;
  order.order_id = input.order_id;
  order.customer_id = input.customer_id;
  order.customer_name = input.customer_name;
  order.total_price = input.total_price;
  order.conversation_id = input.conversation_id;
  order.estimated_ready_time = input.estimated_ready_time;
  order.metadata = input.metadata;
  for (const auto& item : input.items)
    order.items.push_back({item.item_name, item.quantity, item.unit_price, item.unit_price.times(item.quantity)});
  order.created_at = managers::domain::format_utc_micros(kBase + n * 1'000'000);
  order.status_history.push_back({managers::OrderStatus::PENDING, order.created_at});
  order.status = status_of(n);
  order.updated_at = order.created_at;
  if (order.status != managers::OrderStatus::PENDING) {
    order.updated_at = managers::domain::format_utc_micros(kBase + n * 1'000'000 + 60'000'000);
    order.status_history.push_back({order.status, order.updated_at});
  }
  return order;
}

// Stores orders [first, last) through import_order (one transaction each, as
// the library does every write). `customers` as in make_order.
inline void load_orders(managers::OrderManagerInterface& manager, std::int64_t first, std::int64_t last,
                        std::int64_t customers) {
  for (std::int64_t n = first; n < last; ++n)
    if (!manager.import_order(make_stored_order(n, customers)))
      throw std::runtime_error("order " + order_id(n) + " already stored");
}

// A temporary directory, removed with everything in it at destruction.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& prefix) {
    std::random_device random;
    const auto base = std::filesystem::temp_directory_path();
    for (;;) {
      path_ = base / (prefix + "-" + std::to_string(random()));
      if (std::filesystem::create_directory(path_)) break;
    }
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  std::string file(const std::string& name) const { return (path_ / name).string(); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// The machine's load average ("0.69 1.45 2.78"), printed beside every figure:
// a busy neighbour explains a bad run.
inline std::string loadavg() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a + " " + b + " " + c;
}

inline double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

inline double median(std::vector<double> values) {
  if (values.empty()) return 0.0;
  std::sort(values.begin(), values.end());
  const std::size_t mid = values.size() / 2;
  return values.size() % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2.0;
}

// Keeps the optimizer from discarding a result.
template <typename T>
inline void keep(const T& value) {
  asm volatile("" : : "g"(&value) : "memory");
}

}  // namespace bench
