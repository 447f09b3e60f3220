// The DynamoDB engine against DynamoDB Local: request counts, conditional writes, lost replies,
// pagination past 1 MB, table setup, errors. (The shared behaviour is the conformance suite's.)

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "aws/attribute_value.hpp"
#include "aws/errors.hpp"
#include "dynamodb/engine_access.hpp"
#include "dynamodb/local_engine.hpp"
#include "dynamodb/table_schema.hpp"
#include "dynamodb/transport.hpp"
#include "managers/errors.hpp"

namespace {

using nlohmann::json;
using namespace managers;
using dynamodb_testing::local_options;
using dynamodb_testing::make_local_engine;
using dynamodb_testing::unique_table_name;
using managers::dynamodb::EngineAccess;

std::vector<OrderItemInput> coffee() { return {{"Coffee", 2, Money(3.50)}, {"Sandwich", 1, Money(8.99)}}; }

bool create(OrderManagerDynamoDB& engine, const std::string& id, const std::string& customer = "CUST-1",
            const std::string& name = "John Doe") {
  return engine.create_order(id, customer, name, coffee(), Money(16.99));
}

// The raw item, read around the engine.
json raw_item(OrderManagerDynamoDB& engine, const std::string& table, const json& key) {
  const json reply = EngineAccess::runner(engine).call(
      "GetItem", {{"TableName", table}, {"Key", key}, {"ConsistentRead", true}});
  return reply.value("Item", json());
}

std::int64_t item_count(OrderManagerDynamoDB& engine, const std::string& table) {
  const json reply = EngineAccess::runner(engine).call("Scan", {{"TableName", table}, {"Select", "COUNT"}});
  return reply.value("Count", std::int64_t{-1});
}

TEST(DynamoDbEngine, RoundTripsAnOrderExactly) {
  auto engine = make_local_engine();
  const json metadata = {{"table", "5"},
                         {"nested", {{"list", json::array({1, 2.5, nullptr, true, false, "x", json::object()})}}},
                         {"price", 0.1},
                         {"count", -42},
                         {"big", 9007199254740993LL}};
  ASSERT_TRUE(engine->create_order("ORD-1", "CUST-1", "John Doe", coffee(), Money(16.99), "CONV-1",
                                   "2024-11-22T15:30:00", metadata));
  const auto order = engine->get_order("ORD-1");
  ASSERT_TRUE(order);
  EXPECT_EQ(order->metadata, metadata);
  EXPECT_EQ(order->total_price, Money::from_cents(1699));
  EXPECT_EQ(order->items[0].subtotal, Money::from_cents(700));
  EXPECT_EQ(order->conversation_id, "CONV-1");
  EXPECT_EQ(order->estimated_ready_time, "2024-11-22T15:30:00");
  EXPECT_EQ(order->status_history.size(), 1U);

  ASSERT_TRUE(create(*engine, "ORD-2"));
  const json item = raw_item(*engine, engine->table_name(), {{"order_id", aws::S("ORD-2")}});
  // Unset optional fields are NULL, as the spec's module (boto3, None) wrote them (issue 17 item 9).
  EXPECT_EQ(item["conversation_id"], (json{{"NULL", true}}));
  EXPECT_EQ(item["estimated_ready_time"], (json{{"NULL", true}}));
  EXPECT_EQ(item["total_price"], aws::N("16.99"));
  EXPECT_EQ(item["version"], aws::N("1"));
}

// The default write mode (kIntents): an intent on a counter shard, the order write, the marker.
TEST(DynamoDbEngine, RequestsPerMethodMeetTheTargets) {
  auto engine = make_local_engine();
  engine->ensure_tables();
  engine->reset_counters();

  ASSERT_TRUE(create(*engine, "ORD-1"));
  DynamoDbCounters counters = engine->counters();
  EXPECT_EQ(counters.requests, 4);
  EXPECT_EQ(counters.calls, (std::map<std::string, std::int64_t>{{"GetItem", 1}, {"UpdateItem", 2}, {"PutItem", 1}}));
  EXPECT_GT(counters.write_capacity_units, 0);

  engine->reset_counters();
  ASSERT_TRUE(create(*engine, "ORD-2"));  // a returning customer
  EXPECT_EQ(engine->counters().requests, 4);

  engine->reset_counters();
  ASSERT_TRUE(engine->get_order("ORD-1"));
  counters = engine->counters();
  EXPECT_EQ(counters.requests, 1);
  EXPECT_EQ(counters.calls, (std::map<std::string, std::int64_t>{{"GetItem", 1}}));
  EXPECT_GT(counters.read_capacity_units, 0);
  EXPECT_EQ(counters.write_capacity_units, 0);

  engine->reset_counters();
  ASSERT_TRUE(engine->get_customer_last_order("CUST-1"));
  EXPECT_EQ(engine->counters().calls, (std::map<std::string, std::int64_t>{{"Query", 1}}));

  engine->reset_counters();
  EXPECT_EQ(engine->get_customer_orders("John Doe").size(), 2U);
  EXPECT_EQ(engine->get_orders_by_status(OrderStatus::PENDING, 1).size(), 1U);
  EXPECT_EQ(engine->counters().calls, (std::map<std::string, std::int64_t>{{"Query", 2}}));

  // The shards hold the intents of the last writes: one more BatchGetItem asks the orders and
  // markers, and the complete intents are removed (an UpdateItem per shard holding some).
  engine->reset_counters();
  EXPECT_EQ(engine->get_order_statistics().total_orders, 2);
  EXPECT_EQ(engine->counters().calls.at("BatchGetItem"), 2);
  EXPECT_LE(engine->counters().calls.at("UpdateItem"), 2);
  // Then a quiet store's statistics are one request.
  engine->reset_counters();
  EXPECT_EQ(engine->get_order_statistics().total_orders, 2);
  EXPECT_EQ(engine->counters().calls, (std::map<std::string, std::int64_t>{{"BatchGetItem", 1}}));

  engine->reset_counters();
  ASSERT_TRUE(engine->update_order_status("ORD-1", OrderStatus::CONFIRMED));
  EXPECT_EQ(engine->counters().calls,
            (std::map<std::string, std::int64_t>{{"GetItem", 1}, {"UpdateItem", 1}, {"PutItem", 1}}));

  engine->reset_counters();
  ASSERT_TRUE(engine->update_order_ready_time("ORD-1", "2024-11-22T15:30:00"));
  EXPECT_EQ(engine->counters().calls, (std::map<std::string, std::int64_t>{{"GetItem", 1}, {"PutItem", 1}}));

  engine->reset_counters();
  ASSERT_TRUE(engine->delete_order("ORD-2"));
  EXPECT_EQ(engine->counters().calls,
            (std::map<std::string, std::int64_t>{
                {"GetItem", 2}, {"TransactWriteItems", 1}, {"DeleteItem", 1}, {"UpdateItem", 1}}));
  EXPECT_EQ(engine->counters().retries, 0);
}

// The transactional write mode (DynamoDbWriteMode::kTransactional): one transaction per write.
TEST(DynamoDbEngine, RequestsPerMethodMeetTheTargetsTransactional) {
  managers::DynamoDbOptions options = dynamodb_testing::local_options(dynamodb_testing::unique_table_name("orders"));
  options.write_mode = managers::DynamoDbWriteMode::kTransactional;
  auto engine = std::make_unique<OrderManagerDynamoDB>(options);
  engine->ensure_tables();
  engine->reset_counters();

  ASSERT_TRUE(create(*engine, "ORD-1"));
  DynamoDbCounters counters = engine->counters();
  EXPECT_EQ(counters.requests, 1);
  EXPECT_EQ(counters.calls, (std::map<std::string, std::int64_t>{{"TransactWriteItems", 1}}));
  EXPECT_GT(counters.write_capacity_units, 0);

  engine->reset_counters();
  ASSERT_TRUE(create(*engine, "ORD-2"));  // a returning customer
  EXPECT_EQ(engine->counters().requests, 1);

  engine->reset_counters();
  ASSERT_TRUE(engine->get_order("ORD-1"));
  counters = engine->counters();
  EXPECT_EQ(counters.requests, 1);
  EXPECT_EQ(counters.calls, (std::map<std::string, std::int64_t>{{"GetItem", 1}}));
  EXPECT_GT(counters.read_capacity_units, 0);
  EXPECT_EQ(counters.write_capacity_units, 0);

  engine->reset_counters();
  ASSERT_TRUE(engine->get_customer_last_order("CUST-1"));
  EXPECT_EQ(engine->counters().calls, (std::map<std::string, std::int64_t>{{"Query", 1}}));

  engine->reset_counters();
  EXPECT_EQ(engine->get_customer_orders("John Doe").size(), 2U);
  EXPECT_EQ(engine->get_orders_by_status(OrderStatus::PENDING, 1).size(), 1U);
  EXPECT_EQ(engine->counters().calls, (std::map<std::string, std::int64_t>{{"Query", 2}}));

  engine->reset_counters();
  EXPECT_EQ(engine->get_order_statistics().total_orders, 2);
  EXPECT_EQ(engine->counters().calls, (std::map<std::string, std::int64_t>{{"BatchGetItem", 1}}));

  engine->reset_counters();
  ASSERT_TRUE(engine->update_order_status("ORD-1", OrderStatus::CONFIRMED));
  EXPECT_EQ(engine->counters().calls,
            (std::map<std::string, std::int64_t>{{"GetItem", 1}, {"TransactWriteItems", 1}}));

  engine->reset_counters();
  ASSERT_TRUE(engine->update_order_ready_time("ORD-1", "2024-11-22T15:30:00"));
  EXPECT_EQ(engine->counters().calls, (std::map<std::string, std::int64_t>{{"GetItem", 1}, {"PutItem", 1}}));

  engine->reset_counters();
  ASSERT_TRUE(engine->delete_order("ORD-2"));
  EXPECT_EQ(engine->counters().calls,
            (std::map<std::string, std::int64_t>{{"GetItem", 1}, {"TransactWriteItems", 1}}));
  EXPECT_EQ(engine->counters().retries, 0);
}

TEST(DynamoDbEngine, CreateNeverOverwritesAndUpdatesNeverCreate) {
  auto engine = make_local_engine();
  ASSERT_TRUE(create(*engine, "ORD-1"));
  const auto original = engine->get_order("ORD-1");
  EXPECT_FALSE(engine->create_order("ORD-1", "CUST-2", "Jane Roe", coffee(), Money(1.00)));
  EXPECT_EQ(engine->get_order("ORD-1"), original);

  EXPECT_FALSE(engine->update_order_status("GHOST", OrderStatus::READY));
  EXPECT_FALSE(engine->update_order_ready_time("GHOST", "2024-11-22T15:30:00"));
  EXPECT_FALSE(engine->delete_order("GHOST"));
  EXPECT_EQ(item_count(*engine, engine->table_name()), 1);

  const OrderStatistics statistics = engine->get_order_statistics();
  EXPECT_EQ(statistics.total_orders, 1);
  EXPECT_EQ(statistics.unique_customers, 1);
  EXPECT_EQ(statistics.total_revenue, Money::from_cents(1699));
}

// Replays each TransactWriteItems: the first send goes through, its "reply is lost", and the
// second send decides the outcome. With `same_token` the replay is the AWS layer's own retry
// (identical body); without, it is a retry after the idempotency window.
class ReplayingTransport final : public managers::dynamodb::Transport {
 public:
  ReplayingTransport(std::unique_ptr<Transport> inner, bool same_token)
      : inner_(std::move(inner)), same_token_(same_token) {}
  json call(std::string_view operation, const json& request) override {
    if (operation != "TransactWriteItems") return inner_->call(operation, request);
    inner_->call(operation, request);
    json replay = request;
    if (!same_token_) replay["ClientRequestToken"] = "r" + request.value("ClientRequestToken", "").substr(1);
    return inner_->call(operation, replay);
  }
  managers::dynamodb::TransportStats stats() const override { return inner_->stats(); }
  std::string region() const override { return inner_->region(); }
  std::string endpoint() const override { return inner_->endpoint(); }
  std::string credential_source() const override { return inner_->credential_source(); }

