// THE conformance suite: every behaviour of the shared interface (issue 2,
// "Behaviour"), written once against OrderManagerInterface and run on every
// engine. Nothing here may know which engine it runs on; each test gets a fresh
// manager over empty storage from make_engine_under_test().
//
// Sizes stay small (at most a few hundred orders per test, no sleeps) so the
// suite runs quickly on a networked engine too.

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <latch>
#include <limits>
#include <mutex>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "conformance/engine_under_test.hpp"
#include "domain/timestamps.hpp"
#include "managers/errors.hpp"
#include "managers/limits.hpp"
#include "managers/order.hpp"
#include "managers/order_manager_interface.hpp"

namespace {

using managers::Money;
using managers::NewOrder;
using managers::Order;
using managers::OrderItem;
using managers::OrderItemInput;
using managers::OrderManagerInterface;
using managers::OrderPage;
using managers::OrderStatistics;
using managers::OrderStatus;
using managers::StatusChange;
using managers::ValidationError;
using nlohmann::json;

// Concurrency sizes: generic, the same for every engine.
constexpr int kThreads = 8;
constexpr int kCreatesPerThread = 25;
constexpr int kStatusUpdatesPerThread = 20;

constexpr const char* kSpecReadyTime = "2024-11-22T15:30:00";

std::vector<OrderItemInput> spec_items() { return {{"Coffee", 2, 3.50}, {"Sandwich", 1, 8.99}}; }

Money cents(std::int64_t value) { return Money::from_cents(value); }

bool is_utc_timestamp(const std::string& text) {
  static const std::regex pattern(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)");
  return std::regex_match(text, pattern);
}

std::vector<std::string> ids_of(const std::vector<Order>& orders) {
  std::vector<std::string> ids;
  for (const Order& order : orders) ids.push_back(order.order_id);
  return ids;
}

std::vector<OrderStatus> statuses_of(const std::vector<StatusChange>& history) {
  std::vector<OrderStatus> statuses;
  for (const StatusChange& change : history) statuses.push_back(change.status);
  return statuses;
}

// A complete stored order, as import_order and replace_order take it.
Order complete_order(const std::string& order_id, const std::string& created_at,
                     OrderStatus status = OrderStatus::PENDING) {
  Order order;
  order.order_id = order_id;
  order.customer_id = "CUST-IMP";
  order.customer_name = "Imported Customer";
  order.total_price = cents(1234);
  order.status = status;
  order.created_at = created_at;
  order.updated_at = created_at;
  order.conversation_id = "CONV-IMP";
  order.metadata = {{"source", "import"}};
  order.items = {{"Widget", 3, cents(411), cents(1233)}};
  order.status_history = {{OrderStatus::PENDING, created_at}};
  if (status != OrderStatus::PENDING) order.status_history.push_back({status, created_at});
  return order;
}

// Runs `body(thread_index)` on `count` threads released together; an exception
// in a thread fails the test instead of terminating the process.
template <typename Body>
void run_threads(int count, Body body) {
  std::latch start(count);
  std::vector<std::thread> threads;
  for (int t = 0; t < count; ++t)
    threads.emplace_back([&, t] {
      start.arrive_and_wait();
      try {
        body(t);
      } catch (const std::exception& error) {
        ADD_FAILURE() << "thread " << t << " threw: " << error.what();
      }
    });
  for (std::thread& thread : threads) thread.join();
}

class Conformance : public ::testing::Test {
 protected:
  void SetUp() override {
    manager_ = make_engine_under_test();
    ASSERT_NE(manager_, nullptr);
  }

  OrderManagerInterface& manager() { return *manager_; }

  // The spec's Quick Start order.
  bool create_spec_order(const std::string& order_id = "ORD-001") {
    return manager().create_order(order_id, "CUST-001", "John Doe", spec_items(), 16.99, std::nullopt,
                                  std::string(kSpecReadyTime), json{{"table", "5"}});
  }

  // A one-item order whose total is `total_cents`.
  bool create_simple(const std::string& order_id, const std::string& customer_id, const std::string& customer_name,
                     std::int64_t total_cents = 500) {
    return manager().create_order(order_id, customer_id, customer_name, {{"Tea", 1, cents(total_cents)}},
                                  cents(total_cents));
  }

  Order must_get(const std::string& order_id) {
    std::optional<Order> order = manager().get_order(order_id);
    if (!order) {
      ADD_FAILURE() << "order " << order_id << " not found";
      return {};
    }
    return *order;
  }

  // Every order, through list_orders.
  std::vector<Order> all_orders(int page_size = 100) {
    std::vector<Order> orders;
    std::string token;
    for (int page_number = 0; page_number < 1000; ++page_number) {
      OrderPage page = manager().list_orders(token, page_size);
      EXPECT_LE(page.orders.size(), static_cast<std::size_t>(page_size));
      for (Order& order : page.orders) orders.push_back(std::move(order));
      if (page.next_page_token.empty()) return orders;
      token = page.next_page_token;
    }
    ADD_FAILURE() << "list_orders never ended";
    return orders;
  }

  // `call` throws ValidationError naming `field`, and storage is still empty.
  template <typename Call>
  void expect_rejected_on_empty(const std::string& field, Call call) {
    SCOPED_TRACE("field " + field);
    try {
      call();
      ADD_FAILURE() << "no ValidationError for " << field;
    } catch (const ValidationError& error) {
      EXPECT_EQ(error.field(), field) << error.what();
      EXPECT_FALSE(error.rule().empty());
    }
    EXPECT_EQ(manager().get_order_statistics().total_orders, 0);
    EXPECT_TRUE(all_orders().empty());
  }

