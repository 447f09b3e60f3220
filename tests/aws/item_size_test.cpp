// DynamoDB's item-size rules, and the 400 KB limit at the byte, checked against DynamoDB Local:
// an item our count puts at exactly the limit is stored, one byte more is refused by the server.

#include <gtest/gtest.h>

#include <string>

#include "aws/attribute_value.hpp"
#include "aws/dynamodb_client.hpp"
#include "aws/errors.hpp"
#include "aws/item_size.hpp"
#include "support/dynamodb_local.hpp"

namespace {

using nlohmann::json;

TEST(ItemSize, FollowsTheDocumentedRules) {
  EXPECT_EQ(aws::attribute_value_size(aws::S("héllo")), 6u);  // UTF-8 bytes
  EXPECT_EQ(aws::attribute_value_size(aws::N("16.99")), 3u);   // 4 significant digits: 2 + 1
  EXPECT_EQ(aws::attribute_value_size(aws::N("-0.00120")), 2u);  // "12": leading/trailing zeroes trimmed
  EXPECT_EQ(aws::attribute_value_size(aws::N("123")), 3u);
  EXPECT_EQ(aws::attribute_value_size(aws::N("0")), 2u);
  EXPECT_EQ(aws::attribute_value_size(json{{"B", "AAEC"}}), 3u);  // raw bytes, not base64 text
  EXPECT_EQ(aws::attribute_value_size(json{{"BOOL", true}}), 1u);
  EXPECT_EQ(aws::attribute_value_size(json{{"NULL", true}}), 1u);
  EXPECT_EQ(aws::attribute_value_size(json{{"L", json::array()}}), 3u);
  // 3 + (1 + 1) + (1 + 2): one byte per element on top of the elements.
  EXPECT_EQ(aws::attribute_value_size(json{{"L", json::array({aws::S("x"), aws::S("yz")})}}), 8u);
  // 3 + (1 + 4 "name" + 3 "Tea")
  EXPECT_EQ(aws::attribute_value_size(json{{"M", {{"name", aws::S("Tea")}}}}), 11u);
  EXPECT_EQ(aws::attribute_value_size(json{{"SS", json::array({"ab", "c"})}}), 3u);
  EXPECT_EQ(aws::item_size({{"pk", aws::S("ORD-1")}, {"total", aws::N("7")}}), 2u + 5u + 5u + 2u);
}

class ItemSizeLimit : public ::testing::Test {
 protected:
  void SetUp() override {
    aws::ClientConfig config;
    config.endpoint_url = testing_support::shared_dynamodb_local().endpoint();
    config.region = "us-east-1";
    config.access_key_id = "AKIDEXAMPLE";
    config.secret_access_key = "local-secret-not-used";
    client_ = std::make_unique<aws::DynamoDbClient>(config);
    client_->call("CreateTable",
                  {{"TableName", "item-size"},
                   {"AttributeDefinitions", json::array({{{"AttributeName", "pk"}, {"AttributeType", "S"}}})},
                   {"KeySchema", json::array({{{"AttributeName", "pk"}, {"KeyType", "HASH"}}})},
                   {"BillingMode", "PAY_PER_REQUEST"}});
  }

  // An item of exactly `bytes` by our count: a key, a number, a map and a padding string.
  static json item_of_size(std::size_t bytes) {
    json item = {{"pk", aws::S("K")}, {"n", aws::N("16.99")}, {"m", {{"M", {{"a", aws::S("b")}}}}}};
    const std::size_t without_padding = aws::item_size(item) + std::string("pad").size();
    item["pad"] = aws::S(std::string(bytes - without_padding, 'x'));
    return item;
  }

  std::unique_ptr<aws::DynamoDbClient> client_;
};

TEST_F(ItemSizeLimit, OurCountAgreesWithDynamoDbAtTheLimit) {
  const json at_limit = item_of_size(aws::kMaxItemBytes);
  ASSERT_EQ(aws::item_size(at_limit), aws::kMaxItemBytes);
  EXPECT_NO_THROW(client_->call("PutItem", {{"TableName", "item-size"}, {"Item", at_limit}}));

  const json over_limit = item_of_size(aws::kMaxItemBytes + 1);
  try {
    client_->call("PutItem", {{"TableName", "item-size"}, {"Item", over_limit}});
    ADD_FAILURE() << "DynamoDB Local stored an item over the limit";
  } catch (const aws::ServiceError& error) {
    EXPECT_EQ(error.code(), "ValidationException") << error.what();
  }
}

}  // namespace