 private:
  std::unique_ptr<Transport> inner_;
  bool same_token_;
};

void expect_lost_reply_is_success(bool same_token) {
  auto engine = make_local_engine();
  engine->ensure_tables();
  EngineAccess::runner(*engine).wrap_transport([&](std::unique_ptr<managers::dynamodb::Transport> inner) {
    return std::make_unique<ReplayingTransport>(std::move(inner), same_token);
  });
  EXPECT_TRUE(create(*engine, "ORD-1"));
  // A true duplicate is still refused, even one identical to the stored order.
  EXPECT_FALSE(create(*engine, "ORD-1"));
  EXPECT_FALSE(engine->import_order(*engine->get_order("ORD-1")));
  const OrderStatistics statistics = engine->get_order_statistics();
  EXPECT_EQ(statistics.total_orders, 1);
  EXPECT_EQ(statistics.unique_customers, 1);
  EXPECT_EQ(statistics.total_revenue, Money::from_cents(1699));
  // A status change replayed with a fresh token finds the order changed and re-reads it: no-op.
  EXPECT_TRUE(engine->update_order_status("ORD-1", OrderStatus::READY));
  EXPECT_EQ(engine->get_order("ORD-1")->status_history.size(), 2U);
  EXPECT_EQ(engine->get_order_statistics().status_breakdown,
            (std::vector<std::pair<std::string, std::int64_t>>{{"Ready for pickup", 1}}));
}

TEST(DynamoDbEngine, ACreateWhoseReplyWasLostIsNotAFalseDuplicate) { expect_lost_reply_is_success(false); }

TEST(DynamoDbEngine, TheClientRequestTokenMakesAnIdenticalRetryIdempotent) { expect_lost_reply_is_success(true); }

// Both projections: ALL pages through the index's 1 MB pages; keys reads 100 orders per BatchGetItem.
void expect_queries_page_through_more_than_one_megabyte(IndexProjection projection) {
  DynamoDbOptions options = local_options(unique_table_name("big"));
  options.index_projection = projection;
  auto engine = std::make_unique<OrderManagerDynamoDB>(options);
  // 300 orders of ~4 KB metadata each: about 1.3 MB in one customer's partition of each GSI.
  const std::string filler(4000, 'x');
  for (int i = 0; i < 300; ++i) {
    const std::string id = "ORD-" + std::to_string(1000 + i);
    ASSERT_TRUE(engine->create_order(id, "CUST-BIG", "Big Spender", coffee(), Money(16.99), std::nullopt, std::nullopt,
                                     {{"notes", filler}, {"n", i}}));
    if (i % 7 == 0) {
      ASSERT_TRUE(engine->update_order_status(id, OrderStatus::READY));
    }
  }
  engine->reset_counters();
  const std::vector<Order> all = engine->get_customer_orders("Big Spender");
  ASSERT_EQ(all.size(), 300U);
  if (projection == IndexProjection::kAll) {
    EXPECT_GE(engine->counters().calls["Query"], 2) << "the answer spans more than one 1 MB page";
  } else {
    // At most 100 keys per BatchGetItem, each Query page's keys in as few as that allows.
    const DynamoDbCounters counters = engine->counters();
    EXPECT_GE(counters.calls.at("BatchGetItem"), 3) << "300 orders, at most 100 per BatchGetItem";
    EXPECT_LE(counters.calls.at("BatchGetItem"), 3 + counters.calls.at("Query") - 1);
  }
  for (std::size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i].order_id, "ORD-" + std::to_string(1299 - i));