  std::unique_ptr<OrderManagerInterface> manager_;
};

// ---------------------------------------------------------------- create / get

TEST_F(Conformance, CreateAndGetRoundTripTheSpecExampleExactly) {
  const std::string before = managers::domain::utc_now();
  ASSERT_TRUE(manager().create_order("ORD-001", "CUST-001", "John Doe", spec_items(), 16.99, "CONV-42",
                                     std::string(kSpecReadyTime), json{{"table", "5"}}));
  const std::string after = managers::domain::utc_now();

  const Order order = must_get("ORD-001");
  EXPECT_EQ(order.order_id, "ORD-001");
  EXPECT_EQ(order.customer_id, "CUST-001");
  EXPECT_EQ(order.customer_name, "John Doe");
  EXPECT_EQ(order.conversation_id, std::optional<std::string>("CONV-42"));
  EXPECT_EQ(order.total_price.cents(), 1699);  // the caller's figure, though the items sum to 15.99
  EXPECT_EQ(order.status, OrderStatus::PENDING);
  EXPECT_EQ(order.estimated_ready_time, std::optional<std::string>(kSpecReadyTime));  // as given
  EXPECT_EQ(order.metadata, (json{{"table", "5"}}));
  ASSERT_EQ(order.items.size(), 2u);
  EXPECT_EQ(order.items[0], (OrderItem{"Coffee", 2, cents(350), cents(700)}));
  EXPECT_EQ(order.items[1], (OrderItem{"Sandwich", 1, cents(899), cents(899)}));
  EXPECT_EQ(order.created_at, order.updated_at);
  EXPECT_GT(order.created_at, before);
  EXPECT_LT(order.created_at, after);
  ASSERT_EQ(order.status_history.size(), 1u);
  EXPECT_EQ(order.status_history[0], (StatusChange{OrderStatus::PENDING, order.created_at}));
}

TEST_F(Conformance, CreateWithOnlyTheRequiredFields) {
  ASSERT_TRUE(manager().create_order("ORD-MIN", "CUST-1", "Jane Roe", {{"Tea", 1, 2.00}}, 2.00));
  const Order order = must_get("ORD-MIN");
  EXPECT_EQ(order.conversation_id, std::nullopt);
  EXPECT_EQ(order.estimated_ready_time, std::nullopt);
  EXPECT_EQ(order.metadata, json::object());
  EXPECT_EQ(order.total_price, cents(200));
}

TEST_F(Conformance, CreateFromANewOrderValue) {
  NewOrder request;
  request.order_id = "ORD-NEW";
  request.customer_id = "CUST-9";
  request.customer_name = "Ann Lee";
  request.items = {{"Bagel", 3, 1.25}};
  request.total_price = 3.75;
  request.conversation_id = "CONV-1";
  request.estimated_ready_time = "2024-11-22T15:30:00+01:00";
  request.metadata = {{"channel", "chat"}};
  ASSERT_TRUE(manager().create_order(request));
  const Order order = must_get("ORD-NEW");
  EXPECT_EQ(order.items, (std::vector<OrderItem>{{"Bagel", 3, cents(125), cents(375)}}));
  EXPECT_EQ(order.total_price, cents(375));
  EXPECT_EQ(order.estimated_ready_time, std::optional<std::string>("2024-11-22T15:30:00+01:00"));
  EXPECT_EQ(order.metadata, (json{{"channel", "chat"}}));
}

// Issue 17 item 4: an amount that is not whole cents is refused, never rounded: the spec's floats
// (0.1 + 0.2 is 0.30000000000000004, its shortest decimal has 17 decimals; the implicit
// conversion names the field "amount") and exact decimals from JSON (named by field).
TEST_F(Conformance, SubCentAmountsAreRefusedNotRounded) {
  expect_rejected_on_empty("amount", [&] { manager().create_order("ORD-SUB", "CUST-1", "Jane", {{"Tea", 1, 2.00}}, 0.1 + 0.2); });
  expect_rejected_on_empty("amount", [&] { manager().create_order("ORD-SUB", "CUST-1", "Jane", {{"Tea", 1, 0.005}}, 2.00); });
  const auto from_json = [&](const char* total, const char* unit_price) {
    manager().create_order(managers::new_order_from_json(json{
        {"order_id", "ORD-SUB"}, {"customer_id", "C"}, {"customer_name", "Jane"}, {"total_price", json::parse(total)},
        {"items", json::array({{{"item_name", "Tea"}, {"quantity", 1}, {"unit_price", json::parse(unit_price)}}})}}));
  };
  expect_rejected_on_empty("total_price", [&] { from_json(R"("3.555")", "2.0"); });
  expect_rejected_on_empty("total_price", [&] { from_json("16.999", "2.0"); });
  expect_rejected_on_empty("items[0].unit_price", [&] { from_json("2.0", R"("0.005")"); });
  ASSERT_NO_THROW(from_json(R"("3.500")", "3.5"));  // trailing zeros are exact
  EXPECT_EQ(must_get("ORD-SUB").total_price, cents(350));
}

// Issue 17 item 7: identifiers and names are stored as given, so they may not start or end with
// whitespace (they are refused, not trimmed) and must hold a visible character.
TEST_F(Conformance, IdentifiersAndNamesWithSpaceAtTheEndsOrNothingVisibleAreRefused) {
  expect_rejected_on_empty("order_id", [&] { manager().create_order(" Q5 ", "CUST-1", "Jane", {{"Tea", 1, 2.00}}, 2.00); });
  expect_rejected_on_empty("customer_id", [&] { manager().create_order("Q5", "CUST-1\n", "Jane", {{"Tea", 1, 2.00}}, 2.00); });
  expect_rejected_on_empty("customer_name", [&] { manager().create_order("Q5", "C", "Jane\u3000", {{"Tea", 1, 2.00}}, 2.00); });
  expect_rejected_on_empty("customer_name", [&] { manager().create_order("Q5", "C", "\u202e", {{"Tea", 1, 2.00}}, 2.00); });
  expect_rejected_on_empty("customer_name", [&] { manager().create_order("Q5", "C", "\u200b\u2066", {{"Tea", 1, 2.00}}, 2.00); });
  expect_rejected_on_empty("items[0].item_name", [&] { manager().create_order("Q5", "C", "Jane", {{" Tea", 1, 2.00}}, 2.00); });
  expect_rejected_on_empty("conversation_id", [&] {
    manager().create_order("Q5", "C", "Jane", {{"Tea", 1, 2.00}}, 2.00, std::string("CONV "));
  });
  Order imported;
  imported.order_id = "Q5 ";
  imported.customer_id = "C";
  imported.customer_name = "Jane";
  imported.total_price = cents(200);
  imported.items = {{"Tea", 1, cents(200), cents(200)}};
  imported.created_at = imported.updated_at = "2026-01-01T00:00:00.000000Z";
  imported.status_history = {{OrderStatus::PENDING, imported.created_at}};
  expect_rejected_on_empty("order_id", [&] { manager().import_order(imported); });
  // Inside a name, spaces and marks are fine.
  ASSERT_TRUE(manager().create_order("Q5", "C", "Jane  van\u00a0Dam \u2603\ufe0f", {{"Tea", 1, 2.00}}, 2.00));
}

TEST_F(Conformance, GetOrderOfAnUnknownIdIsEmpty) { EXPECT_EQ(manager().get_order("NOPE"), std::nullopt); }

TEST_F(Conformance, MoneyIsKeptExactly) {
  // Binary floats that are not exact (0.1, 0.2): their shortest decimal is what counts.
  ASSERT_TRUE(manager().create_order("ORD-CENTS", "CUST-1", "Jane Roe", {{"Mint", 3, 0.1}, {"Gum", 1, 0.2}}, 0.5));
  Order order = must_get("ORD-CENTS");
  EXPECT_EQ(order.items[0], (OrderItem{"Mint", 3, cents(10), cents(30)}));
  EXPECT_EQ(order.items[1], (OrderItem{"Gum", 1, cents(20), cents(20)}));
  EXPECT_EQ(order.total_price, cents(50));

  // The largest accepted amounts survive storage exactly.
  const Money max_unit = cents(managers::limits::kMaxUnitPriceCents);
  const Money max_total = cents(managers::limits::kMaxTotalPriceCents);
  ASSERT_TRUE(manager().create_order("ORD-BIG", "CUST-1", "Jane Roe",
                                     {{"Yacht", managers::limits::kMaxQuantity, max_unit}}, max_total));
  order = must_get("ORD-BIG");
  EXPECT_EQ(order.total_price, max_total);
  EXPECT_EQ(order.items[0].unit_price, max_unit);
  EXPECT_EQ(order.items[0].subtotal, max_unit.times(managers::limits::kMaxQuantity));

  ASSERT_TRUE(manager().create_order("ORD-FREE", "CUST-1", "Jane Roe", {{"Water", 1, 0.0}}, 0.0));
  EXPECT_EQ(must_get("ORD-FREE").total_price, cents(0));
}

TEST_F(Conformance, UnicodeTextRoundTrips) {
  ASSERT_TRUE(manager().create_order("ORD-ÜNI-☕", "CUST-日本", "Zoë Ångström 李", {{"Café crème ☕", 1, 4.20}},
                                     4.20, "CONV-ñ"));
  const Order order = must_get("ORD-ÜNI-☕");
  EXPECT_EQ(order.customer_id, "CUST-日本");
  EXPECT_EQ(order.customer_name, "Zoë Ångström 李");
  EXPECT_EQ(order.items[0].item_name, "Café crème ☕");
  EXPECT_EQ(order.conversation_id, std::optional<std::string>("CONV-ñ"));
  EXPECT_EQ(ids_of(manager().get_customer_orders("Zoë Ångström 李")), std::vector<std::string>{"ORD-ÜNI-☕"});
  EXPECT_TRUE(manager().get_customer_last_order("CUST-日本").has_value());
}

TEST_F(Conformance, DuplicateCreateReturnsFalseAndLeavesTheStoredOrderUntouched) {
  ASSERT_TRUE(create_spec_order());
  const Order original = must_get("ORD-001");
  EXPECT_FALSE(manager().create_order("ORD-001", "CUST-999", "Someone Else", {{"Steak", 5, 30.00}}, 150.00,
                                      "CONV-X", "2030-01-01T00:00:00", json{{"table", "9"}}));
  EXPECT_EQ(must_get("ORD-001"), original);
  EXPECT_EQ(manager().get_order_statistics().total_orders, 1);
  EXPECT_TRUE(manager().get_customer_orders("Someone Else").empty());
}

TEST_F(Conformance, StatusStartsPendingWithOneHistoryEntry) {
  ASSERT_TRUE(create_spec_order());
  const Order order = must_get("ORD-001");
  EXPECT_EQ(order.status, OrderStatus::PENDING);
  EXPECT_EQ(order.status_history, (std::vector<StatusChange>{{OrderStatus::PENDING, order.created_at}}));
}

TEST_F(Conformance, TimestampsAreUtcIso8601EndingInZ) {
  ASSERT_TRUE(create_spec_order());
  ASSERT_TRUE(manager().update_order_status("ORD-001", OrderStatus::CONFIRMED));
  const Order order = must_get("ORD-001");
  EXPECT_TRUE(is_utc_timestamp(order.created_at)) << order.created_at;
  EXPECT_TRUE(is_utc_timestamp(order.updated_at)) << order.updated_at;
  for (const StatusChange& change : order.status_history)
    EXPECT_TRUE(is_utc_timestamp(change.changed_at)) << change.changed_at;
  EXPECT_TRUE(managers::domain::parse_iso8601_micros(order.created_at).has_value());
  EXPECT_GT(order.updated_at, order.created_at);
}

// ------------------------------------------------------------------ validation

TEST_F(Conformance, InvalidIdentifiersAndNamesAreRejectedNamingTheField) {
  const std::vector<OrderItemInput> items = {{"Tea", 1, 2.00}};
  expect_rejected_on_empty("order_id", [&] { manager().create_order("", "CUST-1", "Jane", items, 2.00); });
  expect_rejected_on_empty("order_id", [&] { manager().create_order("   ", "CUST-1", "Jane", items, 2.00); });
  expect_rejected_on_empty("customer_id", [&] { manager().create_order("ORD-1", "", "Jane", items, 2.00); });
  expect_rejected_on_empty("customer_name", [&] { manager().create_order("ORD-1", "CUST-1", "", items, 2.00); });
  expect_rejected_on_empty("customer_name",
                           [&] { manager().create_order("ORD-1", "CUST-1", "Jane\nDoe", items, 2.00); });
  expect_rejected_on_empty("customer_name",
                           [&] { manager().create_order("ORD-1", "CUST-1", "Bad \xff UTF-8", items, 2.00); });
  expect_rejected_on_empty("conversation_id",
                           [&] { manager().create_order("ORD-1", "CUST-1", "Jane", items, 2.00, ""); });
  expect_rejected_on_empty("items[0].item_name",
                           [&] { manager().create_order("ORD-1", "CUST-1", "Jane", {{"", 1, 2.00}}, 2.00); });
}

TEST_F(Conformance, InvalidItemsAreRejectedNamingTheField) {
  expect_rejected_on_empty("items", [&] { manager().create_order("ORD-1", "CUST-1", "Jane", {}, 2.00); });
  expect_rejected_on_empty("items[0].quantity",
                           [&] { manager().create_order("ORD-1", "CUST-1", "Jane", {{"Tea", 0, 2.00}}, 2.00); });
  expect_rejected_on_empty("items[1].quantity", [&] {
    manager().create_order("ORD-1", "CUST-1", "Jane", {{"Tea", 1, 2.00}, {"Cake", -2, 3.00}}, 2.00);
  });
  expect_rejected_on_empty("items[0].unit_price",
                           [&] { manager().create_order("ORD-1", "CUST-1", "Jane", {{"Tea", 1, -0.01}}, 2.00); });
  expect_rejected_on_empty("total_price",
                           [&] { manager().create_order("ORD-1", "CUST-1", "Jane", {{"Tea", 1, 2.00}}, -2.00); });
}

TEST_F(Conformance, NonFinitePricesAreRejectedAndWriteNothing) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_THROW(manager().create_order("ORD-1", "CUST-1", "Jane", {{"Tea", 1, Money(nan)}}, 2.00), ValidationError);
  EXPECT_THROW(manager().create_order("ORD-1", "CUST-1", "Jane", {{"Tea", 1, Money(inf)}}, 2.00), ValidationError);
  EXPECT_THROW(manager().create_order("ORD-1", "CUST-1", "Jane", {{"Tea", 1, 2.00}}, Money(-inf)), ValidationError);
  EXPECT_THROW(manager().create_order("ORD-1", "CUST-1", "Jane", {{"Tea", 1, 2.00}}, Money(nan)), ValidationError);
  EXPECT_EQ(manager().get_order("ORD-1"), std::nullopt);
  EXPECT_EQ(manager().get_order_statistics().total_orders, 0);
}

