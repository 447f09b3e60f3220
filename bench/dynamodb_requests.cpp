// Requests and capacity units per method of the DynamoDB engine, against DynamoDB Local (issue 6).
//
//   dynamodb_requests [--orders N] [--repeat R]
//
// Seeds a fresh table with N spec-like orders (N/10 customers), then calls each method R times and
// prints, per call, the HTTP requests, the API calls by operation and the read / write capacity
// units DynamoDB reported (ReturnConsumedCapacity). get_order_statistics is also measured at a
// second table size to show it stays O(1). DynamoDB Local reports capacity as DynamoDB would bill
// it; latencies are not printed (a local JVM says nothing about the service's).

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <string>

#include "bench_support.hpp"
#include "managers/order_manager_dynamodb.hpp"
#include "dynamodb/local_engine.hpp"
#include "support/dynamodb_local.hpp"

namespace {

using managers::DynamoDbCounters;
using managers::OrderManagerDynamoDB;
using managers::OrderStatus;

std::string calls_text(const DynamoDbCounters& counters, int repeat) {
  std::string text;
  for (const auto& [operation, count] : counters.calls) {
    char buffer[96];
    std::snprintf(buffer, sizeof buffer, "%s%s %.2g", text.empty() ? "" : ", ", operation.c_str(),
                  static_cast<double>(count) / repeat);
    text += buffer;
  }
  return text;
}

void measure(OrderManagerDynamoDB& engine, const char* method, int repeat, const std::function<void(int)>& call) {
  engine.reset_counters();
  for (int i = 0; i < repeat; ++i) call(i);
  const DynamoDbCounters counters = engine.counters();
  std::printf("| %-44s | %8.2f | %7.2f | %7.2f | %s |\n", method, static_cast<double>(counters.requests) / repeat,
              counters.read_capacity_units / repeat, counters.write_capacity_units / repeat,
              calls_text(counters, repeat).c_str());
}

void seed(OrderManagerDynamoDB& engine, int orders, int first) {
  for (int n = first; n < first + orders; ++n) engine.create_order(bench::make_order(n, std::max(1, orders / 10)));
}

}  // namespace

int main(int argc, char** argv) {
  int orders = 1000;
  int repeat = 50;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--orders") == 0) orders = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--repeat") == 0) repeat = std::atoi(argv[i + 1]);
  }
  const std::string table = "bench-" + std::to_string(::getpid());
  OrderManagerDynamoDB engine(dynamodb_testing::local_options(table));
  engine.ensure_tables();
  seed(engine, orders, 0);
  const int customers = std::max(1, orders / 10);

  std::printf("DynamoDB engine against DynamoDB Local: %d orders, %d customers, %d calls per method\n\n", orders,
              customers, repeat);
  std::printf("| %-44s | %8s | %7s | %7s | %s |\n", "method (per call)", "requests", "RCU", "WCU", "API calls");
  std::printf("|%s|%s|%s|%s|%s|\n", std::string(46, '-').c_str(), std::string(10, '-').c_str(),
              std::string(9, '-').c_str(), std::string(9, '-').c_str(), std::string(11, '-').c_str());

  int next = orders;
  measure(engine, "create_order (returning customer)", repeat,
          [&](int i) { engine.create_order(bench::make_order(next + i, customers)); });
  next += repeat;
  measure(engine, "create_order (new customer)", repeat, [&](int i) {
    managers::NewOrder order = bench::make_order(next + i, customers);
    order.customer_id = "NEW-" + std::to_string(next + i);
    engine.create_order(order);
  });
  next += repeat;
  measure(engine, "create_order (duplicate id, refused)", repeat,
          [&](int i) { engine.create_order(bench::make_order(i, customers)); });
  measure(engine, "get_order", repeat, [&](int i) { bench::keep(engine.get_order(bench::order_id(i))); });
  measure(engine, "get_order (missing)", repeat, [&](int) { bench::keep(engine.get_order("NOPE")); });
  measure(engine, "get_customer_orders (all, ~10 orders)", repeat,
          [&](int i) { bench::keep(engine.get_customer_orders(bench::customer_name(i % customers))); });
  measure(engine, "get_customer_orders (limit 3)", repeat,
          [&](int i) { bench::keep(engine.get_customer_orders(bench::customer_name(i % customers), 3)); });
  measure(engine, "get_customer_orders (limit 1, status Pending)", repeat, [&](int i) {
    bench::keep(engine.get_customer_orders(bench::customer_name(i % customers), 1, OrderStatus::PENDING));
  });
  measure(engine, "get_customer_last_order", repeat,
          [&](int i) { bench::keep(engine.get_customer_last_order(bench::customer_id(i % customers))); });
  measure(engine, "get_orders_by_status (limit 20)", repeat,
          [&](int) { bench::keep(engine.get_orders_by_status(OrderStatus::PENDING, 20)); });
  measure(engine, "update_order_status (Pending -> Confirmed)", repeat,
          [&](int i) { engine.update_order_status(bench::order_id(i), OrderStatus::CONFIRMED); });
  measure(engine, "update_order_status (no-op, same status)", repeat,
          [&](int i) { engine.update_order_status(bench::order_id(i), OrderStatus::CONFIRMED); });
  measure(engine, "update_order_ready_time", repeat,
          [&](int i) { engine.update_order_ready_time(bench::order_id(i), "2026-11-25T16:00:00"); });
  measure(engine, "format_order_summary", repeat,
          [&](int i) { bench::keep(engine.format_order_summary(bench::order_id(i))); });
  measure(engine, "list_orders (page of 100)", 5, [&](int) { bench::keep(engine.list_orders("", 100)); });
  measure(engine, "get_order_statistics", repeat, [&](int) { bench::keep(engine.get_order_statistics()); });
  measure(engine, "delete_order (customer keeps other orders)", repeat,
          [&](int i) { engine.delete_order(bench::order_id(i)); });
  measure(engine, "delete_order (customer's last order)", repeat, [&](int i) {
    engine.delete_order(bench::order_id(orders + repeat + i));  // the NEW-... customers' only orders
  });
  measure(engine, "delete_order (missing)", repeat, [&](int) { engine.delete_order("NOPE"); });

  seed(engine, orders * 4, next + repeat);
  measure(engine, "get_order_statistics (table 5x larger)", repeat,
          [&](int) { bench::keep(engine.get_order_statistics()); });
  measure(engine, "recompute_statistics (full scan)", 1, [&](int) { bench::keep(engine.recompute_statistics()); });
  measure(engine, "clear_all_orders", 1, [&](int) { engine.clear_all_orders(); });
  return 0;
}
