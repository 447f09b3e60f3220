// The write bill of the default (kIntents) write mode against the plain writes of the same orders,
// measured in the same run on DynamoDB Local (which reports ConsumedCapacity deterministically),
// and what a crash between the steps of a write leaves: statistics equal to a recount at once, and
// no intent left once they are older than the settle bound.

#include <gtest/gtest.h>

#include <cstdio>
#include <set>
#include <thread>

#include "domain/statistics.hpp"
#include "dynamodb/engine_access.hpp"
#include "dynamodb/local_engine.hpp"
#include "dynamodb/order_writer.hpp"
#include "dynamodb/statistics_counters.hpp"
#include "dynamodb/statistics_intents.hpp"
#include "dynamodb/write_cost.hpp"

namespace {

using namespace managers;
using dynamodb::CommitStep;
using dynamodb::EngineAccess;
using dynamodb_testing::local_options;
using dynamodb_testing::unique_table_name;

OrderStatistics recount(OrderManagerInterface& engine) {
  OrderAggregates aggregates;
  std::set<std::string> customers;
  std::string token;
  do {
    const OrderPage page = engine.list_orders(token, 100);
    for (const Order& order : page.orders) {
      StatusTotals& totals = aggregates.by_status[order.status];
      totals.orders += 1;
      totals.revenue += order.total_price;
      customers.insert(order.customer_id);
    }
    token = page.next_page_token;
  } while (!token.empty());
  aggregates.unique_customers = static_cast<std::int64_t>(customers.size());
  return domain::statistics_from(aggregates);
}

// How many intents the counter shards hold.
std::size_t intents_left(OrderManagerDynamoDB& engine) {
  auto& runner = EngineAccess::runner(engine);
  std::size_t count = 0;
  for (int shard = 0; shard < dynamodb::kStatisticsShards; ++shard) {
    const auto reply = runner.call("GetItem", {{"TableName", engine.table_name() + "-stats"},
                                               {"Key", dynamodb::shard_key_value(shard)},
                                               {"ConsistentRead", true}});
    if (!reply.contains("Item")) continue;
    count += dynamodb::intents_on(reply.at("Item"), shard).size();
  }
  return count;
}

TEST(DynamoDbWriteCost, SmallOrderWithinBudgetOfAPlainWrite) {
  const write_cost::WriteCosts costs = write_cost::measure(local_options(unique_table_name("cost")), 0, 5);
  std::printf("item %.2f KB: create %.2f WCU (%.2f requests), status %.2f, ready %.2f, delete %.2f, delete last %.2f; "
              "plain put %.2f, plain status %.2f\n",
              costs.item_kb, costs.create.wcu, costs.create.requests, costs.status_change.wcu, costs.ready_time.wcu,
              costs.remove.wcu, costs.remove_last.wcu, costs.plain_put.wcu, costs.plain_status.wcu);
  ASSERT_GT(costs.plain_put.wcu, 0) << "DynamoDB Local reported no capacity";
  EXPECT_LT(costs.item_kb, 1.2);  // the item's JSON text, type tags included: about 0.7 KB for DynamoDB
  EXPECT_LE(costs.create.wcu, 1.5 * costs.plain_put.wcu);
  EXPECT_LE(costs.status_change.wcu, 2.0 * costs.plain_put.wcu);
  EXPECT_LE(costs.status_change.wcu, 2.0 * costs.plain_status.wcu);
  // A delete's intent is a transaction with a check of the order (order_writer.hpp): DynamoDB Local
  // bills it 8 for a small order, on top of the DeleteItem (4) and the marker (1).
  EXPECT_LE(costs.remove.wcu, 13.0);
}

TEST(DynamoDbWriteCost, TransactionalModeStillAvailableAtItsCost) {
  DynamoDbOptions options = local_options(unique_table_name("cost-tx"));
  options.write_mode = DynamoDbWriteMode::kTransactional;
  const write_cost::WriteCosts costs = write_cost::measure(options, 0, 3);
  std::printf("transactional: create %.2f WCU, status %.2f; plain put %.2f\n", costs.create.wcu,
              costs.status_change.wcu, costs.plain_put.wcu);
  EXPECT_GT(costs.create.wcu, 3.0 * costs.plain_put.wcu);
}

// IndexProjection::kKeys: a 10 KB order is paid once, in the table (plain put / 4: the plain put
// pays it in the table and each of the three ALL indexes), plus under 1 WCU per index entry and the
// statistics' intent and marker; a list then reads its orders from the table.
TEST(DynamoDbWriteCost, KeysProjectionPaysALargeOrdersSizeOnce) {
  DynamoDbOptions options = local_options(unique_table_name("cost-keys"));
  options.index_projection = IndexProjection::kKeys;
  const write_cost::WriteCosts keys = write_cost::measure(options, 10 * 1024, 3);
  const write_cost::WriteCosts all = write_cost::measure(local_options(unique_table_name("cost-all")), 10 * 1024, 3);
  std::printf("10 KB order, keys projection: create %.2f WCU, status %.2f, list of 10 %.2f RCU in %.1f requests; "
              "ALL: create %.2f, status %.2f, list %.2f RCU in %.1f; plain put %.2f\n",
              keys.create.wcu, keys.status_change.wcu, keys.list.rcu, keys.list.requests, all.create.wcu,
              all.status_change.wcu, all.list.rcu, all.list.requests, all.plain_put.wcu);
  const double in_table = keys.plain_put.wcu / 4;
  ASSERT_GE(in_table, 10);
  EXPECT_LE(keys.create.wcu, in_table + 3 + 2);
  EXPECT_LE(keys.status_change.wcu, in_table + 4 + 1);  // status_index: delete + put; two status copies
  // A delete pays the order twice: deleted, and checked in its intent's transaction.
  EXPECT_LE(keys.remove.wcu, 2 * in_table + 3 + 4 + 1 + 2);
  EXPECT_GE(all.create.wcu, 4 * in_table);
  // The price: each listed order is read from the table (consistent: 1 RCU per 4 KB), one more request.
  EXPECT_EQ(keys.list.requests, all.list.requests + 1);
  EXPECT_GT(keys.list.rcu, all.list.rcu);
}

// The customer's marker holds a count and the tokens of recent writes, not the customer's order
// ids: a create of a customer with hundreds of orders costs what the second order's did, and the
// marker stays under 1 KB (its tokens are trimmed as their intents leave the shards).
TEST(DynamoDbWriteCost, ACustomersMarkerStaysSmallWhateverItsOrders) {
  DynamoDbOptions options = local_options(unique_table_name("many"));
  OrderManagerDynamoDB engine(options);
  const auto create_costs = [&engine](const std::string& id) {
    engine.reset_counters();
    EXPECT_TRUE(engine.create_order(id, "BIG", "Big Customer", {{"Tea", 1, Money(1.00)}}, Money(1.00)));
    return engine.counters().write_capacity_units;
  };
  ASSERT_TRUE(engine.create_order("first", "BIG", "Big Customer", {{"Tea", 1, Money(1.00)}}, Money(1.00)));
  const double second = create_costs("second");
  double most = 0;
  for (int i = 0; i < 300; ++i) most = std::max(most, create_costs("ORD-" + std::to_string(100000 + i)));
  std::printf("a returning customer's create: %.1f WCU at 2 orders, at most %.1f up to 302 orders\n", second, most);
  EXPECT_EQ(second, 6.0);
  // A create that trims the marker's tokens pays 1 WCU more, once every few creates.
  EXPECT_LE(most, second + 1);
  const auto reply = EngineAccess::runner(engine).call(
      "GetItem", {{"TableName", engine.table_name() + "-stats"}, {"Key", dynamodb::marker_key_value("BIG")},
                  {"ConsistentRead", true}});
  const dynamodb::MarkerView marker = dynamodb::marker_view_of(&reply.at("Item"));
  EXPECT_EQ(marker.orders, 302);
  EXPECT_LE(marker.tokens.size(), dynamodb::kCrowdedMarker);
  EXPECT_LT(reply.at("Item").dump().size(), 1024U);
  EXPECT_EQ(engine.get_order_statistics(), recount(engine));
}

// Each write from a process of its own (as the CLI writes): nobody writes again on the shard to
// remove the intent, so a writer that finds its shard crowded has the complete intents removed.
TEST(DynamoDbWriteCost, ShortLivedWritersDoNotCrowdTheShards) {
  DynamoDbOptions options = local_options(unique_table_name("crowd"));
  OrderManagerDynamoDB engine(options);
  engine.ensure_tables();
  constexpr int kWriters = 100;
  for (int i = 0; i < kWriters; ++i) {
    OrderManagerDynamoDB once(options);
    ASSERT_TRUE(once.create_order("ORD-" + std::to_string(i), "CUST-" + std::to_string(i % 7), "N",
                                  {{"Tea", 1, Money(1.00)}}, Money(1.00)));
  }
  EXPECT_LE(intents_left(engine), static_cast<std::size_t>(dynamodb::kStatisticsShards) *
                                      (dynamodb::OrderWriter::kCrowdedShard + 1));
  EXPECT_EQ(engine.get_order_statistics(), recount(engine));
  EXPECT_EQ(intents_left(engine), 0U);
}

struct CrashCase {
  const char* name;
  CommitStep step;
};

class DynamoDbCrashBetweenSteps : public testing::TestWithParam<CrashCase> {};

TEST_P(DynamoDbCrashBetweenSteps, StatisticsEqualARecountAtOnceAndAfterSettlement) {
  const CrashCase crash = GetParam();
  DynamoDbOptions options = local_options(unique_table_name("crash"));
  OrderManagerDynamoDB engine(options);
  ASSERT_TRUE(engine.create_order("A", "CUST-1", "N", {{"Tea", 1, Money(2.00)}}, Money(2.00)));
  ASSERT_TRUE(engine.create_order("B", "CUST-2", "N", {{"Tea", 2, Money(2.00)}}, Money(4.00)));
  ASSERT_TRUE(engine.create_order("C", "CUST-2", "N", {{"Tea", 3, Money(2.00)}}, Money(6.00)));

  // Each kind of write, each stopped after the step: a new customer's create, a returning
  // customer's create, a status change, a delete of a customer's last order, another delete.
  const std::vector<std::function<void(OrderManagerDynamoDB&)>> writes = {
      [](OrderManagerDynamoDB& m) { m.create_order("D", "CUST-3", "N", {{"Tea", 1, Money(1.00)}}, Money(1.00)); },
      [](OrderManagerDynamoDB& m) { m.create_order("E", "CUST-1", "N", {{"Tea", 1, Money(1.50)}}, Money(1.50)); },
      [](OrderManagerDynamoDB& m) { m.update_order_status("B", OrderStatus::CANCELLED); },
      [](OrderManagerDynamoDB& m) { m.delete_order("A"); },
      [](OrderManagerDynamoDB& m) { m.delete_order("C"); },
  };
  for (std::size_t i = 0; i < writes.size(); ++i) {
    SCOPED_TRACE("write " + std::to_string(i));
    OrderManagerDynamoDB dying(options);
    EngineAccess::stop_commit_after(dying, crash.step);
    EXPECT_THROW(writes[i](dying), dynamodb::SimulatedCrash);
    EXPECT_EQ(engine.get_order_statistics(), recount(engine));
  }
  EXPECT_GT(intents_left(engine), 0U);

  // Writes of the same customers after the crashes, by a live engine.
  ASSERT_TRUE(engine.create_order("F", "CUST-3", "N", {{"Tea", 1, Money(1.00)}}, Money(1.00)));
  ASSERT_TRUE(engine.create_order("G", "CUST-1", "N", {{"Tea", 1, Money(1.00)}}, Money(1.00)));
  if (engine.get_order("B")) (void)engine.update_order_status("B", OrderStatus::CONFIRMED);
  const OrderStatistics before_settling = engine.get_order_statistics();
  EXPECT_EQ(before_settling.total_orders, recount(engine).total_orders);
  EXPECT_EQ(before_settling.total_revenue, recount(engine).total_revenue);
  EXPECT_EQ(before_settling.status_breakdown, recount(engine).status_breakdown);

  // Past the settle bound, a reader settles every intent for good: none is left, and the
  // statistics still equal a recount, also after more writes of the same customers.
  DynamoDbOptions settling_options = options;
  settling_options.intent_settle_after_ms = 1;
  OrderManagerDynamoDB reader(settling_options);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(reader.get_order_statistics(), recount(reader));
  EXPECT_EQ(intents_left(reader), 0U);
  EXPECT_EQ(reader.get_order_statistics(), recount(reader));
  ASSERT_TRUE(engine.create_order("H", "CUST-3", "N", {{"Tea", 1, Money(1.00)}}, Money(1.00)));
  for (const char* id : {"D", "E", "F", "G", "H", "B"}) (void)engine.delete_order(id);
  EXPECT_EQ(engine.get_order_statistics(), recount(engine));
  EXPECT_EQ(engine.recompute_statistics(), recount(engine));
}

// A create whose writer died after the order write, before the customer's marker (step M): the
// order's next write removes that create's intent, so it first completes the marker change the
// intent still owes. Every figure, unique_customers included, then equals a recount at once, with
// no settlement, through a status change and a delete of the order and a new first order.
TEST(DynamoDbCrashBetweenSteps, TheNextWriteOfAnOrderCompletesItsCrashedCreate) {
  DynamoDbOptions options = local_options(unique_table_name("crash-next"));
  OrderManagerDynamoDB engine(options);
  ASSERT_TRUE(engine.create_order("A", "CUST-1", "N", {{"Tea", 1, Money(2.00)}}, Money(2.00)));
  {
    OrderManagerDynamoDB dying(options);
    EngineAccess::stop_commit_after(dying, CommitStep::kAfterOrderWrite);
    EXPECT_THROW(dying.create_order("X", "CUST-9", "N", {{"Tea", 1, Money(3.00)}}, Money(3.00)),
                 dynamodb::SimulatedCrash);
  }
  EXPECT_EQ(engine.get_order_statistics(), recount(engine));
  ASSERT_TRUE(engine.update_order_status("X", OrderStatus::CONFIRMED));
  EXPECT_EQ(engine.get_order_statistics(), recount(engine));
  ASSERT_TRUE(engine.delete_order("X"));
  EXPECT_EQ(engine.get_order_statistics(), recount(engine));
  EXPECT_EQ(engine.get_order_statistics().unique_customers, 1);
  ASSERT_TRUE(engine.create_order("Y", "CUST-9", "N", {{"Tea", 1, Money(1.00)}}, Money(1.00)));
  EXPECT_EQ(engine.get_order_statistics(), recount(engine));
  EXPECT_EQ(engine.get_order_statistics().unique_customers, 2);
}

INSTANTIATE_TEST_SUITE_P(Steps, DynamoDbCrashBetweenSteps,
                         testing::Values(CrashCase{"AfterIntent", CommitStep::kAfterIntent},
                                         CrashCase{"AfterOrderWrite", CommitStep::kAfterOrderWrite}),
                         [](const testing::TestParamInfo<CrashCase>& param_info) { return std::string(param_info.param.name); });

}  // namespace