TEST_F(Conformance, MalformedReadyTimesAreRejected) {
  const std::vector<OrderItemInput> items = {{"Tea", 1, 2.00}};
  for (const char* bad : {"tomorrow", "2024-13-01T00:00:00", "2023-02-29T10:00:00", "2024-11-22 25:00:00",
                          "2024-11-22T15:30:00+25:00", "", "2024-11-22T15:30:00 extra"})
    expect_rejected_on_empty("estimated_ready_time", [&] {
      manager().create_order("ORD-1", "CUST-1", "Jane", items, 2.00, std::nullopt, std::string(bad));
    });
  // The accepted forms are kept exactly as given.
  int n = 0;
  for (const char* good : {"2024-11-22T15:30:00", "2024-11-22T15:30:00Z", "2024-11-22T15:30:00+01:00",
                           "2024-02-29T10:00:00.5", "2024-11-22T15:30"}) {
    const std::string id = "ORD-OK-" + std::to_string(n++);
    ASSERT_TRUE(manager().create_order(id, "CUST-1", "Jane", items, 2.00, std::nullopt, std::string(good)));
    EXPECT_EQ(must_get(id).estimated_ready_time, std::optional<std::string>(good));
  }
}

TEST_F(Conformance, MetadataThatIsNotAnObjectIsRejected) {
  const std::vector<OrderItemInput> items = {{"Tea", 1, 2.00}};
  for (const json& bad : {json::array({1, 2}), json("table 5"), json(5), json(true)})
    expect_rejected_on_empty("metadata", [&] {
      manager().create_order("ORD-1", "CUST-1", "Jane", items, 2.00, std::nullopt, std::nullopt, bad);
    });
  expect_rejected_on_empty("metadata", [&] {
    manager().create_order("ORD-1", "CUST-1", "Jane", items, 2.00, std::nullopt, std::nullopt,
                           json{{"note", "bad \xff UTF-8"}});
  });
  // null means "no metadata".
  ASSERT_TRUE(manager().create_order("ORD-NULL", "CUST-1", "Jane", items, 2.00, std::nullopt, std::nullopt, nullptr));
  EXPECT_EQ(must_get("ORD-NULL").metadata, json::object());
}