  // The status filter counts before the limit, even when the matches sit on later pages.
  const std::vector<Order> ready = engine->get_customer_orders("Big Spender", 40, OrderStatus::READY);
  ASSERT_EQ(ready.size(), 40U);
  int expected = 299;
  for (const Order& order : ready) {
    while (expected % 7 != 0) --expected;
    EXPECT_EQ(order.order_id, "ORD-" + std::to_string(1000 + expected));
    EXPECT_EQ(order.status, OrderStatus::READY);
    --expected;
  }
  EXPECT_EQ(engine->get_customer_orders("Big Spender", std::nullopt, OrderStatus::READY).size(), 43U);

  const std::vector<Order> queue = engine->get_orders_by_status(OrderStatus::PENDING);
  ASSERT_EQ(queue.size(), 257U);
  EXPECT_EQ(queue.front().order_id, "ORD-1001");
  EXPECT_TRUE(std::is_sorted(queue.begin(), queue.end(),
                             [](const Order& a, const Order& b) { return a.created_at < b.created_at; }));
  EXPECT_EQ(engine->get_customer_last_order("CUST-BIG")->order_id, "ORD-1299");

  // list_orders: every order exactly once, page after page.
  std::set<std::string> seen;
  std::string token;
  do {
    const OrderPage page = engine->list_orders(token, 64);
    for (const Order& order : page.orders) EXPECT_TRUE(seen.insert(order.order_id).second) << order.order_id;
    token = page.next_page_token;
  } while (!token.empty());
  EXPECT_EQ(seen.size(), 300U);

