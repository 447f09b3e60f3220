#include "managers/order_status.hpp"

#include <gtest/gtest.h>

#include "managers/errors.hpp"

namespace managers {
namespace {

TEST(OrderStatus, ValuesAreTheSpecs) {
  EXPECT_EQ(to_string(OrderStatus::PENDING), "Pending");
  EXPECT_EQ(to_string(OrderStatus::CONFIRMED), "Confirmed");
  EXPECT_EQ(to_string(OrderStatus::PREPARING), "Being prepared");
  EXPECT_EQ(to_string(OrderStatus::READY), "Ready for pickup");
  EXPECT_EQ(to_string(OrderStatus::COMPLETED), "Completed");
  EXPECT_EQ(to_string(OrderStatus::CANCELLED), "Cancelled");
  EXPECT_EQ(kAllOrderStatuses.size(), 6u);
}

TEST(OrderStatus, ParsesValueOrNameInAnyCase) {
  EXPECT_EQ(parse_order_status("Being prepared"), OrderStatus::PREPARING);
  EXPECT_EQ(parse_order_status("being PREPARED"), OrderStatus::PREPARING);
  EXPECT_EQ(parse_order_status("PREPARING"), OrderStatus::PREPARING);
  EXPECT_EQ(parse_order_status("ready"), OrderStatus::READY);
  EXPECT_EQ(parse_order_status(" ready for pickup "), OrderStatus::READY);
  for (OrderStatus status : kAllOrderStatuses) {
    EXPECT_EQ(parse_order_status(to_string(status)), status);
    EXPECT_EQ(parse_order_status(enum_name(status)), status);
  }
}

TEST(OrderStatus, UnknownTextListsTheAcceptedValues) {
  try {
    parse_order_status("Shipped", "status");
    FAIL() << "accepted Shipped";
  } catch (const ValidationError& error) {
    EXPECT_EQ(error.field(), "status");
    EXPECT_NE(error.rule().find("'Being prepared' (PREPARING)"), std::string::npos) << error.rule();
    EXPECT_NE(error.rule().find("Shipped"), std::string::npos);
  }
}

TEST(OrderStatus, CompletedAndCancelledAreFinal) {
  EXPECT_TRUE(is_final(OrderStatus::COMPLETED));
  EXPECT_TRUE(is_final(OrderStatus::CANCELLED));
  EXPECT_FALSE(is_final(OrderStatus::READY));
  EXPECT_FALSE(can_change_status(OrderStatus::COMPLETED, OrderStatus::PENDING));
  EXPECT_FALSE(can_change_status(OrderStatus::CANCELLED, OrderStatus::COMPLETED));
  EXPECT_TRUE(can_change_status(OrderStatus::CANCELLED, OrderStatus::CANCELLED));
  EXPECT_TRUE(can_change_status(OrderStatus::READY, OrderStatus::PREPARING));
  EXPECT_TRUE(can_change_status(OrderStatus::PENDING, OrderStatus::CANCELLED));
}

}  // namespace
}  // namespace managers