TEST_F(Conformance, SizesBeyondTheDocumentedLimitsAreRejected) {
  namespace limits = managers::limits;
  const std::vector<OrderItemInput> items = {{"Tea", 1, 2.00}};
  const std::string long_id(limits::kMaxIdBytes + 1, 'i');
  const std::string long_name(limits::kMaxNameBytes + 1, 'n');
  expect_rejected_on_empty("order_id", [&] { manager().create_order(long_id, "CUST-1", "Jane", items, 2.00); });
  expect_rejected_on_empty("customer_id", [&] { manager().create_order("ORD-1", long_id, "Jane", items, 2.00); });
  expect_rejected_on_empty("conversation_id",
                           [&] { manager().create_order("ORD-1", "CUST-1", "Jane", items, 2.00, long_id); });
  expect_rejected_on_empty("customer_name",
                           [&] { manager().create_order("ORD-1", "CUST-1", long_name, items, 2.00); });
  expect_rejected_on_empty("items[0].item_name",
                           [&] { manager().create_order("ORD-1", "CUST-1", "Jane", {{long_name, 1, 2.00}}, 2.00); });
  expect_rejected_on_empty("items", [&] {
    manager().create_order("ORD-1", "CUST-1", "Jane",
                           std::vector<OrderItemInput>(limits::kMaxItems + 1, {"Tea", 1, 2.00}), 2.00);
  });
  expect_rejected_on_empty("items[0].quantity", [&] {
    manager().create_order("ORD-1", "CUST-1", "Jane", {{"Tea", limits::kMaxQuantity + 1, 2.00}}, 2.00);
  });
  expect_rejected_on_empty("items[0].unit_price", [&] {
    manager().create_order("ORD-1", "CUST-1", "Jane", {{"Tea", 1, cents(limits::kMaxUnitPriceCents + 1)}}, 2.00);
  });
  expect_rejected_on_empty("total_price", [&] {
    manager().create_order("ORD-1", "CUST-1", "Jane", items, cents(limits::kMaxTotalPriceCents + 1));
  });
  // {"k":"xxx..."} is 8 bytes plus the string.
  const json too_big = {{"k", std::string(limits::kMaxMetadataBytes - 7, 'x')}};
  expect_rejected_on_empty("metadata", [&] {
    manager().create_order("ORD-1", "CUST-1", "Jane", items, 2.00, std::nullopt, std::nullopt, too_big);
  });

  // Exactly at each limit is accepted and stored whole.
  const std::string max_id(limits::kMaxIdBytes, 'i');
  const std::string max_name(limits::kMaxNameBytes, 'n');
  const json max_metadata = {{"k", std::string(limits::kMaxMetadataBytes - 8, 'x')}};
  ASSERT_EQ(max_metadata.dump().size(), limits::kMaxMetadataBytes);
  ASSERT_TRUE(manager().create_order(max_id, max_id, max_name,
                                     std::vector<OrderItemInput>(limits::kMaxItems, {max_name, 1, 2.00}), 2.00,
                                     max_id, std::nullopt, max_metadata));
  const Order order = must_get(max_id);
  EXPECT_EQ(order.customer_name, max_name);
  EXPECT_EQ(order.items.size(), limits::kMaxItems);
  EXPECT_EQ(order.metadata, max_metadata);
}

TEST_F(Conformance, InvalidQueryArgumentsAreRejectedNamingTheField) {
  expect_rejected_on_empty("order_id", [&] { manager().get_order(""); });
  expect_rejected_on_empty("order_id", [&] { manager().delete_order(""); });
  expect_rejected_on_empty("order_id", [&] { manager().update_order_status("", OrderStatus::CONFIRMED); });
  expect_rejected_on_empty("customer_name", [&] { manager().get_customer_orders(""); });
  expect_rejected_on_empty("customer_id", [&] { manager().get_customer_last_order(""); });
  expect_rejected_on_empty("limit", [&] { manager().get_customer_orders("Jane", 0); });
  expect_rejected_on_empty("limit", [&] { manager().get_customer_orders("Jane", -1); });
  expect_rejected_on_empty("limit", [&] { manager().get_orders_by_status(OrderStatus::PENDING, 0); });
  expect_rejected_on_empty("page_size", [&] { manager().list_orders("", 0); });
  expect_rejected_on_empty("page_size", [&] { manager().list_orders("", managers::limits::kMaxPageSize + 1); });
}

// ------------------------------------------------------------ customer queries

TEST_F(Conformance, CustomerOrdersAreNewestFirstWithFullItems) {
  for (int i = 1; i <= 3; ++i) ASSERT_TRUE(create_simple("A-" + std::to_string(i), "CUST-A", "Alice", 100 * i));
  ASSERT_TRUE(create_simple("B-1", "CUST-B", "Bob"));
  const std::vector<Order> orders = manager().get_customer_orders("Alice");
  EXPECT_EQ(ids_of(orders), (std::vector<std::string>{"A-3", "A-2", "A-1"}));
  for (const Order& order : orders) {
    ASSERT_EQ(order.items.size(), 1u);
    EXPECT_EQ(order.items[0].subtotal, order.total_price);
    EXPECT_EQ(order, must_get(order.order_id));
  }
  EXPECT_EQ(ids_of(manager().get_customer_orders("Alice", 10)), (std::vector<std::string>{"A-3", "A-2", "A-1"}));
  EXPECT_EQ(ids_of(manager().get_customer_orders("Alice", 1)), (std::vector<std::string>{"A-3"}));
}

TEST_F(Conformance, CustomerOrdersFilterByStatusBeforeTheLimit) {
  for (int i = 1; i <= 5; ++i) ASSERT_TRUE(create_simple("A-" + std::to_string(i), "CUST-A", "Alice"));
  ASSERT_TRUE(manager().update_order_status("A-5", OrderStatus::CANCELLED));
  ASSERT_TRUE(manager().update_order_status("A-4", OrderStatus::CANCELLED));

  EXPECT_EQ(ids_of(manager().get_customer_orders("Alice", 2, OrderStatus::PENDING)),
            (std::vector<std::string>{"A-3", "A-2"}));
  EXPECT_EQ(ids_of(manager().get_customer_orders("Alice", 2)), (std::vector<std::string>{"A-5", "A-4"}));
  EXPECT_EQ(ids_of(manager().get_customer_orders("Alice", std::nullopt, OrderStatus::CANCELLED)),
            (std::vector<std::string>{"A-5", "A-4"}));
  EXPECT_EQ(ids_of(manager().get_customer_orders("Alice", std::nullopt, OrderStatus::PENDING)),
            (std::vector<std::string>{"A-3", "A-2", "A-1"}));
  EXPECT_TRUE(manager().get_customer_orders("Alice", std::nullopt, OrderStatus::COMPLETED).empty());
}

TEST_F(Conformance, CustomerOrdersMatchTheExactCustomerName) {
  ASSERT_TRUE(create_simple("A-1", "CUST-A", "Alice"));
  ASSERT_TRUE(create_simple("A-2", "CUST-A2", "Alice Smith"));
  ASSERT_TRUE(create_simple("A-3", "CUST-A3", "alice"));
  EXPECT_EQ(ids_of(manager().get_customer_orders("Alice")), std::vector<std::string>{"A-1"});
  EXPECT_EQ(ids_of(manager().get_customer_orders("alice")), std::vector<std::string>{"A-3"});
  EXPECT_TRUE(manager().get_customer_orders("Alic").empty());
  // No stored name ends with a space (issue 17), so such a lookup is refused, saying why.
  EXPECT_THROW(manager().get_customer_orders("Alice "), ValidationError);
  EXPECT_TRUE(manager().get_customer_orders("CUST-A").empty());  // a customer id is not a name
  EXPECT_TRUE(manager().get_customer_orders("Nobody").empty());
}

TEST_F(Conformance, CustomerLastOrderLooksUpTheCustomerId) {
  EXPECT_EQ(manager().get_customer_last_order("CUST-A"), std::nullopt);
  ASSERT_TRUE(create_simple("A-1", "CUST-A", "Alice"));
  ASSERT_TRUE(create_simple("A-2", "CUST-A", "Alice"));
  ASSERT_TRUE(create_simple("B-1", "CUST-B", "Bob"));
  const std::optional<Order> last = manager().get_customer_last_order("CUST-A");
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(last->order_id, "A-2");
  EXPECT_EQ(*last, must_get("A-2"));

  // A customer *name* is not an id ...
  EXPECT_EQ(manager().get_customer_last_order("Alice"), std::nullopt);
  // ... even when another customer's id equals it.
  ASSERT_TRUE(create_simple("Z-1", "Alice", "Zed"));
  const std::optional<Order> by_id = manager().get_customer_last_order("Alice");
  ASSERT_TRUE(by_id.has_value());
  EXPECT_EQ(by_id->order_id, "Z-1");
}

TEST_F(Conformance, TiesOnCreationTimeAreBrokenByOrderId) {
  const std::string same_time = "2024-05-01T12:00:00.000000Z";
  for (const char* id : {"T-2", "T-3", "T-1"}) ASSERT_TRUE(manager().import_order(complete_order(id, same_time)));
  EXPECT_EQ(ids_of(manager().get_customer_orders("Imported Customer")),
            (std::vector<std::string>{"T-3", "T-2", "T-1"}));
  EXPECT_EQ(ids_of(manager().get_orders_by_status(OrderStatus::PENDING)),
            (std::vector<std::string>{"T-1", "T-2", "T-3"}));
  EXPECT_EQ(manager().get_customer_last_order("CUST-IMP")->order_id, "T-3");
}