  engine->clear_all_orders();
  EXPECT_EQ(item_count(*engine, engine->table_name()), 0);
  EXPECT_EQ(engine->get_order_statistics(), OrderStatistics{});
}

TEST(DynamoDbEngine, QueriesPageThroughMoreThanOneMegabyte) {
  expect_queries_page_through_more_than_one_megabyte(IndexProjection::kAll);
}

TEST(DynamoDbEngine, QueriesOfKeysOnlyIndexesReadTheOrdersInBatchesOfAHundred) {
  expect_queries_page_through_more_than_one_megabyte(IndexProjection::kKeys);
}

TEST(DynamoDbEngine, AnIndexProjectingTooLittleIsReplacedWithTheProjectionAskedFor) {
  const std::string table = unique_table_name("projection");
  DynamoDbOptions options = local_options(table);
  options.index_projection = IndexProjection::kKeys;
  std::vector<std::string> warnings;
  options.on_warning = [&warnings](const std::string& text) { warnings.push_back(text); };
  OrderManagerDynamoDB engine(options);
  // Made around the engine: customer_id_index holds the keys but not status, so a customer's
  // status-filtered list could not be filtered in the index.
  json request = dynamodb::create_orders_table_request(options);
  request["GlobalSecondaryIndexes"][0]["Projection"] = {{"ProjectionType", "KEYS_ONLY"}};
  EngineAccess::runner(engine).call("CreateTable", request);
  ASSERT_TRUE(create(engine, "P-1", "CUST-P", "Pat"));
  ASSERT_EQ(warnings.size(), 1U);
  EXPECT_THAT(warnings[0], testing::HasSubstr("customer_id_index"));
  ASSERT_EQ(engine.get_customer_last_order("CUST-P")->order_id, "P-1");  // read by a Scan meanwhile

  const std::vector<std::string> steps = engine.pending_upgrade();
  EXPECT_THAT(steps, testing::Contains("drop index customer_id_index (projects neither ALL nor status)"));
  EXPECT_TRUE(engine.upgrade_table());
  EXPECT_TRUE(engine.pending_upgrade().empty());
  const json described = EngineAccess::runner(engine).call("DescribeTable", {{"TableName", table}});
  const json* index = dynamodb::find_index(described.at("Table"), "customer_id_index");
  ASSERT_NE(index, nullptr);
  EXPECT_EQ(index->at("Projection"), json({{"ProjectionType", "INCLUDE"}, {"NonKeyAttributes", json::array({"status"})}}));

  engine.reset_counters();
  ASSERT_EQ(engine.get_customer_last_order("CUST-P")->order_id, "P-1");
  EXPECT_EQ(engine.counters().calls.count("Scan"), 0U);
  EXPECT_EQ(engine.counters().calls.at("Query"), 1);
  EXPECT_EQ(engine.counters().calls.at("BatchGetItem"), 1);
}

