// Every public method of the DynamoDB engine that talks to DynamoDB, through a fault-injecting
// proxy on 127.0.0.1 in front of DynamoDB Local (tests/support/fault_proxy.hpp), against every
// fault the proxy knows: throttling (ThrottlingException, ProvisionedThroughputExceededException),
// 500 and 503, a reset connection before or after the request reached DynamoDB, a stall past the
// client's request timeout before or after it reached DynamoDB, and a reply whose body fails its
// x-amz-crc32.
//
// The fault hits one chosen request of the call (e.g. its TransactWriteItems):
//  - on the first attempt only (within the retry budget): the call returns exactly what it returns
//    without faults, and the stored orders and statistics are exactly those of a fault-free call;
//  - on every attempt (budget exhausted): the call throws a StorageError naming the backend and a
//    meaningful code (the service's error code; "NetworkError" for resets, timeouts and damaged
//    replies, with curl's or the integrity check's explanation), never a false/empty/"not found"
//    result; afterwards the state is either the one before the call or the one after a fault-free
//    call (nothing half-written or doubled). clear_all_orders is the exception: it deletes batch by
//    batch, so it may stop half-way (some orders gone); the statistics still describe the orders
//    left, and calling it again finishes.
// Requests are compared by their fate, not by who resent them: curl itself resends a request once,
// transparently, when a reused connection dies without a reply, before the AWS layer's retries.
// Explicit cases: a create whose reply is lost reports true exactly once; a create of an id that
// exists stays false through faults; a status change whose reply is lost is applied once.
// Unprocessed batches (DynamoDbUnprocessedBatches): every batch-sending method while the proxy
// leaves a random part of its batches unprocessed, as AWS does under load and DynamoDB Local never.
//
// Every case starts from the same known orders (imported with fixed timestamps), so results are
// compared exactly; timestamps a call itself writes ("now") are blanked before comparing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "managers/errors.hpp"
#include "managers/order.hpp"
#include "managers/order_manager_dynamodb.hpp"
#include "support/dynamodb_local.hpp"
#include "support/fault_proxy.hpp"