// --------------------------------------------------------------- status queue

TEST_F(Conformance, OrdersByStatusAreOldestFirstWithALimit) {
  for (int i = 1; i <= 5; ++i) ASSERT_TRUE(create_simple("Q-" + std::to_string(i), "CUST-" + std::to_string(i), "C"));
  ASSERT_TRUE(manager().update_order_status("Q-2", OrderStatus::PREPARING));
  ASSERT_TRUE(manager().update_order_status("Q-4", OrderStatus::PREPARING));

  EXPECT_EQ(ids_of(manager().get_orders_by_status(OrderStatus::PENDING)),
            (std::vector<std::string>{"Q-1", "Q-3", "Q-5"}));
  EXPECT_EQ(ids_of(manager().get_orders_by_status(OrderStatus::PENDING, 2)), (std::vector<std::string>{"Q-1", "Q-3"}));
  EXPECT_EQ(ids_of(manager().get_orders_by_status(OrderStatus::PREPARING)), (std::vector<std::string>{"Q-2", "Q-4"}));
  EXPECT_TRUE(manager().get_orders_by_status(OrderStatus::READY).empty());
  const std::vector<Order> queue = manager().get_orders_by_status(OrderStatus::PREPARING, 1);
  ASSERT_EQ(queue.size(), 1u);
  EXPECT_EQ(queue[0], must_get("Q-2"));
}

// --------------------------------------------------------------------- updates

TEST_F(Conformance, UpdatesOfAMissingOrderReturnFalseAndCreateNothing) {
  ASSERT_TRUE(create_simple("ORD-1", "CUST-1", "Jane", 250));
  const OrderStatistics before = manager().get_order_statistics();
  EXPECT_FALSE(manager().update_order_status("GHOST", OrderStatus::CONFIRMED));
  EXPECT_FALSE(manager().update_order_status("GHOST", OrderStatus::PENDING));
  EXPECT_FALSE(manager().update_order_ready_time("GHOST", kSpecReadyTime));
  EXPECT_EQ(manager().get_order("GHOST"), std::nullopt);
  EXPECT_EQ(manager().get_order_statistics(), before);
  EXPECT_EQ(ids_of(all_orders()), std::vector<std::string>{"ORD-1"});
}

TEST_F(Conformance, TheLifecycleAppendsEveryChangeToTheHistory) {
  ASSERT_TRUE(create_spec_order());
  const std::vector<OrderStatus> path = {OrderStatus::CONFIRMED, OrderStatus::PREPARING, OrderStatus::READY,
                                         OrderStatus::PREPARING,  // staff correct a mistake
                                         OrderStatus::READY, OrderStatus::COMPLETED};
  std::string previous_update = must_get("ORD-001").updated_at;
  for (OrderStatus status : path) {
    ASSERT_TRUE(manager().update_order_status("ORD-001", status));
    const Order order = must_get("ORD-001");
    EXPECT_EQ(order.status, status);
    EXPECT_GT(order.updated_at, previous_update);
    EXPECT_EQ(order.status_history.back(), (StatusChange{status, order.updated_at}));
    previous_update = order.updated_at;
  }
  const Order done = must_get("ORD-001");
  std::vector<OrderStatus> expected = {OrderStatus::PENDING};
  expected.insert(expected.end(), path.begin(), path.end());
  EXPECT_EQ(statuses_of(done.status_history), expected);
  for (std::size_t i = 1; i < done.status_history.size(); ++i)
    EXPECT_LT(done.status_history[i - 1].changed_at, done.status_history[i].changed_at);
  // The rest of the order is untouched by status changes.
  EXPECT_EQ(done.items.size(), 2u);
  EXPECT_EQ(done.total_price, cents(1699));
  EXPECT_EQ(done.metadata, (json{{"table", "5"}}));
}

TEST_F(Conformance, CompletedAndCancelledAreFinal) {
  ASSERT_TRUE(create_simple("DONE", "CUST-1", "Jane"));
  ASSERT_TRUE(manager().update_order_status("DONE", OrderStatus::COMPLETED));
  ASSERT_TRUE(create_simple("GONE", "CUST-1", "Jane"));
  ASSERT_TRUE(manager().update_order_status("GONE", OrderStatus::CANCELLED));
  const Order done = must_get("DONE");
  const Order gone = must_get("GONE");
  for (OrderStatus status : managers::kAllOrderStatuses) {
    if (status != OrderStatus::COMPLETED) {
      EXPECT_FALSE(manager().update_order_status("DONE", status));
    }
    if (status != OrderStatus::CANCELLED) {
      EXPECT_FALSE(manager().update_order_status("GONE", status));
    }
  }
  EXPECT_EQ(must_get("DONE"), done);
  EXPECT_EQ(must_get("GONE"), gone);
  // Setting the final status again is the usual no-op.
  EXPECT_TRUE(manager().update_order_status("DONE", OrderStatus::COMPLETED));
  EXPECT_TRUE(manager().update_order_status("GONE", OrderStatus::CANCELLED));
  EXPECT_EQ(must_get("DONE"), done);
  EXPECT_EQ(must_get("GONE"), gone);
}

TEST_F(Conformance, ChangeOutcomesTellNotFoundUnchangedChangedAndRefusedApart) {
  using managers::UpdateOutcome;
  ASSERT_TRUE(create_simple("ORD-1", "CUST-1", "Jane"));
  EXPECT_EQ(manager().change_order_status("GHOST", OrderStatus::CONFIRMED).outcome, UpdateOutcome::kNotFound);
  EXPECT_EQ(manager().change_order_status("GHOST", OrderStatus::CONFIRMED).status, std::nullopt);
  EXPECT_EQ(manager().change_order_ready_time("GHOST", kSpecReadyTime), UpdateOutcome::kNotFound);
  EXPECT_EQ(manager().get_order("GHOST"), std::nullopt);

  const managers::StatusChangeResult same = manager().change_order_status("ORD-1", OrderStatus::PENDING);
  EXPECT_EQ(same.outcome, UpdateOutcome::kUnchanged);
  EXPECT_TRUE(same.succeeded());
  const managers::StatusChangeResult moved = manager().change_order_status("ORD-1", OrderStatus::CANCELLED);
  EXPECT_EQ(moved.outcome, UpdateOutcome::kChanged);
  EXPECT_EQ(moved.status, OrderStatus::CANCELLED);
  const Order cancelled = must_get("ORD-1");
  const managers::StatusChangeResult refused = manager().change_order_status("ORD-1", OrderStatus::PREPARING);
  EXPECT_EQ(refused.outcome, UpdateOutcome::kRefusedFinal);
  EXPECT_FALSE(refused.succeeded());
  EXPECT_EQ(refused.status, OrderStatus::CANCELLED);  // the status that refused it
  EXPECT_EQ(must_get("ORD-1"), cancelled);

  EXPECT_EQ(manager().change_order_ready_time("ORD-1", kSpecReadyTime), UpdateOutcome::kChanged);
  EXPECT_EQ(manager().change_order_ready_time("ORD-1", kSpecReadyTime), UpdateOutcome::kUnchanged);
}