TEST(DynamoDbEngine, UpgradeTableConvertsTheIndexesToTheProjectionAskedForOnline) {
  const std::string table = unique_table_name("convert");
  OrderManagerDynamoDB before(local_options(table));  // projection unset: ALL for a new table
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(create(before, "C-" + std::to_string(i), "CUST-C", "Cleo"));
  ASSERT_TRUE(before.update_order_status("C-1", OrderStatus::CONFIRMED));
  const OrderStatistics stats = before.get_order_statistics();

  DynamoDbOptions options = local_options(table);
  options.index_projection = IndexProjection::kKeys;
  OrderManagerDynamoDB engine(options);
  const std::vector<std::string> steps = engine.pending_upgrade();
  ASSERT_EQ(steps.size(), 8U);  // adopt, (drop + build) x 3, count
  EXPECT_THAT(steps, testing::Contains("drop index status_index (projection ALL; rebuilt with the keys and status)"));
  int step_seen = 0;
  EXPECT_TRUE(engine.upgrade_table([&](const UpgradeProgress& progress) {
    if (progress.step == step_seen) return;
    step_seen = progress.step;
    // Every read answers meanwhile, whatever state the indexes are in.
    EXPECT_EQ(engine.get_customer_orders("Cleo").size(), 5U) << progress.what;
    EXPECT_EQ(engine.get_customer_last_order("CUST-C")->order_id, "C-4") << progress.what;
    EXPECT_EQ(engine.get_orders_by_status(OrderStatus::CONFIRMED).size(), 1U) << progress.what;
  }));
  EXPECT_EQ(step_seen, 8);
  const json described = EngineAccess::runner(engine).call("DescribeTable", {{"TableName", table}});
  for (const dynamodb::IndexShape& shape : dynamodb::kIndexes)
    EXPECT_TRUE(dynamodb::index_projection_is(*dynamodb::find_index(described.at("Table"), shape.name), shape,
                                              IndexProjection::kKeys))
        << shape.name;
  EXPECT_TRUE(engine.pending_upgrade().empty());
  EXPECT_TRUE(before.pending_upgrade().empty()) << "unset: any projection the engine reads is left as it is";
  engine.reset_counters();
  EXPECT_EQ(engine.get_customer_orders("Cleo", 2).size(), 2U);
  EXPECT_EQ(engine.counters().calls.at("BatchGetItem"), 1);
  EXPECT_EQ(engine.get_order_statistics(), stats);
  EXPECT_TRUE(engine.check_health().ok());
}

