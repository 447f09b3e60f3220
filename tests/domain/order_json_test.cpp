#include <gtest/gtest.h>

#include "managers/errors.hpp"
#include "managers/order.hpp"

namespace managers {
namespace {

Order sample_order() {
  Order order;
  order.order_id = "ORD-001";
  order.customer_id = "CUST-001";
  order.customer_name = "John Doe";
  order.total_price = 16.99;
  order.status = OrderStatus::PREPARING;
  order.created_at = "2026-11-25T08:00:00.000001Z";
  order.updated_at = "2026-11-25T08:05:00.000000Z";
  order.estimated_ready_time = "2024-11-22T15:30:00";
  order.metadata = {{"table", "5"}, {"nested", {{"a", {1, 2.5, nullptr, true}}}}};
  order.items = {{"Coffee", 2, 3.50, 7.00}, {"Sandwich", 1, 8.99, 8.99}};
  order.status_history = {{OrderStatus::PENDING, order.created_at}, {OrderStatus::PREPARING, order.updated_at}};
  return order;
}

TEST(OrderJson, IsTheSpecsDataStructure) {
  const nlohmann::json json = to_json(sample_order());
  EXPECT_EQ(json["order_id"], "ORD-001");
  EXPECT_EQ(json["status"], "Being prepared");
  EXPECT_TRUE(json["total_price"].is_number());
  EXPECT_EQ(json["total_price"].dump(), "16.99");
  EXPECT_EQ(json["items"][0]["subtotal"].dump(), "7.0");
  EXPECT_EQ(json["items"][1]["unit_price"].dump(), "8.99");
  EXPECT_TRUE(json["conversation_id"].is_null());
  EXPECT_EQ(json["metadata"]["table"], "5");
  EXPECT_EQ(json["status_history"][1]["status"], "Being prepared");
  for (const char* key : {"order_id", "customer_id", "customer_name", "total_price", "status", "created_at",
                          "updated_at", "estimated_ready_time", "conversation_id", "metadata", "items"})
    EXPECT_TRUE(json.contains(key)) << key;
}

TEST(OrderJson, RoundTripsExactly) {
  const Order order = sample_order();
  EXPECT_EQ(order_from_json(to_json(order)), order);
  EXPECT_EQ(order_from_json(nlohmann::json::parse(to_json(order).dump())), order);
}

TEST(OrderJson, RecordsWithoutHistoryStartItAtCreation) {
  nlohmann::json json = to_json(sample_order());
  json.erase("status_history");
  const Order order = order_from_json(json);
  ASSERT_EQ(order.status_history.size(), 1u);
  EXPECT_EQ(order.status_history[0].status, OrderStatus::PREPARING);
}

TEST(OrderJson, MalformedRecordsNameTheField) {
  nlohmann::json json = to_json(sample_order());
  json["items"][1]["quantity"] = 1.5;
  try {
    order_from_json(json);
    FAIL();
  } catch (const ValidationError& error) {
    EXPECT_EQ(error.field(), "items[1].quantity");
  }
  json = to_json(sample_order());
  json.erase("customer_id");
  EXPECT_THROW(order_from_json(json), ValidationError);
  json = to_json(sample_order());
  json["status"] = "Shipped";
  EXPECT_THROW(order_from_json(json), ValidationError);
  // Whole-number prices beyond what Money holds (fuzz/order_json_fuzzer.cpp).
  for (const nlohmann::json& huge : {nlohmann::json(100000000000000000LL), nlohmann::json(18446744073709551615ULL)}) {
    json = to_json(sample_order());
    json["items"][0]["unit_price"] = huge;
    try {
      order_from_json(json);
      ADD_FAILURE() << huge;
    } catch (const ValidationError& error) {
      EXPECT_EQ(error.field(), "items[0].unit_price");
    }
  }
}

TEST(NewOrderJson, ReadsTheCreateOrderArgumentsExactly) {
  const NewOrder order = new_order_from_json(nlohmann::json::parse(R"({
      "order_id": "ORD-001", "customer_id": "CUST-001", "customer_name": "John Doe",
      "items": [{"item_name": "Coffee", "quantity": 2, "unit_price": 3.50},
                {"item_name": "Sandwich", "quantity": 1, "unit_price": "8.99"}],
      "total_price": 16.99, "estimated_ready_time": "2024-11-22T15:30:00", "metadata": {"table": "5"}})"));
  EXPECT_EQ(order.order_id, "ORD-001");
  EXPECT_EQ(order.items.size(), 2u);
  EXPECT_EQ(order.items[0].unit_price, Money::from_cents(350));
  EXPECT_EQ(order.items[1].unit_price, Money::from_cents(899));
  EXPECT_EQ(order.total_price, Money::from_cents(1699));
  EXPECT_EQ(order.conversation_id, std::nullopt);
  EXPECT_EQ(order.estimated_ready_time, std::optional<std::string>("2024-11-22T15:30:00"));
  EXPECT_EQ(order.metadata, (nlohmann::json{{"table", "5"}}));
}

TEST(NewOrderJson, NamesTheFieldOfWhatItRefuses) {
  const auto field_of = [](const std::string& text) {
    try {
      new_order_from_json(nlohmann::json::parse(text));
    } catch (const ValidationError& error) {
      return error.field();
    }
    return std::string("(accepted)");
  };
  const std::string items = R"("items": [{"item_name": "Tea", "quantity": 1, "unit_price": 2}])";
  EXPECT_EQ(field_of(R"({"customer_id": "C", "customer_name": "N", "total_price": 2, )" + items + "}"), "order_id");
  EXPECT_EQ(field_of(R"({"order_id": 5, "customer_id": "C", "customer_name": "N", "total_price": 2, )" + items + "}"),
            "order_id");
  EXPECT_EQ(field_of(R"({"order_id": "O", "customer_id": "C", "customer_name": "N", "total_price": true, )" + items +
                     "}"),
            "total_price");
  EXPECT_EQ(field_of(R"({"order_id": "O", "customer_id": "C", "customer_name": "N", "total_price": 2,
                         "items": [{"item_name": "Tea", "quantity": 1.5, "unit_price": 2}]})"),
            "items[0].quantity");
  EXPECT_EQ(field_of(R"({"order_id": "O", "customer_id": "C", "customer_name": "N", "total_price": 2, "status": "Completed", )" +
                     items + "}"),
            "'status'");
  EXPECT_EQ(field_of("[1]"), "order");
}

TEST(StatisticsJson, IsTheSpecsObject) {
  OrderStatistics statistics{3, Money("12.00"), {{"Pending", 2}, {"Cancelled", 1}}, 2};
  const nlohmann::json json = to_json(statistics);
  EXPECT_EQ(json["total_orders"], 3);
  EXPECT_EQ(json["total_revenue"].dump(), "12.0");
  EXPECT_EQ(json["status_breakdown"]["Pending"], 2);
  EXPECT_EQ(json["unique_customers"], 2);
}

}  // namespace
}  // namespace managers