TEST_F(Conformance, ConditionalStatusChangeHappensOnlyFromTheAllowedStatuses) {
  using managers::UpdateOutcome;
  const std::vector<OrderStatus> not_started = {OrderStatus::PENDING, OrderStatus::CONFIRMED};
  ASSERT_TRUE(create_simple("ORD-1", "CUST-1", "Jane"));
  ASSERT_TRUE(manager().update_order_status("ORD-1", OrderStatus::PREPARING));
  const Order preparing = must_get("ORD-1");
  const managers::StatusChangeResult refused =
      manager().change_order_status_from("ORD-1", not_started, OrderStatus::CANCELLED);
  EXPECT_EQ(refused.outcome, UpdateOutcome::kRefusedFrom);
  EXPECT_EQ(refused.status, OrderStatus::PREPARING);
  EXPECT_EQ(must_get("ORD-1"), preparing);

  ASSERT_TRUE(create_simple("ORD-2", "CUST-1", "Jane"));
  const managers::StatusChangeResult done =
      manager().change_order_status_from("ORD-2", not_started, OrderStatus::CANCELLED);
  EXPECT_EQ(done.outcome, UpdateOutcome::kChanged);
  EXPECT_EQ(must_get("ORD-2").status, OrderStatus::CANCELLED);
  // Already there: unchanged, whatever `from` says; a final order still refuses as final.
  EXPECT_EQ(manager().change_order_status_from("ORD-2", not_started, OrderStatus::CANCELLED).outcome,
            UpdateOutcome::kUnchanged);
  EXPECT_EQ(manager().change_order_status_from("ORD-2", {OrderStatus::CANCELLED}, OrderStatus::PENDING).outcome,
            UpdateOutcome::kRefusedFinal);
  EXPECT_EQ(manager().change_order_status_from("GHOST", not_started, OrderStatus::CANCELLED).outcome,
            UpdateOutcome::kNotFound);
}

TEST_F(Conformance, ConditionalCancelRacingTheKitchenNeverCancelsAStartedOrder) {
  // A customer's cancel (allowed only before work starts) against staff starting the order:
  // whichever wins, a cancelled order was never Being prepared before it was cancelled.
  constexpr int kRounds = 10;
  const std::vector<OrderStatus> not_started = {OrderStatus::PENDING, OrderStatus::CONFIRMED};
  for (int round = 0; round < kRounds; ++round) {
    const std::string id = "RACE-" + std::to_string(round);
    ASSERT_TRUE(create_simple(id, "CUST-1", "Jane"));
    std::latch start(2);
    managers::StatusChangeResult cancel;
    bool started = false;
    std::thread customer([&] {
      start.arrive_and_wait();
      cancel = manager().change_order_status_from(id, not_started, OrderStatus::CANCELLED);
    });
    std::thread kitchen([&] {
      start.arrive_and_wait();
      started = manager().update_order_status(id, OrderStatus::PREPARING);
    });
    customer.join();
    kitchen.join();
    const Order order = must_get(id);
    ASSERT_NE(cancel.outcome == managers::UpdateOutcome::kChanged, started) << id;  // exactly one wins
    EXPECT_EQ(order.status, started ? OrderStatus::PREPARING : OrderStatus::CANCELLED);
    EXPECT_EQ(order.status_history.size(), 2u);
    if (!started) EXPECT_EQ(cancel.outcome, managers::UpdateOutcome::kChanged);
    else EXPECT_EQ(cancel.outcome, managers::UpdateOutcome::kRefusedFrom);
  }
}

TEST_F(Conformance, SettingTheCurrentStatusIsANoOpReturningTrue) {
  ASSERT_TRUE(create_spec_order());
  const Order created = must_get("ORD-001");
  EXPECT_TRUE(manager().update_order_status("ORD-001", OrderStatus::PENDING));
  EXPECT_EQ(must_get("ORD-001"), created);

  ASSERT_TRUE(manager().update_order_status("ORD-001", OrderStatus::CONFIRMED));
  const Order confirmed = must_get("ORD-001");
  EXPECT_TRUE(manager().update_order_status("ORD-001", OrderStatus::CONFIRMED));
  EXPECT_EQ(must_get("ORD-001"), confirmed);
  EXPECT_EQ(confirmed.status_history.size(), 2u);
}

TEST_F(Conformance, UpdateReadyTimeSetsItAsGivenAndValidates) {
  ASSERT_TRUE(create_spec_order());
  const Order created = must_get("ORD-001");

  ASSERT_TRUE(manager().update_order_ready_time("ORD-001", "2024-11-22T16:05:00+01:00"));
  const Order updated = must_get("ORD-001");
  EXPECT_EQ(updated.estimated_ready_time, std::optional<std::string>("2024-11-22T16:05:00+01:00"));
  EXPECT_GT(updated.updated_at, created.updated_at);
  EXPECT_EQ(updated.status_history, created.status_history);  // not a status change
  EXPECT_EQ(updated.status, OrderStatus::PENDING);

  EXPECT_TRUE(manager().update_order_ready_time("ORD-001", "2024-11-22T16:05:00+01:00"));  // same value: no-op
  EXPECT_EQ(must_get("ORD-001"), updated);

  for (const char* bad : {"tomorrow", "2024-13-01T00:00:00", ""}) {
    try {
      manager().update_order_ready_time("ORD-001", bad);
      ADD_FAILURE() << "accepted " << bad;
    } catch (const ValidationError& error) {
      EXPECT_EQ(error.field(), "estimated_ready_time");
    }
  }
  EXPECT_EQ(must_get("ORD-001"), updated);
}

// ------------------------------------------------------------------ statistics

TEST_F(Conformance, StatisticsOfAnEmptyStore) {
  const OrderStatistics statistics = manager().get_order_statistics();
  EXPECT_EQ(statistics.total_orders, 0);
  EXPECT_EQ(statistics.total_revenue, cents(0));
  EXPECT_TRUE(statistics.status_breakdown.empty());
  EXPECT_EQ(statistics.unique_customers, 0);
}

TEST_F(Conformance, StatisticsCountRevenueExactlyAndExcludeCancelledOrders) {
  ASSERT_TRUE(create_simple("O-1", "C-1", "Ann", 1000));
  ASSERT_TRUE(create_simple("O-2", "C-1", "Ann", 550));
  ASSERT_TRUE(create_simple("O-3", "C-2", "Ben", 225));
  ASSERT_TRUE(create_simple("O-4", "C-3", "Cat", 10000));
  ASSERT_TRUE(manager().update_order_status("O-2", OrderStatus::PREPARING));
  ASSERT_TRUE(manager().update_order_status("O-3", OrderStatus::COMPLETED));
  ASSERT_TRUE(manager().update_order_status("O-4", OrderStatus::CANCELLED));

  OrderStatistics statistics = manager().get_order_statistics();
  EXPECT_EQ(statistics.total_orders, 4);
  EXPECT_EQ(statistics.total_revenue, cents(1775));  // 10.00 + 5.50 + 2.25; the cancelled 100.00 is not revenue
  EXPECT_EQ(statistics.status_breakdown, (std::vector<std::pair<std::string, std::int64_t>>{
                                             {"Pending", 1}, {"Being prepared", 1}, {"Completed", 1}, {"Cancelled", 1}}));
  EXPECT_EQ(statistics.unique_customers, 3);

  // Customers are counted by id: a shared name is two customers, a renamed one is one.
  ASSERT_TRUE(create_simple("O-5", "C-4", "Ann", 1));
  ASSERT_TRUE(create_simple("O-6", "C-1", "Ann Renamed", 1));
  statistics = manager().get_order_statistics();
  EXPECT_EQ(statistics.unique_customers, 4);
  EXPECT_EQ(statistics.total_orders, 6);
  EXPECT_EQ(statistics.total_revenue, cents(1777));
  EXPECT_EQ(statistics.status_breakdown, (std::vector<std::pair<std::string, std::int64_t>>{
                                             {"Pending", 3}, {"Being prepared", 1}, {"Completed", 1}, {"Cancelled", 1}}));
}

TEST_F(Conformance, RevenueNeverSumsBinaryFloats) {
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(manager().create_order("DIME-" + std::to_string(i), "C-1", "Ann", {{"Dime", 1, 0.1}}, 0.1));
  EXPECT_EQ(manager().get_order_statistics().total_revenue, cents(100));  // not 0.9999999999999999
}

// ------------------------------------------------------------ delete and clear

TEST_F(Conformance, DeleteRemovesTheOrderAndItsItems) {
  ASSERT_TRUE(create_spec_order());
  EXPECT_TRUE(manager().delete_order("ORD-001"));
  EXPECT_EQ(manager().get_order("ORD-001"), std::nullopt);
  EXPECT_FALSE(manager().delete_order("ORD-001"));
  EXPECT_FALSE(manager().delete_order("NEVER-EXISTED"));
  EXPECT_EQ(manager().get_order_statistics().total_orders, 0);
  EXPECT_TRUE(manager().get_customer_orders("John Doe").empty());

  // The id is free again, with none of the old items left behind.
  ASSERT_TRUE(manager().create_order("ORD-001", "CUST-002", "Other", {{"Juice", 1, 4.00}}, 4.00));
  EXPECT_EQ(must_get("ORD-001").items, (std::vector<OrderItem>{{"Juice", 1, cents(400), cents(400)}}));
}