TEST(DynamoDbEngine, TwoEnginesCreatingTheSameTableAtOnceBothSucceed) {
  const std::string table = unique_table_name("race");
  OrderManagerDynamoDB first(local_options(table));
  OrderManagerDynamoDB second(local_options(table));
  std::thread other([&] { second.ensure_tables(); });
  EXPECT_NO_THROW(first.ensure_tables());
  other.join();
  EXPECT_TRUE(create(first, "ORD-1"));
  EXPECT_TRUE(second.get_order("ORD-1"));
  EXPECT_TRUE(first.check_health().ok());
}

// The earlier Python module's table: GSIs keyed on the attribute alone (customer_name_index left
// out here, so that index's reads Scan). `partition_key` other than order_id: not an order table.
void create_earlier_modules_table(OrderManagerDynamoDB& engine, const std::string& table,
                                  const std::string& partition_key = "order_id") {
  json request = {{"TableName", table},
                  {"AttributeDefinitions", json::array({{{"AttributeName", partition_key}, {"AttributeType", "S"}},
                                                        {{"AttributeName", "customer_id"}, {"AttributeType", "S"}},
                                                        {{"AttributeName", "status"}, {"AttributeType", "S"}}})},
                  {"KeySchema", json::array({{{"AttributeName", partition_key}, {"KeyType", "HASH"}}})},
                  {"BillingMode", "PAY_PER_REQUEST"},
                  {"GlobalSecondaryIndexes", json::array()}};
  for (const char* attribute : {"customer_id", "status"})
    request["GlobalSecondaryIndexes"].push_back(
        {{"IndexName", std::string(attribute) + "_index"},
         {"KeySchema", json::array({{{"AttributeName", attribute}, {"KeyType", "HASH"}}})},
         {"Projection", {{"ProjectionType", "ALL"}}}});
  EngineAccess::runner(engine).call("CreateTable", request);
}

// An order as the earlier module put it: no version, status_history or created_sort.
void put_earlier_modules_order(OrderManagerDynamoDB& engine, const std::string& table, const std::string& id,
                               const std::string& created_at, const std::string& status, const std::string& total) {
  EngineAccess::runner(engine).call(
      "PutItem",
      {{"TableName", table},
       {"Item",
        {{"order_id", aws::S(id)}, {"customer_id", aws::S("CUST-1")}, {"customer_name", aws::S("Ann")},
         {"total_price", aws::N(total)}, {"status", aws::S(status)}, {"created_at", aws::S(created_at)},
         {"updated_at", aws::S(created_at)}, {"estimated_ready_time", {{"NULL", true}}},
         {"items", {{"L", json::array({{{"M", {{"item_name", aws::S("Tea")}, {"quantity", aws::N("1")},
                                              {"unit_price", aws::N(total)}}}}})}}}}}});
}

std::vector<std::string> ids(const std::vector<Order>& orders) {
  std::vector<std::string> out;
  for (const Order& order : orders) out.push_back(order.order_id);
  return out;
}