namespace {

using managers::Money;
using managers::Order;
using managers::OrderManagerDynamoDB;
using managers::OrderStatus;
using managers::StorageError;
using nlohmann::json;
using testing::HasSubstr;
using testing::Not;
using testing_support::Fault;
using testing_support::FaultProxy;

// The retry budget: three attempts when one fault must be absorbed (room for it and one spare),
// two when every attempt fails (enough to show the budget is spent; it keeps the stalls short).
constexpr int kMaxAttempts = 3;
constexpr int kExhaustedMaxAttempts = 2;
constexpr int kRequestTimeoutMs = 300;
constexpr const char* kSeedDay = "2024-01-01T";

// ---------------------------------------------------------------------------------------------
// The tables, the fault-free manager that seeds and inspects them, and managers behind a proxy.

const std::string& table_name() {
  static const std::string name = "fault-matrix-" + std::to_string(::getpid());
  return name;
}

managers::DynamoDbOptions options_for(const std::string& endpoint) {
  managers::DynamoDbOptions options;
  options.table_name = table_name();
  options.region = "us-east-1";
  options.endpoint_url = endpoint;
  options.access_key_id = "AKIDEXAMPLE";
  options.secret_access_key = "local-secret-not-used";
  return options;
}

// Talks to DynamoDB Local directly, with default timeouts: the truth, past every fault.
OrderManagerDynamoDB& direct() {
  static OrderManagerDynamoDB manager(options_for(testing_support::shared_dynamodb_local().endpoint()));
  return manager;
}

// A manager behind `proxy` with a small request timeout, its tables already checked.
std::unique_ptr<OrderManagerDynamoDB> proxied(const FaultProxy& proxy, int max_attempts = kMaxAttempts,
                                              managers::DynamoDbWriteMode mode = managers::DynamoDbWriteMode::kIntents) {
  managers::DynamoDbOptions options = options_for(proxy.url());
  options.write_mode = mode;
  options.create_table_if_missing = false;
  options.max_attempts = max_attempts;
  options.request_timeout_ms = kRequestTimeoutMs;
  options.connect_timeout_ms = 1000;
  auto manager = std::make_unique<OrderManagerDynamoDB>(options);
  manager->ensure_tables();
  return manager;
}

// ---------------------------------------------------------------------------------------------
// The known state every case starts from.

std::string at(int hour, int minute) {
  const auto two_digits = [](int n) { return std::string(n < 10 ? "0" : "") + std::to_string(n); };
  return kSeedDay + two_digits(hour) + ":" + two_digits(minute) + ":00.000000Z";
}

Order seed_order(const std::string& id, const std::string& customer_id, const std::string& customer_name, int hour,
                 const std::vector<OrderStatus>& statuses, const std::vector<managers::OrderItem>& items,
                 Money total) {
  Order order;
  order.order_id = id;
  order.customer_id = customer_id;
  order.customer_name = customer_name;
  order.total_price = total;
  order.items = items;
  order.created_at = at(hour, 0);
  for (std::size_t i = 0; i < statuses.size(); ++i)
    order.status_history.push_back({statuses[i], at(hour, static_cast<int>(i) * 5)});
  order.status = statuses.back();
  order.updated_at = order.status_history.back().changed_at;
  return order;
}

managers::OrderItem item(const std::string& name, std::int64_t quantity, Money unit_price) {
  return {name, quantity, unit_price, unit_price.times(quantity)};
}

std::vector<Order> seed_orders() {
  using S = OrderStatus;
  Order a = seed_order("ORD-A", "CUST-1", "Alice", 10, {S::PENDING},
                       {item("Coffee", 2, Money(3.50)), item("Sandwich", 1, Money(8.99))}, Money(15.99));
  a.metadata = {{"table", 4}};
  Order b = seed_order("ORD-B", "CUST-1", "Alice", 11, {S::PENDING, S::CONFIRMED}, {item("Tea", 1, Money(2.50))},
                       Money(2.50));
  b.conversation_id = "conv-b";
  Order c = seed_order("ORD-C", "CUST-2", "Bob", 12, {S::PENDING}, {item("Bagel", 3, Money(1.75))}, Money(5.25));
  c.estimated_ready_time = "2024-01-01T12:30:00";
  Order d = seed_order("ORD-D", "CUST-3", "Carol", 13, {S::PENDING, S::CONFIRMED, S::PREPARING, S::READY, S::COMPLETED},
                       {item("Cake", 1, Money(4.00))}, Money(4.00));
  return {a, b, c, d};
}

// Empties both tables and imports the seed orders, without faults. The imports leave the intents
// of their writes on the shards (settled by the next write there), as a store in service has them.
// `recompute`: rebuild the statistics table first, as after switching write modes (its markers
// then hold both modes' forms).
void reset_and_seed(bool recompute = false) {
  direct().clear_all_orders();
  for (const Order& order : seed_orders()) ASSERT_TRUE(direct().import_order(order)) << order.order_id;
  if (recompute) direct().recompute_statistics();
}

// ---------------------------------------------------------------------------------------------
// Comparable forms of results and of the stored state.

// Blanks the timestamps a call wrote itself ("now"); the seeded ones stay and are compared.
json blank_fresh_timestamps(json value) {
  if (value.is_object()) {
    for (auto& [key, member] : value.items()) {
      if ((key == "created_at" || key == "updated_at" || key == "changed_at") && member.is_string() &&
          !member.get<std::string>().starts_with(kSeedDay)) {
        member = "<now>";
      } else {
        member = blank_fresh_timestamps(std::move(member));
      }
    }
  } else if (value.is_array()) {
    for (json& element : value) element = blank_fresh_timestamps(std::move(element));
  }
  return value;
}

json result_of(const std::optional<Order>& order) { return order ? managers::to_json(*order) : json(nullptr); }

std::vector<Order> all_orders(OrderManagerDynamoDB& manager) {
  std::vector<Order> orders;
  std::string token;
  do {
    managers::OrderPage page = manager.list_orders(token, 100);
    orders.insert(orders.end(), page.orders.begin(), page.orders.end());
    token = page.next_page_token;
  } while (!token.empty());
  std::sort(orders.begin(), orders.end(), [](const Order& x, const Order& y) { return x.order_id < y.order_id; });
  return orders;
}

// Every stored order (by id), the O(1) statistics, and whether they equal a full recount.
json snapshot() {
  const json orders = managers::to_json(all_orders(direct()));
  const managers::OrderStatistics counted = direct().get_order_statistics();
  const managers::OrderStatistics recounted = direct().recompute_statistics();
  return blank_fresh_timestamps(
      {{"orders", orders}, {"statistics", managers::to_json(counted)}, {"statistics_equal_recount", counted == recounted}});
}

// ---------------------------------------------------------------------------------------------
// The methods under test.

// What the request the fault hits does to the stored state.
enum class Effect {
  kNone,       // a read (or a refusal): nothing changes
  kWrite,      // the write of the call, applied by DynamoDB on its first send
  kFirstTry,   // a write DynamoDB cancels on its first send (an existing id, a wrong guess of the
               // customer's marker); the call goes on with another request
  kBulkWrite,  // clear_all_orders: batch after batch, not all or nothing (see the matrix test)
};

struct Scenario {
  const char* name;       // for test names
  const char* operation;  // the request the fault hits
  Effect effect;
  std::function<json(OrderManagerDynamoDB&)> call;
  // Narrows the fault to the requests of `operation` whose body contains this: "shard#" (the
  // intent on a counter shard, step S1), "customer#" (the customer's marker, step M), "REMOVE #p"
  // (the revert of an intent whose order write was refused).
  const char* body = "";
  managers::DynamoDbWriteMode mode = managers::DynamoDbWriteMode::kIntents;
};

Order imported_order() {
  Order order = seed_order("ORD-E", "CUST-4", "Erin", 14, {OrderStatus::PENDING, OrderStatus::READY},
                           {item("Juice", 2, Money(3.00))}, Money(6.00));
  order.metadata = {{"source", "import"}};
  return order;
}

Order replacement_of_c() {
  Order order = seed_orders()[2];
  order.total_price = Money(7.00);
  order.items = {item("Bagel", 4, Money(1.75))};
  order.status = OrderStatus::CANCELLED;
  order.status_history.push_back({OrderStatus::CANCELLED, at(12, 20)});
  order.updated_at = at(12, 20);
  return order;
}

const std::vector<Scenario>& scenarios() {
  using M = OrderManagerDynamoDB;
  using E = Effect;
  constexpr auto kTx = managers::DynamoDbWriteMode::kTransactional;
  // The DeleteItem of the order itself (the marker's has the key "pk").
  constexpr const char* kOrderKey = R"("Key":{"order_id":{"S")";
  constexpr auto kIn = managers::DynamoDbWriteMode::kIntents;
  const auto create_new = [](M& m) {
    return json(m.create_order("ORD-NEW", "CUST-9", "Dave", {{"Soup", 1, Money(6.25)}}, Money(6.25)));
  };
  const auto create_returning = [](M& m) {
    return json(m.create_order("ORD-NEW", "CUST-1", "Alice", {{"Soup", 2, Money(6.25)}}, Money(12.50)));
  };
  const auto create_existing = [](M& m) {
    return json(m.create_order("ORD-A", "CUST-1", "Alice", {{"Soup", 1, Money(6.25)}}, Money(6.25)));
  };
  const auto update_status = [](M& m) { return json(m.update_order_status("ORD-A", OrderStatus::CONFIRMED)); };
  const auto delete_b = [](M& m) { return json(m.delete_order("ORD-B")); };
  const auto delete_c = [](M& m) { return json(m.delete_order("ORD-C")); };
  const auto replace_c = [](M& m) {
    m.replace_order(replacement_of_c());
    return json("replaced");
  };
  static const std::vector<Scenario> list = {
      // The default write mode, step by step: the marker read, the intent (S1), the order write,
      // the marker (M).
      {"CreateOrder", "UpdateItem", E::kWrite, create_new, "shard#"},
      {"CreateOrderMarkerRead", "GetItem", E::kNone, create_new},
      {"CreateOrderPut", "PutItem", E::kWrite, create_new},
      {"CreateOrderMarker", "UpdateItem", E::kWrite, create_new, "customer#"},
      {"CreateOrderReturningCustomer", "UpdateItem", E::kWrite, create_returning, "customer#"},
      // The order write is refused (the id exists), then the intent is reverted.
      {"CreateOrderExistingId", "PutItem", E::kFirstTry, create_existing},
      {"CreateOrderExistingIdRevert", "UpdateItem", E::kWrite, create_existing, "REMOVE #p"},
      {"ImportOrder", "UpdateItem", E::kWrite, [](M& m) { return json(m.import_order(imported_order())); }, "shard#"},
      {"ImportOrderPut", "PutItem", E::kWrite, [](M& m) { return json(m.import_order(imported_order())); }},
      {"ReplaceOrder", "UpdateItem", E::kWrite, replace_c, "shard#"},
      {"ReplaceOrderPut", "PutItem", E::kWrite, replace_c},
      {"GetOrder", "GetItem", E::kNone, [](M& m) { return result_of(m.get_order("ORD-B")); }},
      {"GetOrderMissing", "GetItem", E::kNone, [](M& m) { return result_of(m.get_order("ORD-NONE")); }},
      {"GetCustomerOrders", "Query", E::kNone, [](M& m) { return managers::to_json(m.get_customer_orders("Alice")); }},
      {"GetCustomerLastOrder", "Query", E::kNone, [](M& m) { return result_of(m.get_customer_last_order("CUST-1")); }},
      {"GetOrdersByStatus", "Query", E::kNone,
       [](M& m) { return managers::to_json(m.get_orders_by_status(OrderStatus::PENDING)); }},
      {"UpdateOrderStatus", "UpdateItem", E::kWrite, update_status, "shard#"},
      {"UpdateOrderStatusPut", "PutItem", E::kWrite, update_status},
      // The fault on the read of the read-modify-write instead of its write.
      {"UpdateOrderStatusRead", "GetItem", E::kNone, update_status},
      // The first statistics change after a create looks whether the create's intent is still on
      // its shard (its marker change owed) before removing it.
      {"UpdateOrderStatusPredecessorCheck", "GetItem", E::kWrite, update_status, "shard#"},
      // ORD-D is Completed: the change is refused (false), with or without faults.
      {"UpdateOrderStatusRefused", "GetItem", E::kNone,
       [](M& m) { return json(m.update_order_status("ORD-D", OrderStatus::PREPARING)); }},
      {"UpdateOrderReadyTime", "PutItem", E::kWrite,
       [](M& m) { return json(m.update_order_ready_time("ORD-A", "2024-01-01T10:45:00")); }},
      // CUST-1 keeps an order: its marker's count goes down by one (UpdateItem).
      {"DeleteOrder", "DeleteItem", E::kWrite, delete_b, kOrderKey},
      // The intent and the delete lock, with a check of the order (one TransactWriteItems).
      {"DeleteOrderIntent", "TransactWriteItems", E::kWrite, delete_b, "shard#"},
      {"DeleteOrderMarker", "UpdateItem", E::kWrite, delete_b, "customer#"},
      // ORD-C is CUST-2's only order: the marker's count goes to 0 (UpdateItem).
      {"DeleteOrderLastOfCustomer", "DeleteItem", E::kWrite, delete_c, kOrderKey},
      {"DeleteOrderLastOfCustomerMarker", "UpdateItem", E::kWrite, delete_c, "customer#"},
      {"DeleteOrderMissing", "GetItem", E::kNone, [](M& m) { return json(m.delete_order("ORD-NONE")); }},
      {"ClearAllOrders", "BatchWriteItem", E::kBulkWrite,
       [](M& m) {
         m.clear_all_orders();
         return json("cleared");
       }},
      {"GetOrderStatistics", "BatchGetItem", E::kNone,
       [](M& m) { return managers::to_json(m.get_order_statistics()); }},
      // Rewrites the statistics table with BatchWriteItem; from a correct start the figures stay
      // the same, so a half-done rewrite leaves the state "before" (= "after").
      {"RecomputeStatistics", "BatchWriteItem", E::kWrite,
       [](M& m) { return managers::to_json(m.recompute_statistics()); }},
      {"FormatOrderSummary", "GetItem", E::kNone, [](M& m) { return json(m.format_order_summary("ORD-C")); }},
      {"ListOrders", "Scan", E::kNone,
       [](M& m) {
         managers::OrderPage page = m.list_orders("", 100);
         std::sort(page.orders.begin(), page.orders.end(),
                   [](const Order& x, const Order& y) { return x.order_id < y.order_id; });
         return json{{"orders", managers::to_json(page.orders)}, {"next_page_token", page.next_page_token}};
       }},
      // The transactional write mode (DynamoDbWriteMode::kTransactional): one TransactWriteItems.
      {"TxCreateOrder", "TransactWriteItems", E::kWrite, create_new, "", kTx},
      // A new engine does not know yet that CUST-1 exists: its first transaction is cancelled by
      // the customer's marker and sent again after reading it.
      {"TxCreateOrderReturningCustomer", "TransactWriteItems", E::kFirstTry, create_returning, "", kTx},
      {"TxCreateOrderExistingId", "TransactWriteItems", E::kFirstTry, create_existing, "", kTx},
      {"TxReplaceOrder", "TransactWriteItems", E::kWrite, replace_c, "", kTx},
      {"TxUpdateOrderStatus", "TransactWriteItems", E::kWrite, update_status, "", kTx},
      {"TxDeleteOrder", "TransactWriteItems", E::kWrite, delete_b, "", kTx},
      // ORD-C is CUST-2's only order: the first transaction's guess of the marker is wrong.
      {"TxDeleteOrderLastOfCustomer", "TransactWriteItems", E::kFirstTry, delete_c, "", kTx},
  };
  (void)kIn;
  return list;
}

// What a scenario returns and leaves behind without faults (through the proxy, nothing injected).
struct Reference {
  json result;
  json after;
};

const json& state_before() {
  static const json state = [] {
    reset_and_seed();
    return snapshot();
  }();
  return state;
}

const Reference& reference_for(std::size_t index) {
  static std::map<std::size_t, Reference> cache;
  if (auto found = cache.find(index); found != cache.end()) return found->second;
  const Scenario& scenario = scenarios()[index];
  reset_and_seed(scenario.mode == managers::DynamoDbWriteMode::kTransactional);
  FaultProxy proxy(testing_support::shared_dynamodb_local().endpoint());
  auto manager = proxied(proxy, kMaxAttempts, scenario.mode);
  Reference reference;
  reference.result = blank_fresh_timestamps(scenarios()[index].call(*manager));
  reference.after = snapshot();
  EXPECT_EQ(proxy.injection_count(), 0U);
  return cache.emplace(index, std::move(reference)).first->second;
}

// ---------------------------------------------------------------------------------------------
// The error a call must end in when every attempt meets `fault`.

void expect_typed_error(const StorageError& error, Fault fault) {
  EXPECT_EQ(error.backend(), "dynamodb");
  const std::string& message = error.backend_message();
  switch (fault) {
    case Fault::kThrottling:
      EXPECT_EQ(error.code(), "ThrottlingException");
      break;
    case Fault::kProvisionedThroughputExceeded:
      EXPECT_EQ(error.code(), "ProvisionedThroughputExceededException");
      break;
    case Fault::kInternalServerError:
      EXPECT_EQ(error.code(), "InternalServerError");
      break;
    case Fault::kServiceUnavailable:
      EXPECT_EQ(error.code(), "ServiceUnavailable");
      break;
    case Fault::kResetBeforeForward:
    case Fault::kResetAfterForward:
      EXPECT_EQ(error.code(), "NetworkError");
      EXPECT_THAT(message, HasSubstr("failed"));
      EXPECT_THAT(message, Not(HasSubstr("timed out")));
      EXPECT_THAT(message, Not(HasSubstr("x-amz-crc32")));
      break;
    case Fault::kStallBeforeForward:
    case Fault::kStallAfterForward:
      EXPECT_EQ(error.code(), "NetworkError");
      EXPECT_THAT(message, HasSubstr("timed out"));
      break;
    case Fault::kCorruptBody:
      EXPECT_EQ(error.code(), "NetworkError");
      EXPECT_THAT(message, HasSubstr("x-amz-crc32"));
      break;
  }
}

// ---------------------------------------------------------------------------------------------
// The matrix.

// clear_all_orders deletes batch by batch: after a failure some orders may be gone (each one that
// is left is intact), and calling it again without faults finishes the job, statistics included.
void expect_bulk_write_recoverable(const Scenario& scenario, OrderManagerDynamoDB& manager, const json& before,
                                   const Reference& reference) {
  const json left = blank_fresh_timestamps(managers::to_json(all_orders(direct())));
  for (const json& order : left) EXPECT_THAT(before["orders"], testing::Contains(order));
  // The counters are out of step after a half-done clear, the statistics are not: they are counted
  // from the orders until a clear completes (the "clearing" flag of statistics_counters.hpp).
  const managers::OrderStatistics counted = direct().get_order_statistics();
  EXPECT_EQ(counted.total_orders, static_cast<std::int64_t>(left.size()));
  EXPECT_EQ(counted, direct().recompute_statistics());
  EXPECT_EQ(blank_fresh_timestamps(scenario.call(manager)), reference.result);
  EXPECT_EQ(snapshot(), reference.after);
}


enum class Mode { kFirstAttempt, kEveryAttempt };
using MatrixParam = std::tuple<std::size_t, Fault, Mode>;

class DynamoDbFaultMatrix : public testing::TestWithParam<MatrixParam> {};

TEST_P(DynamoDbFaultMatrix, SucceedsWithinTheBudgetOrFailsTyped) {
  const auto [index, fault, mode] = GetParam();
  const Scenario& scenario = scenarios()[index];
  const json& before = state_before();
  const Reference& reference = reference_for(index);

  ASSERT_NO_FATAL_FAILURE(reset_and_seed(scenario.mode == managers::DynamoDbWriteMode::kTransactional));
  FaultProxy proxy(testing_support::shared_dynamodb_local().endpoint());
  auto manager = proxied(proxy, mode == Mode::kFirstAttempt ? kMaxAttempts : kExhaustedMaxAttempts, scenario.mode);

  if (mode == Mode::kFirstAttempt) {
    proxy.fail_next(scenario.operation, fault, 1, scenario.body);
    json result;
    try {
      result = blank_fresh_timestamps(scenario.call(*manager));
    } catch (const managers::OrderManagerError& error) {
      FAIL() << "one fault within the retry budget must not fail the call: " << error.what();
    }
    const auto injections = proxy.injections();
    ASSERT_EQ(injections.size(), 1U) << "the fault never met the call's " << scenario.operation;
    if (testing_support::reaches_upstream(fault)) {
      // The fault met the request this scenario is about: the write that lands, or the first try.
      if (scenario.effect == Effect::kWrite) {
        EXPECT_EQ(injections[0].upstream_status, 200) << "the reply lost must be that of the write that happened";
      } else if (scenario.effect == Effect::kFirstTry) {
        EXPECT_EQ(injections[0].upstream_status, 400) << "the first try was expected to be cancelled";
      }
    }
    EXPECT_EQ(result, reference.result) << "the result differs from the fault-free call's";
    const json after = snapshot();
    EXPECT_EQ(after, reference.after) << "the state differs from the fault-free call's:\n"
                                      << after.dump(1) << "\nexpected:\n" << reference.after.dump(1);
    return;
  }

  proxy.fail_every(scenario.operation, fault, scenario.body);
  try {
    const json result = scenario.call(*manager);
    ADD_FAILURE() << "with every attempt failing, the call returned " << result.dump() << " instead of throwing";
  } catch (const StorageError& error) {
    expect_typed_error(error, fault);
  } catch (const std::exception& error) {
    ADD_FAILURE() << "not a StorageError: " << error.what();
  }
  // At least one fault per attempt (curl itself sends a request again once when a reused
  // connection dies without a reply, so a reset may be met twice per attempt).
  EXPECT_GE(proxy.injection_count(), static_cast<std::size_t>(kExhaustedMaxAttempts)) << "the budget was not used up";
  EXPECT_GE(manager->counters().retries, kExhaustedMaxAttempts - 1) << "the AWS layer did not retry";
  proxy.clear();

  if (scenario.effect == Effect::kNone) {
    EXPECT_EQ(snapshot(), before) << "a read changed the stored state";
    return;
  }
  if (scenario.effect != Effect::kBulkWrite) {
    const json after = snapshot();
    EXPECT_TRUE(after == before || after == reference.after)
        << "a failed call left a state that is neither the one before it nor the one after a fault-free call:\n"
        << after.dump(1) << "\nbefore:\n" << before.dump(1) << "\nfault-free:\n" << reference.after.dump(1);
    return;
  }
  expect_bulk_write_recoverable(scenario, *manager, before, reference);
}

std::string matrix_name(const testing::TestParamInfo<MatrixParam>& info) {
  const auto [index, fault, mode] = info.param;
  return std::string(scenarios()[index].name) + "_" + std::string(testing_support::fault_name(fault)) + "_" +
         (mode == Mode::kFirstAttempt ? "FirstAttempt" : "EveryAttempt");
}

std::vector<std::size_t> scenario_indexes() {
  std::vector<std::size_t> indexes(scenarios().size());
  for (std::size_t i = 0; i < indexes.size(); ++i) indexes[i] = i;
  return indexes;
}

INSTANTIATE_TEST_SUITE_P(AllMethods, DynamoDbFaultMatrix,
                         testing::Combine(testing::ValuesIn(scenario_indexes()),
                                          testing::ValuesIn(testing_support::kAllFaults),
                                          testing::Values(Mode::kFirstAttempt, Mode::kEveryAttempt)),
                         matrix_name);

// ---------------------------------------------------------------------------------------------
// Unprocessed batch parts: every method that sends BatchWriteItem / BatchGetItem (the resend loop
// of src/dynamodb/batch_operations.cpp), with the proxy withholding a random part of each batch
// for several rounds in a row. Only the processed part reaches DynamoDB Local, so a method that
// dropped the withheld part, or resent a processed one, would leave another state.
//  - within the engine's budget of rounds (kMaxUnprocessedRounds, 12): result and state exactly
//    those of a fault-free call;
//  - forever (past the budget): a StorageError with code UnprocessedItems / UnprocessedKeys, and
//    the state "before" (reads, a recompute from correct figures) or, for clear_all_orders, the
//    documented half-done clear that a second call finishes.

constexpr int kUnprocessedRoundsWithinBudget = 4;
constexpr int kUnprocessedForever = -1;
using UnprocessedParam = std::tuple<std::size_t, int>;

class DynamoDbUnprocessedBatches : public testing::TestWithParam<UnprocessedParam> {};

TEST_P(DynamoDbUnprocessedBatches, ResentWithinTheBudgetOrFailsTyped) {
  const auto [index, rounds] = GetParam();
  const Scenario& scenario = scenarios()[index];
  const json& before = state_before();
  const Reference& reference = reference_for(index);

  ASSERT_NO_FATAL_FAILURE(reset_and_seed());
  FaultProxy proxy(testing_support::shared_dynamodb_local().endpoint());
  auto manager = proxied(proxy);
  const std::uint32_t seed = std::random_device{}();
  SCOPED_TRACE("withholding seed " + std::to_string(seed));
  proxy.withhold_batch_parts(rounds, seed);

  if (rounds != kUnprocessedForever) {
    json result;
    try {
      result = blank_fresh_timestamps(scenario.call(*manager));
    } catch (const managers::OrderManagerError& error) {
      FAIL() << "unprocessed parts within the budget must be resent, not fail the call: " << error.what();
    }
    // Each withheld round leaves something unprocessed, so each forces another batch request.
    EXPECT_EQ(proxy.withheld_rounds(), static_cast<std::size_t>(rounds));
    EXPECT_GT(proxy.requests_seen(scenario.operation), static_cast<std::size_t>(rounds));
    EXPECT_EQ(result, reference.result) << "the result differs from the fault-free call's";
    const json after = snapshot();
    EXPECT_EQ(after, reference.after) << "the state differs from the fault-free call's:\n"
                                      << after.dump(1) << "\nexpected:\n" << reference.after.dump(1);
    return;
  }

  const std::string expected_code = std::string(scenario.operation) == "BatchGetItem" ? "UnprocessedKeys"
                                                                                       : "UnprocessedItems";
  try {
    const json result = scenario.call(*manager);
    ADD_FAILURE() << "with batches never fully processed, the call returned " << result.dump();
  } catch (const StorageError& error) {
    EXPECT_EQ(error.backend(), "dynamodb");
    EXPECT_EQ(error.code(), expected_code);
    EXPECT_THAT(error.backend_message(), HasSubstr("rounds"));
  } catch (const std::exception& error) {
    ADD_FAILURE() << "not a StorageError: " << error.what();
  }
  EXPECT_GE(proxy.withheld_rounds(), 2U);
  proxy.clear();
  if (scenario.effect == Effect::kBulkWrite) {
    expect_bulk_write_recoverable(scenario, *manager, before, reference);
    return;
  }
  const json after = snapshot();
  EXPECT_TRUE(after == before || after == reference.after)
      << "a failed call left a state that is neither the one before it nor the one after a fault-free call:\n"
      << after.dump(1);
}

std::vector<std::size_t> batch_scenario_indexes() {
  std::vector<std::size_t> indexes;
  for (std::size_t i = 0; i < scenarios().size(); ++i) {
    const std::string operation = scenarios()[i].operation;
    if (operation == "BatchWriteItem" || operation == "BatchGetItem") indexes.push_back(i);
  }
  return indexes;
}

std::string unprocessed_name(const testing::TestParamInfo<UnprocessedParam>& info) {
  const auto [index, rounds] = info.param;
  return std::string(scenarios()[index].name) + (rounds == kUnprocessedForever ? "_Forever" : "_WithinBudget");
}

INSTANTIATE_TEST_SUITE_P(BatchMethods, DynamoDbUnprocessedBatches,
                         testing::Combine(testing::ValuesIn(batch_scenario_indexes()),
                                          testing::Values(kUnprocessedRoundsWithinBudget, kUnprocessedForever)),
                         unprocessed_name);

// ---------------------------------------------------------------------------------------------
// Explicit cases.

// (1) The write reaches DynamoDB, its reply is lost; the retry must report true, exactly once.
// Each step of the default write mode that writes (the intent, the order, the marker) and the
// transactional mode's transaction.
struct WriteStep {
  const char* operation;
  const char* body;
  managers::DynamoDbWriteMode mode;
};
constexpr WriteStep kCreateSteps[] = {
    {"UpdateItem", "shard#", managers::DynamoDbWriteMode::kIntents},
    {"PutItem", "", managers::DynamoDbWriteMode::kIntents},
    {"UpdateItem", "customer#", managers::DynamoDbWriteMode::kIntents},
    {"TransactWriteItems", "", managers::DynamoDbWriteMode::kTransactional},
};

TEST(DynamoDbFaultCases, ACreateWhoseReplyIsLostIsRetriedAndReportsTrueOnce) {
  for (const WriteStep& step : kCreateSteps)
  for (Fault fault : {Fault::kResetAfterForward, Fault::kStallAfterForward, Fault::kCorruptBody}) {
    SCOPED_TRACE(std::string(testing_support::fault_name(fault)) + " on " + step.operation + " " + step.body);
    ASSERT_NO_FATAL_FAILURE(reset_and_seed(step.mode == managers::DynamoDbWriteMode::kTransactional));
    FaultProxy proxy(testing_support::shared_dynamodb_local().endpoint());
    auto manager = proxied(proxy, kMaxAttempts, step.mode);
    proxy.fail_next(step.operation, fault, 1, step.body);

    EXPECT_TRUE(manager->create_order("ORD-NEW", "CUST-9", "Dave", {{"Soup", 1, Money(6.25)}}, Money(6.25)));
    const auto injections = proxy.injections();
    ASSERT_EQ(injections.size(), 1U);
    EXPECT_EQ(injections[0].upstream_status, 200) << "the lost reply must be that of the write that happened";
    // Sent again: by the AWS layer, or by curl itself when a reused connection died without a reply.
    EXPECT_GE(proxy.requests_seen(step.operation), 2U);

    const json state = snapshot();
    EXPECT_EQ(state["orders"].size(), 5U);
    const std::optional<Order> created = direct().get_order("ORD-NEW");
    ASSERT_TRUE(created.has_value());
    EXPECT_EQ(created->status_history.size(), 1U);
    EXPECT_EQ(state["statistics"]["total_orders"], 5);
    EXPECT_EQ(state["statistics"]["unique_customers"], 4);
    EXPECT_TRUE(state["statistics_equal_recount"].get<bool>());
    // Now it truly exists: another create of it is a duplicate.
    EXPECT_FALSE(manager->create_order("ORD-NEW", "CUST-9", "Dave", {{"Soup", 1, Money(6.25)}}, Money(6.25)));
    EXPECT_EQ(snapshot(), state);
  }
}

// (2) An id that truly exists stays a duplicate (false, not an error, not true) whatever meets the
// transaction and the read that checks whose write the stored order is.
TEST(DynamoDbFaultCases, ACreateOfAnExistingIdStaysFalseThroughFaults) {
  ASSERT_NO_FATAL_FAILURE(reset_and_seed());
  const json before = snapshot();
  for (Fault fault : testing_support::kAllFaults) {
    SCOPED_TRACE(std::string(testing_support::fault_name(fault)));
    FaultProxy proxy(testing_support::shared_dynamodb_local().endpoint());
    auto manager = proxied(proxy);
    proxy.fail_next("PutItem", fault);
    proxy.fail_next("GetItem", fault);
    try {
      EXPECT_FALSE(manager->create_order("ORD-B", "CUST-1", "Alice", {{"Soup", 1, Money(6.25)}}, Money(6.25)));
    } catch (const managers::OrderManagerError& error) {
      ADD_FAILURE() << "a duplicate met by faults within the budget must be false, not " << error.what();
    }
    EXPECT_EQ(proxy.injection_count(), 2U);
    EXPECT_EQ(snapshot(), before);
  }
  ASSERT_NO_FATAL_FAILURE(reset_and_seed(true));
  for (Fault fault : testing_support::kAllFaults) {
    SCOPED_TRACE(std::string("transactional ") + std::string(testing_support::fault_name(fault)));
    FaultProxy proxy(testing_support::shared_dynamodb_local().endpoint());
    auto manager = proxied(proxy, kMaxAttempts, managers::DynamoDbWriteMode::kTransactional);
    proxy.fail_next("TransactWriteItems", fault);
    proxy.fail_next("GetItem", fault);
    try {
      EXPECT_FALSE(manager->create_order("ORD-B", "CUST-1", "Alice", {{"Soup", 1, Money(6.25)}}, Money(6.25)));
    } catch (const managers::OrderManagerError& error) {
      ADD_FAILURE() << "a duplicate met by faults within the budget must be false, not " << error.what();
    }
    EXPECT_EQ(proxy.injection_count(), 2U);
    EXPECT_EQ(snapshot(), before);
  }
}

// (3) A status change whose reply is lost is applied once: one new history entry.
TEST(DynamoDbFaultCases, AStatusUpdateWhoseReplyIsLostIsAppliedOnce) {
  constexpr WriteStep kStatusSteps[] = {
      {"UpdateItem", "shard#", managers::DynamoDbWriteMode::kIntents},
      {"PutItem", "", managers::DynamoDbWriteMode::kIntents},
      {"TransactWriteItems", "", managers::DynamoDbWriteMode::kTransactional},
  };
  for (const WriteStep& step : kStatusSteps)
  for (Fault fault : {Fault::kResetAfterForward, Fault::kStallAfterForward, Fault::kCorruptBody}) {
    SCOPED_TRACE(std::string(testing_support::fault_name(fault)) + " on " + step.operation + " " + step.body);
    ASSERT_NO_FATAL_FAILURE(reset_and_seed(step.mode == managers::DynamoDbWriteMode::kTransactional));
    FaultProxy proxy(testing_support::shared_dynamodb_local().endpoint());
    auto manager = proxied(proxy, kMaxAttempts, step.mode);
    proxy.fail_next(step.operation, fault, 1, step.body);

    EXPECT_TRUE(manager->update_order_status("ORD-C", OrderStatus::PREPARING));
    const auto injections = proxy.injections();
    ASSERT_EQ(injections.size(), 1U);
    EXPECT_EQ(injections[0].upstream_status, 200) << "the lost reply must be that of the write that happened";

    const json state = snapshot();
    const std::optional<Order> order = direct().get_order("ORD-C");
    ASSERT_TRUE(order.has_value());
    ASSERT_EQ(order->status_history.size(), 2U) << "the change was applied " << order->status_history.size() - 1
                                                << " times";
    EXPECT_EQ(order->status_history[1].status, OrderStatus::PREPARING);
    EXPECT_EQ(order->status, OrderStatus::PREPARING);
    EXPECT_EQ(state["statistics"]["total_orders"], 4);
    EXPECT_TRUE(state["statistics_equal_recount"].get<bool>());
    // Setting it again is the documented no-op, not a second entry.
    EXPECT_TRUE(manager->update_order_status("ORD-C", OrderStatus::PREPARING));
    EXPECT_EQ(direct().get_order("ORD-C")->status_history.size(), 2U);
  }
}

}  // namespace