TEST_F(Conformance, ClearAllOrdersEmptiesTheStore) {
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(create_simple("C-" + std::to_string(i), "CUST-" + std::to_string(i), "X"));
  manager().clear_all_orders();
  EXPECT_EQ(manager().get_order_statistics(), OrderStatistics{});
  EXPECT_TRUE(all_orders().empty());
  EXPECT_EQ(manager().get_order("C-0"), std::nullopt);
  EXPECT_TRUE(manager().get_customer_orders("X").empty());
  manager().clear_all_orders();  // clearing an empty store is fine
  ASSERT_TRUE(create_simple("C-0", "CUST-0", "X"));
  EXPECT_EQ(manager().get_order_statistics().total_orders, 1);
}

// --------------------------------------------------------------------- summary

TEST_F(Conformance, FormatOrderSummaryIsTheSpecLayout) {
  ASSERT_TRUE(create_spec_order());
  const Order order = must_get("ORD-001");
  EXPECT_EQ(manager().format_order_summary("ORD-001"),
            "ORDER #ORD-001\n"
            "Customer: John Doe (ID: CUST-001)\n"
            "Status: Pending\n"
            "Created: " + order.created_at + "\n"
            "Items:\n"
            "  - Coffee x2 @ $3.50 = $7.00\n"
            "  - Sandwich x1 @ $8.99 = $8.99\n"
            "Total: $16.99\n"
            "Estimated Ready: 2024-11-22T15:30:00");

  ASSERT_TRUE(manager().update_order_status("ORD-001", OrderStatus::PREPARING));
  ASSERT_TRUE(manager().create_order("ORD-002", "CUST-001", "John Doe", {{"Tea", 1, 2.00}}, 2.00));
  EXPECT_NE(manager().format_order_summary("ORD-001").find("\nStatus: Being prepared\n"), std::string::npos);
  EXPECT_EQ(manager().format_order_summary("ORD-002").find("Estimated Ready"), std::string::npos);
}

TEST_F(Conformance, FormatOrderSummaryOfAMissingOrder) {
  EXPECT_EQ(manager().format_order_summary("NOPE"), "Order not found.");
}

// ------------------------------------------------------------------ pagination

TEST_F(Conformance, ListOrdersWalksEveryOrderExactlyOnce) {
  EXPECT_TRUE(manager().list_orders("", 7).orders.empty());
  EXPECT_TRUE(manager().list_orders("", 7).next_page_token.empty());

  std::set<std::string> expected;
  for (int i = 0; i < 25; ++i) {
    const int n = (i * 7) % 25;  // not created in id order
    const std::string id = std::string("L-") + (n < 10 ? "0" : "") + std::to_string(n);
    ASSERT_TRUE(create_simple(id, "CUST-" + std::to_string(i % 4), "Lister", 100 + n));
    expected.insert(id);
  }
  ASSERT_TRUE(manager().update_order_status("L-03", OrderStatus::CANCELLED));

  std::vector<std::string> seen;
  std::string token;
  int pages = 0;
  for (;;) {
    ASSERT_LT(pages, 10) << "too many pages";
    const OrderPage page = manager().list_orders(token, 7);
    ++pages;
    EXPECT_LE(page.orders.size(), 7u);
    for (const Order& order : page.orders) {
      seen.push_back(order.order_id);
      EXPECT_EQ(order, must_get(order.order_id));  // full orders, items included
    }
    if (page.next_page_token.empty()) break;
    token = page.next_page_token;
  }
  // Each order exactly once; the order of the walk is the engine's own.
  EXPECT_EQ(seen.size(), expected.size());
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()), expected);
}

// --------------------------------------------------------- import and replace

TEST_F(Conformance, ImportKeepsTheOrderExactly) {
  Order order = complete_order("IMP-1", "2024-03-01T09:00:00.250000Z", OrderStatus::READY);
  order.updated_at = "2024-03-01T09:20:00.000001Z";
  order.status_history = {{OrderStatus::PENDING, "2024-03-01T09:00:00.250000Z"},
                          {OrderStatus::CONFIRMED, "2024-03-01T09:01:00.000000Z"},
                          {OrderStatus::PREPARING, "2024-03-01T09:05:00.000000Z"},
                          {OrderStatus::READY, "2024-03-01T09:20:00.000001Z"}};
  order.estimated_ready_time = "2024-03-01T09:30:00";
  order.items.push_back({"Gadget", 2, cents(5), cents(10)});
  ASSERT_TRUE(manager().import_order(order));
  EXPECT_EQ(must_get("IMP-1"), order);
  EXPECT_EQ(ids_of(manager().get_orders_by_status(OrderStatus::READY)), std::vector<std::string>{"IMP-1"});

  // An existing id is refused and left as it was.
  Order other = complete_order("IMP-1", "2025-01-01T00:00:00.000000Z");
  other.customer_name = "Somebody Else";
  EXPECT_FALSE(manager().import_order(other));
  EXPECT_EQ(must_get("IMP-1"), order);
}

TEST_F(Conformance, ImportValidatesTheWholeOrder) {
  Order bad_subtotal = complete_order("IMP-BAD", "2024-03-01T09:00:00.000000Z");
  bad_subtotal.items[0].subtotal = cents(1);
  expect_rejected_on_empty("items[0].subtotal", [&] { manager().import_order(bad_subtotal); });

  Order no_history = complete_order("IMP-BAD", "2024-03-01T09:00:00.000000Z");
  no_history.status_history.clear();
  expect_rejected_on_empty("status_history", [&] { manager().import_order(no_history); });

  Order bad_time = complete_order("IMP-BAD", "2024-03-01T09:00:00.000000Z");
  bad_time.created_at = "yesterday";
  expect_rejected_on_empty("created_at", [&] { manager().replace_order(bad_time); });
}

TEST_F(Conformance, ReplaceOrderOverwritesOrInserts) {
  ASSERT_TRUE(create_spec_order());
  Order replacement = complete_order("ORD-001", "2024-03-01T09:00:00.000000Z", OrderStatus::COMPLETED);
  replacement.items = {{"Soup", 1, cents(450), cents(450)}, {"Bread", 2, cents(125), cents(250)},
                       {"Salad", 1, cents(600), cents(600)}};
  replacement.total_price = cents(1300);
  replacement.conversation_id = std::nullopt;
  replacement.estimated_ready_time = std::nullopt;
  replacement.metadata = json::object();
  manager().replace_order(replacement);
  EXPECT_EQ(must_get("ORD-001"), replacement);
  EXPECT_TRUE(manager().get_customer_orders("John Doe").empty());
  EXPECT_EQ(manager().get_order_statistics().total_orders, 1);

  // Fewer items than before: none of the old ones linger.
  replacement.items = {{"Soup", 1, cents(450), cents(450)}};
  manager().replace_order(replacement);
  EXPECT_EQ(must_get("ORD-001").items, replacement.items);

  const Order fresh = complete_order("ORD-NEW", "2024-03-02T09:00:00.000000Z");
  manager().replace_order(fresh);
  EXPECT_EQ(must_get("ORD-NEW"), fresh);
}

// -------------------------------------------------------------------- metadata

