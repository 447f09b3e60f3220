#include "domain/validation.hpp"

#include <gtest/gtest.h>

#include "managers/errors.hpp"
#include "managers/limits.hpp"

namespace managers::domain {
namespace {

NewOrder spec_example() {
  return NewOrder{"ORD-001", "CUST-001", "John Doe", {{"Coffee", 2, 3.50}, {"Sandwich", 1, 8.99}}, 16.99,
                  std::nullopt, "2024-11-22T15:30:00", {{"table", "5"}}};
}

// Runs validate_new_order on the spec's example changed by `change` and
// returns the field the error named ("" when it was accepted).
template <typename Change>
std::string rejected_field(Change change) {
  NewOrder order = spec_example();
  change(order);
  try {
    validate_new_order(order);
    return "";
  } catch (const ValidationError& error) {
    return error.field();
  }
}

TEST(Validation, AcceptsTheSpecExample) { EXPECT_NO_THROW(validate_new_order(spec_example())); }

TEST(Validation, NamesTheFieldOfEachBrokenRule) {
  EXPECT_EQ(rejected_field([](NewOrder& o) { o.order_id = ""; }), "order_id");
  EXPECT_EQ(rejected_field([](NewOrder& o) { o.order_id = "  "; }), "order_id");
  EXPECT_EQ(rejected_field([](NewOrder& o) { o.order_id = std::string(limits::kMaxIdBytes + 1, 'x'); }), "order_id");
  EXPECT_EQ(rejected_field([](NewOrder& o) { o.order_id = "bad\nid"; }), "order_id");
  EXPECT_EQ(rejected_field([](NewOrder& o) { o.customer_id = ""; }), "customer_id");
  EXPECT_EQ(rejected_field([](NewOrder& o) { o.customer_name = ""; }), "customer_name");
  EXPECT_EQ(rejected_field([](NewOrder& o) { o.customer_name = "\xff\xfe"; }), "customer_name");
  EXPECT_EQ(rejected_field([](NewOrder& o) { o.items.clear(); }), "items");
  EXPECT_EQ(rejected_field([](NewOrder& o) { o.items.assign(limits::kMaxItems + 1, {"Tea", 1, 1.0}); }), "items");
  EXPECT_EQ(rejected_field([](NewOrder& o) { o.items[1].quantity = 0; }), "items[1].quantity");
  EXPECT_EQ(rejected_field([](NewOrder& o) { o.items[0].quantity = -2; }), "items[0].quantity");
  EXPECT_EQ(rejected_field([](NewOrder& o) { o.items[0].unit_price = Money::from_cents(-1); }), "items[0].unit_price");
  EXPECT_EQ(rejected_field([](NewOrder& o) { o.items[0].item_name = ""; }), "items[0].item_name");
  EXPECT_EQ(rejected_field([](NewOrder& o) { o.total_price = Money::from_cents(-100); }), "total_price");
  EXPECT_EQ(rejected_field([](NewOrder& o) { o.estimated_ready_time = "tomorrow"; }), "estimated_ready_time");
  EXPECT_EQ(rejected_field([](NewOrder& o) { o.metadata = nlohmann::json::array(); }), "metadata");
  EXPECT_EQ(rejected_field([](NewOrder& o) { o.metadata = {{"blob", std::string(limits::kMaxMetadataBytes, 'x')}}; }),
            "metadata");
  EXPECT_EQ(rejected_field([](NewOrder& o) { o.conversation_id = ""; }), "conversation_id");
  EXPECT_EQ(rejected_field([](NewOrder& o) { o.metadata = {{"big", 1e200}}; }), "metadata.big");
  EXPECT_EQ(rejected_field([](NewOrder& o) { o.metadata = {{"list", {1.5, 1e-200}}}; }), "metadata.list[1]");
}

// Issue 17 item 7: one rule for every identifier and name.
TEST(Validation, IdentifiersAndNamesMustNotStartOrEndWithWhitespaceAndMustShowSomething) {
  EXPECT_EQ(rejected_field([](NewOrder& o) { o.order_id = " Q5 "; }), "order_id");
  EXPECT_EQ(rejected_field([](NewOrder& o) { o.order_id = "Q5 "; }), "order_id");
  EXPECT_EQ(rejected_field([](NewOrder& o) { o.customer_id = "\u00a0C1"; }), "customer_id");
  EXPECT_EQ(rejected_field([](NewOrder& o) { o.customer_name = "John Doe\u3000"; }), "customer_name");
  EXPECT_EQ(rejected_field([](NewOrder& o) { o.conversation_id = "CONV\u2029"; }), "conversation_id");
  EXPECT_EQ(rejected_field([](NewOrder& o) { o.items[0].item_name = " Coffee"; }), "items[0].item_name");
  for (const char* invisible : {"\u202e", "\u202a\u202c", "\u200b", "\u200d\u200c", "\u2066\u2069", "\ufeff",
                                "\u2060", "\u00ad", "\u3164", "\u2800", "\U000e0041"}) {
    EXPECT_EQ(rejected_field([&](NewOrder& o) { o.customer_name = invisible; }), "customer_name") << invisible;
    EXPECT_EQ(rejected_field([&](NewOrder& o) { o.order_id = invisible; }), "order_id") << invisible;
  }
  // Spaces and invisible marks inside visible text are kept as given.
  EXPECT_EQ(rejected_field([](NewOrder& o) { o.customer_name = "Jean  Paul\u00a0Sartre"; }), "");
  EXPECT_EQ(rejected_field([](NewOrder& o) { o.items[0].item_name = "Tea \u2615\ufe0f"; }), "");
  EXPECT_EQ(rejected_field([](NewOrder& o) { o.customer_name = "\u202eabc"; }), "");
}

TEST(Validation, AcceptsEdgesInsideTheLimits) {
  EXPECT_EQ(rejected_field([](NewOrder& o) { o.items[0].unit_price = Money::from_cents(0); }), "");
  EXPECT_EQ(rejected_field([](NewOrder& o) { o.customer_name = "Zoë Ångström 李"; }), "");
  EXPECT_EQ(rejected_field([](NewOrder& o) { o.estimated_ready_time = "2024-11-22T15:30:00+05:30"; }), "");
  EXPECT_EQ(rejected_field([](NewOrder& o) { o.order_id = std::string(limits::kMaxIdBytes, 'x'); }), "");
  EXPECT_EQ(rejected_field([](NewOrder& o) { o.metadata = {{"n", 0.0}, {"i", INT64_MAX}, {"f", 1e125}}; }), "");
}

TEST(Validation, LimitMustBePositive) {
  EXPECT_NO_THROW(validate_limit(std::nullopt));
  EXPECT_NO_THROW(validate_limit(1));
  EXPECT_THROW(validate_limit(0), ValidationError);
  EXPECT_THROW(validate_limit(-3), ValidationError);
}

TEST(Validation, CompleteOrdersNeedConsistentSubtotalsAndHistory) {
  Order order;
  order.order_id = "ORD-1";
  order.customer_id = "C";
  order.customer_name = "N";
  order.total_price = 7.0;
  order.created_at = order.updated_at = "2026-01-01T00:00:00.000000Z";
  order.items = {{"Coffee", 2, 3.50, 7.00}};
  order.status_history = {{OrderStatus::PENDING, order.created_at}};
  EXPECT_NO_THROW(validate_order(order));

  Order wrong_subtotal = order;
  wrong_subtotal.items[0].subtotal = 6.0;
  EXPECT_THROW(validate_order(wrong_subtotal), ValidationError);

  Order offset_time = order;
  offset_time.created_at = "2026-01-01T01:00:00+01:00";
  EXPECT_THROW(validate_order(offset_time), ValidationError);

  Order wrong_history = order;
  wrong_history.status = OrderStatus::READY;
  EXPECT_THROW(validate_order(wrong_history), ValidationError);
}

}  // namespace
}  // namespace managers::domain
