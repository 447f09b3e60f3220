#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>

#include "aws/attribute_value.hpp"

namespace {

using nlohmann::json;

TEST(AttributeValue, ScalarsMarshalToTheirTypes) {
  EXPECT_EQ(aws::to_attribute_value("x"), json({{"S", "x"}}));
  EXPECT_EQ(aws::to_attribute_value(true), json({{"BOOL", true}}));
  EXPECT_EQ(aws::to_attribute_value(nullptr), json({{"NULL", true}}));
  EXPECT_EQ(aws::to_attribute_value(42), json({{"N", "42"}}));
  EXPECT_EQ(aws::to_attribute_value(-7), json({{"N", "-7"}}));
  EXPECT_EQ(aws::to_attribute_value(18446744073709551615ull), json({{"N", "18446744073709551615"}}));
}

TEST(AttributeValue, DoublesUseTheShortestRoundTripText) {
  EXPECT_EQ(aws::to_attribute_value(16.99), json({{"N", "16.99"}}));
  EXPECT_EQ(aws::to_attribute_value(3.5), json({{"N", "3.5"}}));
  EXPECT_EQ(aws::to_attribute_value(0.1), json({{"N", "0.1"}}));
  EXPECT_EQ(aws::to_attribute_value(1e-7), json({{"N", "1e-07"}}));
  for (double value : {16.99, 0.1 + 0.2, 1.0 / 3.0, 123456.789, -2.5e-300, 1.7976931348623157e308}) {
    const json back = aws::from_attribute_value(aws::to_attribute_value(value));
    ASSERT_TRUE(back.is_number_float()) << back;
    EXPECT_EQ(back.get<double>(), value);  // exact, not approximately
  }
}

TEST(AttributeValue, NumbersComeBackAsIntegersWhenIntegral) {
  EXPECT_TRUE(aws::from_attribute_value(aws::N("42")).is_number_integer());
  EXPECT_EQ(aws::from_attribute_value(aws::N("42")), 42);
  EXPECT_EQ(aws::from_attribute_value(aws::N("-9223372036854775808")), std::numeric_limits<std::int64_t>::min());
  EXPECT_TRUE(aws::from_attribute_value(aws::N("18446744073709551615")).is_number_unsigned());
  EXPECT_TRUE(aws::from_attribute_value(aws::N("2.50")).is_number_float());
  EXPECT_EQ(aws::from_attribute_value(aws::N("2.50")), 2.5);
  EXPECT_EQ(aws::from_attribute_value(aws::N("1E+3")), 1000.0);
  // Beyond 64 bits: a double (DynamoDB allows 38 digits).
  EXPECT_TRUE(aws::from_attribute_value(aws::N("123456789012345678901234567890")).is_number_float());
  // An integral double comes back as an integer that compares equal.
  EXPECT_EQ(aws::from_attribute_value(aws::to_attribute_value(2.0)), json(2.0));
}

TEST(AttributeValue, NestedDocumentsRoundTrip) {
  const json order = {{"order_id", "ORD-001"},
                      {"items", json::array({{{"item_name", "Coffee"}, {"quantity", 2}, {"unit_price", 3.5}},
                                             {{"item_name", "Sandwich"}, {"quantity", 1}, {"unit_price", 8.99}}})},
                      {"metadata", {{"table", "5"}, {"tags", json::array({"a", nullptr, false})}}},
                      {"empty_list", json::array()},
                      {"empty_map", json::object()},
                      {"total", 16.99}};
  const json av = aws::to_attribute_value(order);
  ASSERT_TRUE(av.contains("M"));
  EXPECT_EQ(av["M"]["items"]["L"][0]["M"]["quantity"], aws::N("2"));
  EXPECT_EQ(aws::from_attribute_value(av), order);
  EXPECT_EQ(aws::from_item(aws::to_item(order)), order);
}

TEST(AttributeValue, BinaryUsesBase64) {
  const json binary = json::binary({0x00, 0xff, 0x10, 0x41});
  const json av = aws::to_attribute_value(binary);
  EXPECT_EQ(av, json({{"B", "AP8QQQ=="}}));
  EXPECT_EQ(aws::from_attribute_value(av), binary);
}

TEST(AttributeValue, SetsBecomeArrays) {
  EXPECT_EQ(aws::from_attribute_value(json::parse(R"({"SS":["a","b"]})")), json({"a", "b"}));
  EXPECT_EQ(aws::from_attribute_value(json::parse(R"({"NS":["1","2.5"]})")), json({1, 2.5}));
  EXPECT_EQ(aws::from_attribute_value(json::parse(R"({"BS":["AQI=","Aw=="]})")),
            json({json::binary({1, 2}), json::binary({3})}));
}

TEST(AttributeValue, MalformedInputIsRejected) {
  EXPECT_THROW(aws::from_attribute_value(json::parse(R"({"S":"a","N":"1"})")), std::invalid_argument);
  EXPECT_THROW(aws::from_attribute_value(json::parse(R"({"X":"a"})")), std::invalid_argument);
  EXPECT_THROW(aws::from_attribute_value(json::parse(R"({"N":"12abc"})")), std::invalid_argument);
  EXPECT_THROW(aws::from_attribute_value(json::parse(R"({"N":5})")), std::invalid_argument);
  EXPECT_THROW(aws::from_attribute_value(json::parse(R"({"B":"not base64!"})")), std::invalid_argument);
  EXPECT_THROW(aws::from_attribute_value(json::parse(R"("plain")")), std::invalid_argument);
  EXPECT_THROW(aws::to_attribute_value(std::nan("")), std::invalid_argument);
  EXPECT_THROW(aws::to_attribute_value(std::numeric_limits<double>::infinity()), std::invalid_argument);
  EXPECT_THROW(aws::to_item(json::array()), std::invalid_argument);
}

TEST(AttributeValue, Helpers) {
  EXPECT_EQ(aws::S("x"), json({{"S", "x"}}));
  EXPECT_EQ(aws::N("1.5"), json({{"N", "1.5"}}));
  EXPECT_EQ(aws::N(std::int64_t{7}), json({{"N", "7"}}));
  EXPECT_EQ(aws::N(-3), json({{"N", "-3"}}));
  EXPECT_EQ(aws::N(std::uint64_t{18446744073709551615ull}), json({{"N", "18446744073709551615"}}));
  EXPECT_EQ(aws::N(16.99), json({{"N", "16.99"}}));  // not truncated to 16
  EXPECT_EQ(aws::N(std::string("1.50")), json({{"N", "1.50"}}));
  EXPECT_EQ(aws::BOOL(false), json({{"BOOL", false}}));
}

}  // namespace
