// Unit tests of the DynamoDB engine's pure parts: item mapping, keys, table shapes, statistics deltas.

#include <gtest/gtest.h>

#include "aws/attribute_value.hpp"
#include "aws/item_size.hpp"
#include "domain/validation.hpp"
#include "dynamodb/iam_actions.hpp"
#include "dynamodb/item_mapping.hpp"
#include "dynamodb/key_codec.hpp"
#include "dynamodb/statistics_counters.hpp"
#include "dynamodb/table_schema.hpp"
#include "managers/errors.hpp"
#include "managers/limits.hpp"

namespace {

using nlohmann::json;
using namespace managers;
using namespace managers::dynamodb;

Order sample_order() {
  Order order;
  order.order_id = "ORD-001";
  order.customer_id = "CUST-001";
  order.customer_name = "John Doe";
  order.total_price = Money(16.99);
  order.status = OrderStatus::PREPARING;
  order.created_at = "2026-11-25T08:35:10.123456Z";
  order.updated_at = "2026-11-25T08:36:00.000001Z";
  order.metadata = {{"table", "5"},
                    {"nested", {{"list", json::array({1, 2.5, nullptr, true, "x", json::object()})}}},
                    {"big", 9007199254740993LL},
                    {"unicode", "caf\u00e9 \u2615"}};
  order.items = {{"Coffee", 2, Money(3.50), Money(7.00)}, {"Sandwich", 1, Money(8.99), Money(8.99)}};
  order.status_history = {{OrderStatus::PENDING, order.created_at}, {OrderStatus::PREPARING, order.updated_at}};
  return order;
}

TEST(ItemMapping, RoundTripsEveryFieldExactly) {
  const Order order = sample_order();
  const json item = order_to_item(order, 7);
  EXPECT_EQ(order_from_item(item), order);
  EXPECT_EQ(item_version(item), 7);
}

TEST(ItemMapping, MetadataKeysDynamoDbRefusesAreEscaped) {
  Order order = sample_order();
  order.metadata = {{"", "empty key"}, {"~tilde", 1}, {"~", {{"", json::array({json::object({{"", 2}})})}}}, {"plain", 3}};
  const json item = order_to_item(order, 1);
  const json& stored = item["metadata"]["M"];
  EXPECT_TRUE(stored.contains("~"));
  EXPECT_TRUE(stored.contains("~~tilde"));
  EXPECT_TRUE(stored.contains("~~"));
  EXPECT_TRUE(stored.contains("plain"));
  EXPECT_FALSE(stored.contains(""));
  EXPECT_EQ(order_from_item(item).metadata, order.metadata);
}

TEST(ItemMapping, MoneyIsAnExactDecimalNumber) {
  const json item = order_to_item(sample_order(), 1);
  EXPECT_EQ(item["total_price"], aws::N("16.99"));
  EXPECT_EQ(item["items"]["L"][0]["M"]["unit_price"], aws::N("3.50"));
  EXPECT_EQ(item["items"]["L"][0]["M"]["subtotal"], aws::N("7.00"));
  EXPECT_EQ(item["items"]["L"][0]["M"]["quantity"], aws::N("2"));
  // DynamoDB normalises numbers: "3.5" and "7" must read back as the same money.
  json normalised = item;
  normalised["items"]["L"][0]["M"]["unit_price"] = aws::N("3.5");
  normalised["items"]["L"][0]["M"]["subtotal"] = aws::N("7");
  EXPECT_EQ(order_from_item(normalised), sample_order());
}

// Issue 17 item 9: unset optional spec fields are NULL (as boto3 stores None), so a reader of the
// spec's record finds every key; absent and NULL both read as unset.
TEST(ItemMapping, OptionalFieldsAreNullWhenUnsetAndAbsentReadsTheSame) {
  Order order = sample_order();
  json item = order_to_item(order, 1);
  EXPECT_EQ(item["estimated_ready_time"], (json{{"NULL", true}}));
  EXPECT_EQ(item["conversation_id"], (json{{"NULL", true}}));
  EXPECT_EQ(order_from_item(item), order);
  item.erase("estimated_ready_time");
  item.erase("conversation_id");
  EXPECT_EQ(order_from_item(item), order);
  order.estimated_ready_time = "2024-11-22T15:30:00";
  order.conversation_id = "CONV-9";
  item = order_to_item(order, 1);
  EXPECT_EQ(item["estimated_ready_time"], aws::S("2024-11-22T15:30:00"));
  EXPECT_EQ(item["conversation_id"], aws::S("CONV-9"));
  EXPECT_EQ(order_from_item(item), order);
}

// Issue 17 item 2: an item in the spec's data structure, as boto3 puts it (no status_history,
// version or created_sort; None as NULL; a naive timestamp; numbers as Decimal), is an order.
TEST(ItemMapping, SpecShapedItemFromAnotherClientIsAValidOrder) {
  const json item = {
      {"order_id", aws::S("BOTO-1")},
      {"customer_id", aws::S("CUST-9")},
      {"customer_name", aws::S("Py Thon")},
      {"total_price", aws::N("7")},
      {"status", aws::S("Confirmed")},
      {"created_at", aws::S("2026-12-02T14:38:48.229681")},
      {"updated_at", aws::S("2026-12-02T15:38:48+01:00")},
      {"estimated_ready_time", {{"NULL", true}}},
      {"conversation_id", {{"NULL", true}}},
      {"metadata", {{"NULL", true}}},
      {"items", {{"L", json::array({{{"M", {{"item_name", aws::S("Coffee")}, {"quantity", aws::N("2")},
                                            {"unit_price", aws::N("3.5")}, {"subtotal", {{"NULL", true}}}}}}})}}},
  };
  const Order order = order_from_item(item);
  EXPECT_EQ(order.created_at, "2026-12-02T14:38:48.229681Z");
  EXPECT_EQ(order.updated_at, "2026-12-02T14:38:48.000000Z");
  EXPECT_EQ(order.estimated_ready_time, std::nullopt);
  EXPECT_EQ(order.conversation_id, std::nullopt);
  EXPECT_EQ(order.metadata, json::object());
  EXPECT_EQ(order.total_price, Money::from_cents(700));
  ASSERT_EQ(order.items.size(), 1u);
  EXPECT_EQ(order.items[0].subtotal, Money::from_cents(700));
  EXPECT_EQ(order.status_history, (std::vector<StatusChange>{{OrderStatus::CONFIRMED, order.created_at}}));
  EXPECT_EQ(item_version(item), 0);
  EXPECT_NO_THROW(managers::domain::validate_order(order));
}

// Issue 15: the earlier module stored Decimal(str(float)), so float arithmetic's noise is in its
// numbers. Within 1e-9 (relative) of a cent it is that cent; a real sub-cent amount stays corrupt.
TEST(ItemMapping, FloatNoiseOfTheEarlierModuleReadsAsTheNearestCent) {
  json item = order_to_item(sample_order(), 1);
  item.erase("metadata");  // the earlier module may have written none
  item.erase(kVersionAttr);
  item.erase("status_history");
  item.erase("created_sort");
  item["total_price"] = aws::N("16.989999999999998");  // 3 * 5.663 in binary floating point
  item["items"]["L"][0]["M"]["unit_price"] = aws::N("0.30000000000000004");  // 0.1 + 0.2
  item["items"]["L"][0]["M"]["subtotal"] = aws::N("-0.30000000000000004");
  const Order order = order_from_item(item);
  EXPECT_EQ(order.total_price, Money::from_cents(1699));
  EXPECT_EQ(order.items[0].unit_price, Money::from_cents(30));
  EXPECT_EQ(order.items[0].subtotal, Money::from_cents(-30));
  EXPECT_EQ(order.metadata, json::object());
  EXPECT_EQ(order_figures_from_item(item).total_price, Money::from_cents(1699));
  for (const char* not_money : {"3.555", "16.995", "0.001", "1e3", "0x10", "nan", "1.2.3", ""}) {
    item["total_price"] = aws::N(not_money);
    EXPECT_THROW(order_from_item(item), StorageError) << not_money;
  }
}

TEST(ItemMapping, TrulyCorruptItemsNameTheOrderAndTheAttribute) {
  json item = order_to_item(sample_order(), 1);
  item["total_price"] = aws::S("seven dollars");
  try {
    order_from_item(item);
    ADD_FAILURE() << "read a corrupt item";
  } catch (const StorageError& error) {
    EXPECT_EQ(error.code(), "CorruptItem");
    EXPECT_NE(std::string(error.what()).find("order ORD-001: attribute total_price"), std::string::npos) << error.what();
  }
  item = order_to_item(sample_order(), 1);
  item["total_price"] = aws::N("16.999");  // sub-cent: not money
  EXPECT_THROW(order_from_item(item), StorageError);
}

TEST(ItemMapping, StatusIsStoredAsItsValueAndKeysAreSet) {
  const json item = order_to_item(sample_order(), 1);
  EXPECT_EQ(item["status"], aws::S("Being prepared"));
  EXPECT_EQ(item["created_sort"], aws::S("2026-11-25T08:35:10.123456Z#ORD-001"));
  EXPECT_EQ(item["metadata"]["M"]["table"], aws::S("5"));
}

TEST(ItemMapping, MalformedItemsAreStorageErrorsNamingTheAttribute) {
  json item = order_to_item(sample_order(), 1);
  item.erase("customer_name");
  try {
    order_from_item(item);
    FAIL() << "expected StorageError";
  } catch (const StorageError& error) {
    EXPECT_EQ(error.code(), "CorruptItem");
    EXPECT_NE(error.backend_message().find("customer_name"), std::string::npos);
    EXPECT_NE(error.backend_message().find("ORD-001"), std::string::npos);
  }
  item = order_to_item(sample_order(), 1);
  item["status"] = aws::S("Lost");
  EXPECT_THROW(order_from_item(item), StorageError);
  // Only the exact stored value reads back, as on SQLite: a name or another case was written
  // around the engine (parse_order_status's leniency is for people, not for stored data).
  for (const char* loose : {"PREPARING", "being prepared", " Being prepared"}) {
    item["status"] = aws::S(loose);
    EXPECT_THROW(order_from_item(item), StorageError) << loose;
  }
  item = order_to_item(sample_order(), 1);
  item["total_price"] = aws::S("16.99");
  EXPECT_THROW(order_from_item(item), StorageError);
}

// The largest order validation lets through, built to be as big as possible as a DynamoDB item
// (metadata of zeros grows most in DynamoDB's encoding), still fits the 400 KB item limit.
TEST(ItemMapping, EveryOrderValidationAcceptsFitsDynamoDbsItemLimit) {
  Order order = sample_order();
  order.order_id = order.customer_id = std::string(limits::kMaxIdBytes, 'i');
  order.conversation_id = order.order_id;
  order.customer_name = std::string(limits::kMaxNameBytes, 'n');
  order.estimated_ready_time = "2024-11-22T15:30:00.123456+01:00";
  order.items.assign(limits::kMaxItems, {std::string(limits::kMaxNameBytes, 'x'), limits::kMaxQuantity,
                                         Money::from_cents(limits::kMaxUnitPriceCents - 1),
                                         Money::from_cents(limits::kMaxUnitPriceCents - 1).times(limits::kMaxQuantity)});
  // {"z":[0,0,...]} is 7 bytes plus two per zero.
  order.metadata = {{"z", json::array()}};
  for (std::size_t n = 0; n < (limits::kMaxMetadataBytes - 7) / 2; ++n) order.metadata["z"].push_back(0);
  ASSERT_LE(order.metadata.dump().size(), limits::kMaxMetadataBytes);
  order.status_history.clear();
  for (std::size_t i = 0; i < limits::kMaxStatusHistory; ++i)
    order.status_history.push_back({i % 2 ? OrderStatus::READY : OrderStatus::PREPARING, order.updated_at});
  order.status = order.status_history.back().status;

  json item = order_to_item(order, 123456789);
  item["write_id"] = aws::S(std::string(32, 'w'));
  const std::size_t size = aws::item_size(item);
  EXPECT_LT(size, aws::kMaxItemBytes / 2) << "the limits leave less headroom than documented";
  EXPECT_NO_THROW(check_item_size(item));
}

TEST(ItemMapping, AnItemOverTheLimitIsRefusedNamingItsBiggestAttribute) {
  Order order = sample_order();
  order.metadata = {{"note", std::string(aws::kMaxItemBytes, 'x')}};  // past validation, on purpose
  try {
    check_item_size(order_to_item(order, 1));
    ADD_FAILURE() << "no error for an item over 400 KB";
  } catch (const ValidationError& error) {
    EXPECT_EQ(error.field(), "metadata");
    EXPECT_NE(std::string(error.what()).find("409600"), std::string::npos) << error.what();
  }
  EXPECT_NO_THROW(check_item_size(order_to_item(sample_order(), 1)));
}

TEST(KeyCodec, CreatedSortIsUtcFixedWidthThenId) {
  EXPECT_EQ(created_sort_key("2026-11-25T08:35:10.123456Z", "A"), "2026-11-25T08:35:10.123456Z#A");
  // Imported timestamps of other forms are normalised, so text order stays time order.
  EXPECT_EQ(created_sort_key("2024-11-22T15:30:00+01:00", "B"), "2024-11-22T14:30:00.000000Z#B");
  EXPECT_EQ(created_sort_key("2024-11-22T15:30:00", "B"), "2024-11-22T15:30:00.000000Z#B");
  EXPECT_LT(created_sort_key("2024-11-22T15:30:00Z", "Z"), created_sort_key("2024-11-22T15:30:00.000001Z", "A"));
  EXPECT_LT(created_sort_key("2024-11-22T15:30:00Z", "A"), created_sort_key("2024-11-22T15:30:00Z", "B"));
  EXPECT_EQ(shard_key(3), "shard#3");
  EXPECT_EQ(customer_marker_key("CUST-1"), "customer#CUST-1");
  EXPECT_EQ(count_attribute(OrderStatus::READY), "count_READY");
}

json described(const json& create_request) {
  json table = create_request;
  table["TableStatus"] = "ACTIVE";
  for (json& index : table["GlobalSecondaryIndexes"]) index["IndexStatus"] = "ACTIVE";
  return table;
}

TEST(TableSchema, TheCreatedLayoutHasNoDifferences) {
  DynamoDbOptions options;
  EXPECT_TRUE(orders_table_differences(described(create_orders_table_request(options))).empty());
  json stats = create_stats_table_request(options);
  stats["TableStatus"] = "ACTIVE";
  EXPECT_TRUE(stats_table_differences(stats).empty());
  EXPECT_EQ(stats["TableName"], "orders-stats");
}

TEST(TableSchema, ProvisionedByDefaultOnDemandByOption) {
  DynamoDbOptions options;
  json request = create_orders_table_request(options);
  EXPECT_EQ(request["BillingMode"], "PROVISIONED");
  EXPECT_EQ(request["ProvisionedThroughput"], json({{"ReadCapacityUnits", 10}, {"WriteCapacityUnits", 10}}));
  ASSERT_EQ(request["GlobalSecondaryIndexes"].size(), 3U);
  for (const json& index : request["GlobalSecondaryIndexes"]) {
    EXPECT_EQ(index["ProvisionedThroughput"], json({{"ReadCapacityUnits", 5}, {"WriteCapacityUnits", 5}}));
    EXPECT_EQ(index["Projection"]["ProjectionType"], "ALL");
    EXPECT_EQ(index["KeySchema"][1]["AttributeName"], "created_sort");
  }
  options.billing_mode = BillingMode::PAY_PER_REQUEST;
  request = create_orders_table_request(options);
  EXPECT_EQ(request["BillingMode"], "PAY_PER_REQUEST");
  EXPECT_FALSE(request.contains("ProvisionedThroughput"));
  EXPECT_FALSE(request["GlobalSecondaryIndexes"][0].contains("ProvisionedThroughput"));
}

TEST(TableSchema, TheEarlierModulesLayoutIsUsableInLegacyModeAndEachIndexIsNamed) {
  // The Python module's table: GSIs without sort keys, and one missing here.
  json table = described(create_orders_table_request(DynamoDbOptions{}));
  for (json& index : table["GlobalSecondaryIndexes"]) index["KeySchema"].erase(1);
  table["GlobalSecondaryIndexes"].erase(2);
  EXPECT_TRUE(orders_table_differences(table).empty());
  const auto modes = index_modes(table);
  EXPECT_EQ(modes[index_position(kCustomerIdIndex)], IndexMode::kUnsorted);
  EXPECT_EQ(modes[index_position(kCustomerNameIndex)], IndexMode::kUnsorted);
  EXPECT_EQ(modes[index_position(kStatusIndex)], IndexMode::kUnavailable);
  EXPECT_TRUE(is_legacy(modes));
  const std::vector<std::string> notes = legacy_index_notes(table);
  ASSERT_EQ(notes.size(), 3U);
  EXPECT_EQ(notes[0], "index customer_id_index has no sort key; expected created_sort (string)");
  EXPECT_EQ(notes[1], "index customer_name_index has no sort key; expected created_sort (string)");
  EXPECT_NE(notes[2].find("has no global secondary index status_index"), std::string::npos);
}

TEST(TableSchema, AnIndexBeingBuiltOrDeletedIsUnavailable) {
  json table = described(create_orders_table_request(DynamoDbOptions{}));
  EXPECT_FALSE(is_legacy(index_modes(table)));
  table["GlobalSecondaryIndexes"][0]["IndexStatus"] = "CREATING";
  table["GlobalSecondaryIndexes"][1]["Backfilling"] = true;
  table["GlobalSecondaryIndexes"][2]["IndexStatus"] = "DELETING";
  for (IndexMode mode : index_modes(table)) EXPECT_EQ(mode, IndexMode::kUnavailable);
  EXPECT_FALSE(table_is_active(table));
}

TEST(TableSchema, WrongPrimaryKeyIsRefusedAndACustomerIndexWithoutStatusIsScannedAround) {
  json table = described(create_orders_table_request(DynamoDbOptions{}));
  table["KeySchema"] = json::array({{{"AttributeName", "id"}, {"KeyType", "HASH"}}});
  table["GlobalSecondaryIndexes"][0]["Projection"] = {{"ProjectionType", "KEYS_ONLY"}};
  table["GlobalSecondaryIndexes"][1]["Projection"] = {{"ProjectionType", "INCLUDE"},
                                                      {"NonKeyAttributes", json::array({"total_amount"})}};
  const std::vector<std::string> differences = orders_table_differences(table);
  ASSERT_EQ(differences.size(), 1U);
  EXPECT_EQ(differences[0], "table orders has partition key id; expected order_id");
  const std::vector<std::string> notes = legacy_index_notes(table);
  ASSERT_EQ(notes.size(), 2U);
  EXPECT_NE(notes[0].find("index customer_id_index projects KEYS_ONLY without status; expected ALL, or the keys "
                          "with status"),
            std::string::npos);
  EXPECT_NE(notes[1].find("index customer_name_index projects INCLUDE without status"), std::string::npos);
  const auto modes = index_modes(table);
  EXPECT_EQ(modes[index_position(kCustomerIdIndex)], IndexMode::kUnavailable);
  EXPECT_EQ(modes[index_position(kCustomerNameIndex)], IndexMode::kUnavailable);
  EXPECT_EQ(modes[index_position(kStatusIndex)], IndexMode::kSorted);
}

TEST(TableSchema, KeysProjectionKeepsStatusInTheCustomerIndexesAndIsReadByKeys) {
  DynamoDbOptions options;
  options.index_projection = IndexProjection::kKeys;
  const json request = create_orders_table_request(options);
  for (const json& index : request["GlobalSecondaryIndexes"]) {
    if (index["IndexName"] == "status_index") {
      EXPECT_EQ(index["Projection"], json({{"ProjectionType", "KEYS_ONLY"}}));
    } else {
      EXPECT_EQ(index["Projection"],
                json({{"ProjectionType", "INCLUDE"}, {"NonKeyAttributes", json::array({"status"})}}));
    }
  }
  json table = described(request);
  for (IndexMode mode : index_modes(table)) EXPECT_EQ(mode, IndexMode::kSortedKeys);
  EXPECT_FALSE(is_legacy(index_modes(table)));
  EXPECT_TRUE(legacy_index_notes(table).empty());
  // upgrade-table builds an index with the projection asked for, too.
  const json update = create_index_request("orders", kIndexes[0], true, options);
  EXPECT_EQ(update["GlobalSecondaryIndexUpdates"][0]["Create"]["Projection"]["ProjectionType"], "INCLUDE");
  // Keys without a sort key: a Scan is as cheap as reading the whole partition by its keys.
  for (json& index : table["GlobalSecondaryIndexes"]) index["KeySchema"].erase(1);
  for (IndexMode mode : index_modes(table)) EXPECT_EQ(mode, IndexMode::kUnavailable);
}

TEST(TableSchema, TableNamesAreValidatedWithRoomForTheStatsSuffix) {
  EXPECT_NO_THROW(validate_table_name("orders"));
  EXPECT_THROW(validate_table_name("ab"), ConfigurationError);
  EXPECT_THROW(validate_table_name("orders table"), ConfigurationError);
  EXPECT_THROW(validate_table_name(std::string(250, 'a')), ConfigurationError);
  EXPECT_NO_THROW(validate_table_name(std::string(249, 'a')));
}

TEST(StatisticsCounters, DeltaOfAStatusChangeMovesCountAndRevenue) {
  Order before = sample_order();
  Order after = before;
  after.status = OrderStatus::CANCELLED;
  const StatisticsDelta delta = delta_between(before, after);
  ASSERT_EQ(delta.by_status.size(), 2U);
  EXPECT_EQ(delta.by_status.at(OrderStatus::PREPARING).orders, -1);
  EXPECT_EQ(delta.by_status.at(OrderStatus::PREPARING).revenue, Money::from_cents(-1699));
  EXPECT_EQ(delta.by_status.at(OrderStatus::CANCELLED).orders, 1);
  EXPECT_TRUE(delta.customers.empty());
  after = before;
  after.estimated_ready_time = "2030-01-01T00:00:00Z";
  EXPECT_TRUE(delta_between(before, after).empty());
  const StatisticsDelta created = delta_between(std::nullopt, before);
  EXPECT_EQ(created.customers.at("CUST-001"), 1);
  EXPECT_EQ(delta_between(before, std::nullopt).customers.at("CUST-001"), -1);
}

TEST(StatisticsCounters, ShardsSumToTheAggregates) {
  StatisticsDelta delta = delta_between(std::nullopt, sample_order());
  const json update = shard_update("orders-stats", 3, delta, 1);
  EXPECT_EQ(update["Update"]["Key"]["pk"], aws::S("shard#3"));
  EXPECT_EQ(update["Update"]["UpdateExpression"], "ADD #a0 :v0, #a1 :v1, #a2 :v2");
  EXPECT_TRUE(shard_update("orders-stats", 0, StatisticsDelta{}, 0).is_null());

  OrderAggregates aggregates;
  aggregates.by_status[OrderStatus::PENDING] = {3, Money::from_cents(1000)};
  aggregates.by_status[OrderStatus::CANCELLED] = {1, Money::from_cents(250)};
  aggregates.unique_customers = 2;
  const std::vector<json> items = shard_items_for(aggregates);
  ASSERT_EQ(items.size(), static_cast<std::size_t>(kStatisticsShards));
  const OrderAggregates back = aggregates_from_shards(items);
  EXPECT_EQ(back.unique_customers, 2);
  EXPECT_EQ(back.by_status.at(OrderStatus::PENDING).orders, 3);
  EXPECT_EQ(back.by_status.at(OrderStatus::CANCELLED).revenue, Money::from_cents(250));
}

TEST(StatisticsCounters, MarkerWritesCarryTheirConditions) {
  EXPECT_EQ(marker_write("s", "C", 1, MarkerState::kAbsent).unique_customers_change, 1);
  EXPECT_EQ(marker_write("s", "C", 1, MarkerState::kPresent).unique_customers_change, 0);
  EXPECT_EQ(marker_write("s", "C", -1, MarkerState::kMoreThanOne).unique_customers_change, 0);
  EXPECT_EQ(marker_write("s", "C", -1, MarkerState::kLast).unique_customers_change, -1);
  EXPECT_EQ(marker_write("s", "C", -1, MarkerState::kAbsent).unique_customers_change, 0);
  EXPECT_EQ(marker_write("s", "C", 1, MarkerState::kAbsent).transact_item["Update"]["ConditionExpression"],
            "attribute_not_exists(#pk)");
  EXPECT_TRUE(marker_write("s", "C", -1, MarkerState::kLast).transact_item.contains("Delete"));
  const json two = {{"pk", aws::S("customer#C")}, {"orders", aws::N(2)}};
  EXPECT_EQ(marker_state_of(&two, -1), MarkerState::kMoreThanOne);
  EXPECT_EQ(marker_state_of(&two, 1), MarkerState::kPresent);
  EXPECT_EQ(marker_state_of(nullptr, -1), MarkerState::kAbsent);
}

TEST(IamActions, TransactionsNeedTheActionsOfTheirItems) {
  const json request = {{"TransactItems", json::array({{{"Put", json::object()}}, {{"Update", json::object()}},
                                                       {{"Delete", json::object()}}})}};
  EXPECT_EQ(iam_actions_for("TransactWriteItems", request),
            (std::set<std::string>{"DeleteItem", "PutItem", "UpdateItem"}));
  EXPECT_EQ(iam_actions_for("Query", json::object()), std::set<std::string>{"Query"});
}

}  // namespace
