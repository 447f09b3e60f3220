// Integration: signed requests to DynamoDB Local, real answers back.

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "aws/attribute_value.hpp"
#include "aws/dynamodb_client.hpp"
#include "aws/errors.hpp"
#include "support/dynamodb_local.hpp"

namespace {

using nlohmann::json;

aws::ClientConfig local_config() {
  aws::ClientConfig config;
  config.endpoint_url = testing_support::shared_dynamodb_local().endpoint();
  config.region = "us-east-1";
  config.access_key_id = "AKIDEXAMPLE";
  config.secret_access_key = "secret";
  return config;
}

// Each test gets its own table, so tests sharing the one server do not interfere.
void create_table(aws::DynamoDbClient& client, const std::string& name) {
  client.call("CreateTable", {{"TableName", name},
                              {"AttributeDefinitions", json::array({{{"AttributeName", "pk"}, {"AttributeType", "S"}}})},
                              {"KeySchema", json::array({{{"AttributeName", "pk"}, {"KeyType", "HASH"}}})},
                              {"BillingMode", "PAY_PER_REQUEST"}});
}

TEST(DynamoDbLocal, CreatePutGetRoundTrip) {
  aws::DynamoDbClient client(local_config());
  create_table(client, "roundtrip");

  const json order = {{"pk", "ORD-001"},
                      {"customer", "John Doe"},
                      {"total", 16.99},
                      {"quantity", 3},
                      {"paid", true},
                      {"note", nullptr},
                      {"items", json::array({{{"item_name", "Coffee"}, {"unit_price", 3.5}}})},
                      {"metadata", {{"table", "5"}}}};
  client.call("PutItem", {{"TableName", "roundtrip"}, {"Item", aws::to_item(order)}});

  const json reply = client.call("GetItem", {{"TableName", "roundtrip"},
                                             {"Key", {{"pk", aws::S("ORD-001")}}},
                                             {"ConsistentRead", true}});
  ASSERT_TRUE(reply.contains("Item")) << reply.dump();
  EXPECT_EQ(aws::from_item(reply["Item"]), order);
  EXPECT_EQ(reply["Item"]["total"], aws::N("16.99"));

  const json missing = client.call("GetItem", {{"TableName", "roundtrip"}, {"Key", {{"pk", aws::S("nope")}}}});
  EXPECT_FALSE(missing.contains("Item"));
  EXPECT_GE(client.stats().requests, 4);
  EXPECT_EQ(client.stats().retries, 0);
}

TEST(DynamoDbLocal, ServiceErrorsAreTypedAndNotRetried) {
  aws::DynamoDbClient client(local_config());
  try {
    client.call("GetItem", {{"TableName", "no_such_table"}, {"Key", {{"pk", aws::S("x")}}}});
    FAIL() << "expected ResourceNotFoundException";
  } catch (const aws::ServiceError& e) {
    EXPECT_EQ(e.code(), "ResourceNotFoundException");
    EXPECT_EQ(e.http_status(), 400);
    EXPECT_FALSE(e.request_id().empty());
  }

  create_table(client, "conditional");
  client.call("PutItem", {{"TableName", "conditional"}, {"Item", {{"pk", aws::S("a")}}}});
  client.reset_stats();
  try {
    client.call("PutItem", {{"TableName", "conditional"},
                            {"Item", {{"pk", aws::S("a")}}},
                            {"ConditionExpression", "attribute_not_exists(pk)"}});
    FAIL() << "expected ConditionalCheckFailedException";
  } catch (const aws::ServiceError& e) {
    EXPECT_EQ(e.code(), "ConditionalCheckFailedException");
  }
  EXPECT_EQ(client.stats().requests, 1);
  EXPECT_EQ(client.stats().retries, 0);
}

TEST(DynamoDbLocal, TransactionCancellationReasons) {
  aws::DynamoDbClient client(local_config());
  create_table(client, "transactions");
  client.call("PutItem", {{"TableName", "transactions"}, {"Item", {{"pk", aws::S("exists")}}}});
  const json put_new = {{"Put", {{"TableName", "transactions"}, {"Item", {{"pk", aws::S("new")}}},
                                 {"ConditionExpression", "attribute_not_exists(pk)"}}}};
  const json put_existing = {{"Put", {{"TableName", "transactions"}, {"Item", {{"pk", aws::S("exists")}}},
                                      {"ConditionExpression", "attribute_not_exists(pk)"}}}};
  try {
    client.call("TransactWriteItems", {{"TransactItems", json::array({put_new, put_existing})}});
    FAIL() << "expected TransactionCanceledException";
  } catch (const aws::ServiceError& e) {
    EXPECT_EQ(e.code(), "TransactionCanceledException");
    EXPECT_EQ(e.cancellation_reasons(), (std::vector<std::string>{"None", "ConditionalCheckFailed"}));
  }
}

TEST(DynamoDbLocal, ManyThreadsShareOneClient) {
  aws::DynamoDbClient client(local_config());
  create_table(client, "threads");
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        try {
          const std::string key = std::to_string(t) + "-" + std::to_string(i);
          client.call("PutItem", {{"TableName", "threads"}, {"Item", {{"pk", aws::S(key)}, {"n", aws::N(i)}}}});
        } catch (const std::exception&) {
          ++failures;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  const json count = client.call("Scan", {{"TableName", "threads"}, {"Select", "COUNT"}});
  EXPECT_EQ(count["Count"], 40);
}

TEST(DynamoDbLocal, UnknownOperationIsATypedError) {
  // An operation DynamoDB does not know comes back as a typed error, and no message carries the secret.
  aws::DynamoDbClient client(local_config());
  try {
    client.call("NoSuchOperation", json::object());
    FAIL() << "expected an error";
  } catch (const aws::ServiceError& e) {
    EXPECT_FALSE(e.code().empty());
    EXPECT_EQ(std::string(e.what()).find("secret"), std::string::npos) << e.what();
  }
}

}  // namespace