TEST_F(Conformance, NestedMetadataRoundTrips) {
  const json metadata = {
      {"table", "5"},
      {"nested", {{"deeper", {{"deepest", json::array({1, 2, 3})}}}, {"empty_object", json::object()}}},
      {"list", json::array({1, -2.5, "three", nullptr, true, false, json::array(), json::object({{"k", "v"}})})},
      {"null", nullptr},
      {"yes", true},
      {"no", false},
      {"int", -42},
      {"big", 9007199254740991LL},
      {"float", 0.1},
      {"exp", 1.5e-7},
      {"unicode", "café ☕ 日本語 \"quoted\" back\\slash tab\t"},
      {"", "empty key"}};
  ASSERT_TRUE(manager().create_order("ORD-META", "CUST-1", "Jane", {{"Tea", 1, 2.00}}, 2.00, std::nullopt,
                                     std::nullopt, metadata));
  const Order order = must_get("ORD-META");
  EXPECT_EQ(order.metadata, metadata) << order.metadata.dump();
  EXPECT_EQ(manager().get_customer_orders("Jane").at(0).metadata, metadata);
}

// ----------------------------------------------------------------- concurrency

TEST_F(Conformance, ConcurrentCreatesOnOneInstanceAllLand) {
  run_threads(kThreads, [this](int t) {
    for (int i = 0; i < kCreatesPerThread; ++i) {
      const std::string id = "T" + std::to_string(t) + "-" + std::to_string(i);
      EXPECT_TRUE(manager().create_order(id, "CUST-" + std::to_string(t), "Thread " + std::to_string(t),
                                         {{"Item", 1, cents(100 + i)}, {"Extra", 2, cents(t)}}, cents(100 + i)));
    }
  });
  std::int64_t revenue = 0;
  for (int t = 0; t < kThreads; ++t)
    for (int i = 0; i < kCreatesPerThread; ++i) {
      const Order order = must_get("T" + std::to_string(t) + "-" + std::to_string(i));
      EXPECT_EQ(order.total_price, cents(100 + i));
      EXPECT_EQ(order.items, (std::vector<OrderItem>{{"Item", 1, cents(100 + i), cents(100 + i)},
                                                     {"Extra", 2, cents(t), cents(2 * t)}}));
      revenue += 100 + i;
    }
  const OrderStatistics statistics = manager().get_order_statistics();
  EXPECT_EQ(statistics.total_orders, kThreads * kCreatesPerThread);
  EXPECT_EQ(statistics.total_revenue, cents(revenue));
  EXPECT_EQ(statistics.unique_customers, kThreads);
  EXPECT_EQ(statistics.status_breakdown,
            (std::vector<std::pair<std::string, std::int64_t>>{{"Pending", kThreads * kCreatesPerThread}}));
  EXPECT_EQ(all_orders().size(), static_cast<std::size_t>(kThreads * kCreatesPerThread));
  EXPECT_EQ(manager().get_customer_orders("Thread 3").size(), static_cast<std::size_t>(kCreatesPerThread));
}

TEST_F(Conformance, RacingCreatesOfOneIdHaveExactlyOneWinner) {
  for (int round = 0; round < 5; ++round) {
    const std::string id = "RACE-" + std::to_string(round);
    std::atomic<int> winners{0};
    std::atomic<int> winner{-1};
    run_threads(kThreads, [&](int t) {
      if (manager().create_order(id, "CUST-" + std::to_string(t), "Racer " + std::to_string(t),
                                 {{"Baton", t + 1, 1.00}}, cents(100 * (t + 1)))) {
        ++winners;
        winner = t;
      }
    });
    ASSERT_EQ(winners.load(), 1) << id;
    const Order order = must_get(id);  // whole, and the winner's
    const int t = winner.load();
    EXPECT_EQ(order.customer_name, "Racer " + std::to_string(t));
    EXPECT_EQ(order.items, (std::vector<OrderItem>{{"Baton", t + 1, cents(100), cents(100 * (t + 1))}}));
    EXPECT_EQ(order.total_price, cents(100 * (t + 1)));
  }
  EXPECT_EQ(manager().get_order_statistics().total_orders, 5);
}

TEST_F(Conformance, ConcurrentUpdatesOfOneOrderLoseNoChange) {
  ASSERT_TRUE(create_spec_order());
  // Two status writers over disjoint pairs of statuses, so every one of their
  // updates is a real change (never a no-op), and one ready-time writer.
  const std::vector<std::pair<OrderStatus, OrderStatus>> pairs = {{OrderStatus::CONFIRMED, OrderStatus::PREPARING},
                                                                  {OrderStatus::READY, OrderStatus::PENDING}};
  std::vector<std::vector<OrderStatus>> written(pairs.size());
  auto ready_time = [](int i) { return "2030-01-01T10:" + std::string(i < 10 ? "0" : "") + std::to_string(i) + ":00"; };
  run_threads(3, [&](int t) {
    for (int i = 0; i < kStatusUpdatesPerThread; ++i) {
      if (t == 2) {
        EXPECT_TRUE(manager().update_order_ready_time("ORD-001", ready_time(i)));
        continue;
      }
      const OrderStatus status = i % 2 == 0 ? pairs[t].first : pairs[t].second;
      EXPECT_TRUE(manager().update_order_status("ORD-001", status));
      written[t].push_back(status);
    }
  });

  const Order order = must_get("ORD-001");
  ASSERT_EQ(order.status_history.size(), 1u + 2 * kStatusUpdatesPerThread);
  EXPECT_EQ(order.status_history[0].status, OrderStatus::PENDING);
  for (std::size_t t = 0; t < pairs.size(); ++t) {
    std::vector<OrderStatus> applied;
    for (std::size_t i = 1; i < order.status_history.size(); ++i) {
      const OrderStatus status = order.status_history[i].status;
      if (status == pairs[t].first || status == pairs[t].second) applied.push_back(status);
    }
    EXPECT_EQ(applied, written[t]) << "writer " << t;
  }
  for (std::size_t i = 1; i < order.status_history.size(); ++i)
    EXPECT_LT(order.status_history[i - 1].changed_at, order.status_history[i].changed_at);
  EXPECT_EQ(order.status, order.status_history.back().status);
  EXPECT_GE(order.updated_at, order.status_history.back().changed_at);
  EXPECT_EQ(order.estimated_ready_time, std::optional<std::string>(ready_time(kStatusUpdatesPerThread - 1)));
  EXPECT_EQ(order.items.size(), 2u);
}

TEST_F(Conformance, ReadersNeverSeeAHalfWrittenOrder) {
  constexpr int kWriters = 2;
  constexpr int kOrdersPerWriter = 30;
  std::atomic<int> writers_done{0};
  std::atomic<long> orders_read{0};
  run_threads(kWriters + 2, [&](int t) {
    if (t < kWriters) {
      for (int i = 0; i < kOrdersPerWriter; ++i) {
        const int item_count = 1 + i % 4;
        std::vector<OrderItemInput> items;
        for (int k = 0; k < item_count; ++k) items.push_back({"Part " + std::to_string(k), 1, cents(100)});
        EXPECT_TRUE(manager().create_order("W" + std::to_string(t) + "-" + std::to_string(i), "CUST-W", "Writer",
                                           items, cents(100 * item_count), std::nullopt, std::nullopt,
                                           json{{"items", item_count}}));
      }
      ++writers_done;
      return;
    }
    // Readers run until both writers have finished, then once more.
    for (bool last = false; !last;) {
      last = writers_done.load() == kWriters;
      const std::vector<Order> orders = manager().get_customer_orders("Writer");
      for (const Order& order : orders) {
        EXPECT_EQ(order.items.size(), order.metadata.at("items").get<std::size_t>()) << order.order_id;
        EXPECT_EQ(order.total_price, cents(100 * static_cast<std::int64_t>(order.items.size())));
      }
      orders_read += static_cast<long>(orders.size());
      if (last) {
        EXPECT_EQ(orders.size(), static_cast<std::size_t>(kWriters * kOrdersPerWriter));
      }
    }
  });
  EXPECT_GT(orders_read.load(), 0);
}

TEST_F(Conformance, RacingDeletesOfOneOrderHaveExactlyOneWinner) {
  ASSERT_TRUE(create_spec_order());
  std::atomic<int> deleted{0};
  run_threads(kThreads, [&](int) {
    if (manager().delete_order("ORD-001")) ++deleted;
  });
  EXPECT_EQ(deleted.load(), 1);
  EXPECT_EQ(manager().get_order("ORD-001"), std::nullopt);
}

}  // namespace