TEST(DynamoDbEngine, TheEarlierModulesTableIsReadInLegacyModeThenUpgradedInPlace) {
  const std::string table = unique_table_name("legacy");
  DynamoDbOptions options = local_options(table);
  std::vector<std::string> warnings;
  options.on_warning = [&warnings](const std::string& text) { warnings.push_back(text); };
  OrderManagerDynamoDB engine(options);
  create_earlier_modules_table(engine, table);
  // L-2 and L-3 were created in the same microsecond: the tie goes by order_id.
  put_earlier_modules_order(engine, table, "L-1", "2024-11-22T13:00:00", "Completed", "3.5");
  put_earlier_modules_order(engine, table, "L-3", "2024-11-22T14:00:00.123456", "Pending", "16.989999999999998");
  put_earlier_modules_order(engine, table, "L-2", "2024-11-22T14:00:00.123456", "Pending", "2");
  put_earlier_modules_order(engine, table, "L-0", "2024-11-22T15:00:00+01:00", "Pending", "1.25");  // 14:00Z

  const auto check_answers = [&engine] {
    EXPECT_EQ(ids(engine.get_customer_orders("Ann")), (std::vector<std::string>{"L-3", "L-2", "L-0", "L-1"}));
    EXPECT_EQ(ids(engine.get_customer_orders("Ann", 2, OrderStatus::PENDING)), (std::vector<std::string>{"L-3", "L-2"}));
    EXPECT_EQ(ids(engine.get_customer_orders("Ann", 1, OrderStatus::COMPLETED)), (std::vector<std::string>{"L-1"}));
    ASSERT_TRUE(engine.get_customer_last_order("CUST-1"));
    EXPECT_EQ(engine.get_customer_last_order("CUST-1")->order_id, "L-3");
    EXPECT_EQ(ids(engine.get_orders_by_status(OrderStatus::PENDING)), (std::vector<std::string>{"L-0", "L-2", "L-3"}));
    EXPECT_EQ(ids(engine.get_orders_by_status(OrderStatus::PENDING, 1)), (std::vector<std::string>{"L-0"}));
    const OrderStatistics stats = engine.get_order_statistics();
    EXPECT_EQ(stats.total_orders, 4);
    EXPECT_EQ(stats.total_revenue, Money::from_cents(125 + 200 + 1699 + 350));
    EXPECT_EQ(stats.unique_customers, 1);
  };
  check_answers();
  ASSERT_EQ(warnings.size(), 1U);  // once per engine, not per call
  EXPECT_THAT(warnings[0], testing::HasSubstr("order-manager upgrade-table --table " + table));
  const HealthReport report = engine.check_health();
  EXPECT_FALSE(report.ok());
  ASSERT_FALSE(report.problems.empty());
  EXPECT_THAT(report.problems.back().fix, testing::HasSubstr("upgrade-table --table " + table));

  std::vector<std::string> steps_heard;
  EXPECT_FALSE(engine.pending_upgrade().empty());
  EXPECT_TRUE(engine.upgrade_table([&steps_heard](const UpgradeProgress& progress) {
    if (steps_heard.size() < static_cast<std::size_t>(progress.step)) steps_heard.push_back(progress.what);
  }));
  // Adopt, drop + build two indexes, build the missing one, count: 7 steps.
  EXPECT_EQ(steps_heard.size(), 7U);
  EXPECT_TRUE(engine.pending_upgrade().empty());
  EXPECT_FALSE(engine.upgrade_table());
  EXPECT_TRUE(engine.check_health().ok());
  engine.reset_counters();
  check_answers();
  EXPECT_EQ(engine.counters().calls.count("Scan"), 0U);  // sorted indexes and counters again
  EXPECT_EQ(engine.counters().calls.at("BatchGetItem"), 1);
}

TEST(DynamoDbEngine, ATableOfAnotherKeyIsAConfigurationErrorNamingTheDifference) {
  const std::string table = unique_table_name("otherkey");
  OrderManagerDynamoDB engine(local_options(table));
  create_earlier_modules_table(engine, table, "id");
  try {
    engine.get_order("ORD-1");
    FAIL() << "expected ConfigurationError";
  } catch (const ConfigurationError& error) {
    EXPECT_THAT(error.what(), testing::HasSubstr("table " + table + " has partition key id; expected order_id"));
  }
  EXPECT_FALSE(engine.check_health().ok());
}

TEST(DynamoDbEngine, AMissingTableIsNotCreatedWhenThatIsTurnedOff) {
  DynamoDbOptions options = local_options(unique_table_name("nocreate"));
  options.create_table_if_missing = false;
  OrderManagerDynamoDB engine(options);
  EXPECT_THROW(engine.get_order("ORD-1"), ConfigurationError);
  const HealthReport report = engine.check_health();
  ASSERT_FALSE(report.ok());
  EXPECT_THAT(report.problems[0].what, testing::HasSubstr("does not exist"));
  EXPECT_EQ(engine.counters().calls.count("CreateTable"), 0U);
}

