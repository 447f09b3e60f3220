#pragma once

// WCU and requests per write of the DynamoDB engine, next to the earlier module's plain writes of
// the same orders (PutItem without condition or statistics; UpdateItem of the status), measured
// with ReturnConsumedCapacity against DynamoDB Local in the same run. Used by
// tests/dynamodb/write_cost_test.cpp (the budget) and bench/dynamodb_write_cost.cpp (the table).

#include <algorithm>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "dynamodb/engine_access.hpp"
#include "managers/order_manager_dynamodb.hpp"

namespace write_cost {

struct Cost {
  double wcu = 0;
  double requests = 0;
  double rcu = 0;
};

struct WriteCosts {
  Cost create;        // a returning customer's order
  Cost status_change; // Pending -> Confirmed
  Cost ready_time;
  Cost remove;        // delete_order, the customer keeps other orders
  Cost remove_last;   // delete_order of the customer's last order
  Cost plain_put;     // PutItem of the same item, no condition, no statistics
  Cost plain_status;  // UpdateItem SET status, updated_at of that item
  Cost list;          // get_customer_orders(name, limit 10): 10 of the customer's orders
  Cost last_order;    // get_customer_last_order(customer_id)
  double item_kb = 0;
};

inline managers::NewOrder order_of(int n, std::size_t pad_bytes, const std::string& customer) {
  managers::NewOrder order;
  order.order_id = "ORD-" + std::to_string(100000 + n);
  order.customer_id = customer;
  order.customer_name = "Customer " + customer;
  order.items = {{"Flat white", 2, managers::Money::from_cents(380)}, {"Croissant", 1, managers::Money::from_cents(295)}};
  order.total_price = managers::Money::from_cents(2 * 380 + 295);
  order.conversation_id = "conv-" + std::to_string(n);
  order.estimated_ready_time = "2026-11-25T15:30:00";
  order.metadata = {{"table", "12"}, {"channel", "chat"}};
  // Past the metadata limit (16 KB), the size goes into items (at most 100, names of at most 256
  // bytes): the largest valid order is about 45 KB as stored.
  constexpr std::size_t kNotes = 15 * 1024;
  if (pad_bytes > 0) order.metadata["notes"] = std::string(std::min(pad_bytes, kNotes), 'x');
  std::int64_t total = order.total_price.cents();
  for (std::size_t left = pad_bytes > kNotes ? pad_bytes - kNotes : 0; left > 0 && order.items.size() < 100;) {
    const std::size_t name = std::min<std::size_t>(left, 240);
    order.items.push_back({std::string(name, 'y') + std::to_string(order.items.size()), 1,
                           managers::Money::from_cents(100)});
    total += 100;
    left -= std::min(left, name + 60);
  }
  order.total_price = managers::Money::from_cents(total);
  return order;
}

// `options` names a fresh table; a second one, "<table>-plain", takes the plain writes (indexes of
// projection ALL, as the earlier module made them, whatever `options` asks for).
inline WriteCosts measure(managers::DynamoDbOptions options, std::size_t pad_bytes, int repeat) {
  using managers::dynamodb::EngineAccess;
  using nlohmann::json;
  managers::OrderManagerDynamoDB engine(options);
  engine.ensure_tables();
  managers::DynamoDbOptions plain_options = options;
  plain_options.table_name += "-plain";
  plain_options.index_projection = managers::IndexProjection::kAll;
  managers::OrderManagerDynamoDB plain(plain_options);
  plain.ensure_tables();
  auto& runner = EngineAccess::runner(engine);
  auto& plain_runner = EngineAccess::runner(plain);

  const auto per_call = [&](managers::OrderManagerDynamoDB& manager, auto&& call) {
    manager.reset_counters();
    for (int i = 0; i < repeat; ++i) call(i);
    const managers::DynamoDbCounters counters = manager.counters();
    return Cost{counters.write_capacity_units / repeat, static_cast<double>(counters.requests) / repeat,
                counters.read_capacity_units / repeat};
  };
  const auto id = [](int n) { return "ORD-" + std::to_string(100000 + n); };
  WriteCosts costs;
  // The customer exists before (a returning customer); "LAST-n" customers have one order each.
  engine.create_order(order_of(-1, pad_bytes, "CUST-1"));
  for (int i = 0; i < repeat; ++i) engine.create_order(order_of(1000 + i, pad_bytes, "LAST-" + std::to_string(i)));
  costs.create = per_call(engine, [&](int i) { engine.create_order(order_of(i, pad_bytes, "CUST-1")); });
  costs.status_change =
      per_call(engine, [&](int i) { engine.update_order_status(id(i), managers::OrderStatus::CONFIRMED); });
  costs.ready_time =
      per_call(engine, [&](int i) { engine.update_order_ready_time(id(i), "2026-11-25T16:00:00"); });
  costs.list = per_call(engine, [&](int) { (void)engine.get_customer_orders("Customer CUST-1", 10); });
  costs.last_order = per_call(engine, [&](int) { (void)engine.get_customer_last_order("CUST-1"); });

  // The plain writes of the same items (as they are now), into the plain table.
  std::vector<json> items;
  for (int i = 0; i < repeat; ++i) {
    json reply = runner.call("GetItem", {{"TableName", options.table_name},
                                         {"Key", {{"order_id", {{"S", id(i)}}}}},
                                         {"ConsistentRead", true}});
    items.push_back(reply.at("Item"));
  }
  costs.item_kb = static_cast<double>(items.front().dump().size()) / 1024.0;
  costs.plain_put = per_call(plain, [&](int i) {
    plain_runner.call("PutItem", {{"TableName", plain_options.table_name}, {"Item", items[static_cast<std::size_t>(i)]}});
  });
  costs.plain_status = per_call(plain, [&](int i) {
    plain_runner.call("UpdateItem", {{"TableName", plain_options.table_name},
                                     {"Key", {{"order_id", {{"S", id(i)}}}}},
                                     {"UpdateExpression", "SET #s = :s, updated_at = :u"},
                                     {"ExpressionAttributeNames", {{"#s", "status"}}},
                                     {"ExpressionAttributeValues",
                                      {{":s", {{"S", "Being prepared"}}}, {":u", {{"S", "2026-11-25T16:01:00.000000Z"}}}}}});
  });

  costs.remove = per_call(engine, [&](int i) { engine.delete_order(id(i)); });
  costs.remove_last = per_call(engine, [&](int i) { engine.delete_order(id(1000 + i)); });
  return costs;
}

}  // namespace write_cost