TEST(DynamoDbEngine, OnDemandBillingByOption) {
  DynamoDbOptions options = local_options(unique_table_name("ondemand"));
  options.billing_mode = BillingMode::PAY_PER_REQUEST;
  OrderManagerDynamoDB engine(options);
  engine.ensure_tables();
  const HealthReport report = engine.check_health();
  EXPECT_TRUE(report.ok());
  EXPECT_THAT(report.facts, testing::Contains("table status: ACTIVE, PAY_PER_REQUEST (engine configured for PAY_PER_REQUEST)"));
}

TEST(DynamoDbEngine, HealthReportsFactsWithoutTheSecret) {
  auto engine = make_local_engine();
  engine->ensure_tables();
  const HealthReport report = engine->check_health();
  EXPECT_TRUE(report.ok()) << (report.problems.empty() ? "" : report.problems[0].what);
  EXPECT_THAT(report.facts, testing::Contains("region: us-east-1"));
  EXPECT_THAT(report.facts, testing::Contains("endpoint: " + testing_support::shared_dynamodb_local().endpoint()));
  EXPECT_THAT(report.facts, testing::Contains(testing::StartsWith("credentials: ")));
  EXPECT_THAT(report.facts, testing::Contains("table: " + engine->table_name()));
  EXPECT_THAT(report.facts, testing::Contains("table status: ACTIVE, PROVISIONED read 10 / write 10 (engine "
                                              "configured for PROVISIONED read 10 / write 10)"));
  EXPECT_THAT(report.facts, testing::Contains("index status_index: ACTIVE, projection ALL, read 5 / write 5"));
  EXPECT_THAT(report.facts, testing::Contains("statistics table: " + engine->table_name() + "-stats"));
  // Keys are distinct, so a caller may show facts by key.
  std::set<std::string> keys;
  for (const std::string& fact : report.facts) EXPECT_TRUE(keys.insert(fact.substr(0, fact.find(':'))).second) << fact;
  for (const std::string& fact : report.facts) EXPECT_EQ(fact.find("local-secret-not-used"), std::string::npos);
}

TEST(DynamoDbEngine, AnUnreachableEndpointIsAStorageErrorAndAHealthProblem) {
  DynamoDbOptions options = local_options(unique_table_name("unreachable"));
  options.endpoint_url = "http://127.0.0.1:" + std::to_string(testing_support::free_loopback_port());
  options.max_attempts = 1;
  options.connect_timeout_ms = 500;
  OrderManagerDynamoDB engine(options);
  try {
    engine.get_order("ORD-1");
    FAIL() << "expected StorageError";
  } catch (const StorageError& error) {
    EXPECT_EQ(error.backend(), "dynamodb");
    EXPECT_EQ(error.code(), "NetworkError");
  }
  const HealthReport report = engine.check_health();
  ASSERT_EQ(report.problems.size(), 1U);
  EXPECT_THAT(report.problems[0].what, testing::HasSubstr("cannot reach the DynamoDB endpoint"));
  EXPECT_THAT(report.problems[0].fix, testing::HasSubstr("--endpoint-url"));
}

TEST(DynamoDbEngine, ServiceErrorsKeepTheirCode) {
  auto engine = make_local_engine();
  engine->ensure_tables();
  try {
    EngineAccess::runner(*engine).call("GetItem", {{"TableName", "no-such-table"}, {"Key", {{"order_id", aws::S("x")}}}});
    FAIL() << "expected StorageError";
  } catch (const StorageError& error) {
    EXPECT_EQ(error.code(), "ResourceNotFoundException");
  }
}

TEST(DynamoDbEngine, ReplaceMovesTheStatisticsWithTheOrder) {
  auto engine = make_local_engine();
  ASSERT_TRUE(create(*engine, "ORD-1", "CUST-1"));
  ASSERT_TRUE(create(*engine, "ORD-2", "CUST-1"));
  Order moved = *engine->get_order("ORD-2");
  moved.customer_id = "CUST-2";
  moved.total_price = Money(5.00);
  engine->replace_order(moved);
  OrderStatistics statistics = engine->get_order_statistics();
  EXPECT_EQ(statistics.unique_customers, 2);
  EXPECT_EQ(statistics.total_revenue, Money::from_cents(2199));
  moved.customer_id = "CUST-1";
  engine->replace_order(moved);
  EXPECT_EQ(engine->get_order_statistics().unique_customers, 1);
  EXPECT_EQ(engine->recompute_statistics(), engine->get_order_statistics());
}

}  // namespace
