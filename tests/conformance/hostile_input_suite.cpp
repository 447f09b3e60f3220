// Hostile input, run on every engine like the conformance suite: text that looks like SQL or
// DynamoDB expressions, quotes, many scripts and emoji, embedded NUL and control bytes, very
// long and very many values, numbers that are not numbers or do not fit, malformed times.
// Each is either stored and read back exactly (and found by exactly the queries it should be)
// or refused with a ValidationError naming the field, and then nothing at all is written.

#include <gtest/gtest.h>

#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "conformance/engine_under_test.hpp"
#include "managers/errors.hpp"
#include "managers/limits.hpp"
#include "managers/order.hpp"
#include "managers/order_manager_interface.hpp"
#include "support/all_orders.hpp"

namespace {

using managers::Money;
using managers::Order;
using managers::OrderItemInput;
using managers::OrderManagerInterface;
using managers::OrderStatus;
using managers::ValidationError;
using nlohmann::json;

class HostileInput : public ::testing::Test {
 protected:
  void SetUp() override { manager_ = make_engine_under_test(); }
  OrderManagerInterface& manager() { return *manager_; }

  std::size_t stored_orders() { return testing_support::all_orders(manager()).size(); }

  // `call` throws ValidationError naming `field`, and the store is as empty as before.
  template <typename Call>
  void expect_refused(const std::string& field, Call call) {
    SCOPED_TRACE("field " + field);
    try {
      call();
      ADD_FAILURE() << "accepted input that must be refused (" << field << ")";
    } catch (const ValidationError& error) {
      EXPECT_EQ(error.field(), field) << error.what();
      EXPECT_NE(std::string(error.what()).find(field), std::string::npos) << "the message does not name the field";
    }
    EXPECT_EQ(stored_orders(), 0u);
    EXPECT_EQ(manager().get_order_statistics().total_orders, 0);
  }

  std::unique_ptr<OrderManagerInterface> manager_;
};

// Strings an attacker would try on a SQL store or a DynamoDB expression, and some that trip
// naive escaping or pattern matching.
const std::vector<std::string>& injection_strings() {
  static const std::vector<std::string> strings = {
      "'; DROP TABLE orders; --",
      "Robert'); DELETE FROM order_items; --",
      "\" OR \"1\"=\"1",
      "' OR '1'='1",
      "1 OR 1=1",
      "' UNION SELECT name FROM sqlite_master --",
      "%",
      "_",
      "\\",
      "\\'",
      "#id",
      ":v",
      "attribute_exists(order_id)",
      "customer_id = :c OR :c",
      "${jndi:ldap://example.invalid/a}",
      "<script>alert(1)</script>",
      "{\"S\":\"x\"}",
      "~",
      "~~",
  };
  return strings;
}

TEST_F(HostileInput, InjectionStringsAreStoredAsPlainTextAndMatchOnlyThemselves) {
  const auto& strings = injection_strings();
  for (std::size_t k = 0; k < strings.size(); ++k) {
    const std::string& text = strings[k];
    SCOPED_TRACE(text);
    ASSERT_TRUE(manager().create_order(text, text, text, {{text, 1, Money::from_cents(100 + k)}},
                                       Money::from_cents(100 + k), text, std::nullopt, json{{text, text}}));
  }
  ASSERT_EQ(stored_orders(), strings.size());
  for (std::size_t k = 0; k < strings.size(); ++k) {
    const std::string& text = strings[k];
    SCOPED_TRACE(text);
    const std::optional<Order> order = manager().get_order(text);
    ASSERT_TRUE(order.has_value());
    EXPECT_EQ(order->customer_id, text);
    EXPECT_EQ(order->customer_name, text);
    EXPECT_EQ(order->conversation_id, std::optional<std::string>(text));
    EXPECT_EQ(order->items.at(0).item_name, text);
    EXPECT_EQ(order->metadata, (json{{text, text}}));
    EXPECT_EQ(order->total_price, Money::from_cents(100 + k));
    // A wildcard or a quote matches only the customer of exactly that name or id.
    const std::vector<Order> by_name = manager().get_customer_orders(text);
    ASSERT_EQ(by_name.size(), 1u);
    EXPECT_EQ(by_name[0].order_id, text);
    const std::optional<Order> last = manager().get_customer_last_order(text);
    ASSERT_TRUE(last.has_value());
    EXPECT_EQ(last->order_id, text);
    EXPECT_TRUE(manager().update_order_status(text, OrderStatus::CONFIRMED));
  }
  EXPECT_TRUE(manager().get_customer_orders("' OR '1'='1' --").empty());
  EXPECT_FALSE(manager().get_order("' OR '1'='1' --").has_value());
  EXPECT_EQ(manager().get_orders_by_status(OrderStatus::CONFIRMED).size(), strings.size());
  EXPECT_EQ(manager().get_order_statistics().total_orders, static_cast<std::int64_t>(strings.size()));
  // Deleting one removes exactly that one.
  EXPECT_TRUE(manager().delete_order("%"));
  EXPECT_EQ(stored_orders(), strings.size() - 1);
}

TEST_F(HostileInput, TextInManyScriptsAndEmojiRoundTripsByteForByte) {
  const std::vector<std::string> names = {
      "محمد بن سلمان",          // Arabic, right to left
      "שרה כהן",                // Hebrew
      "अनुज शर्मा",              // Devanagari with combining signs
      "Дмитрий Шостакович",     // Cyrillic
      "Αλέξανδρος",             // Greek
      "สมชาย ใจดี",              // Thai
      "김민준",                  // Hangul
      "山田太郎 𠮷野家",          // CJK, with a character outside the BMP
      "👩‍👩‍👧‍👦 family ☕ 🇯🇵",      // ZWJ sequence, flag, emoji
      "Cafe\u0301",             // "Café" with a combining accent (NFD)...
      "Caf\u00e9",              // ...and precomposed (NFC): two different names
      "\u202eevil\u202c",      // right-to-left override: stored as given
  };
  for (std::size_t k = 0; k < names.size(); ++k) {
    const std::string id = "ORD-" + std::to_string(k) + "-" + names[k];
    ASSERT_TRUE(manager().create_order(id, "CUST-" + names[k], names[k], {{names[k], 2, 1.25}}, 2.50,
                                       std::nullopt, std::nullopt, json{{"note", names[k]}}))
        << names[k];
  }
  for (std::size_t k = 0; k < names.size(); ++k) {
    SCOPED_TRACE(names[k]);
    const std::vector<Order> orders = manager().get_customer_orders(names[k]);
    ASSERT_EQ(orders.size(), 1u) << "a name matched another spelling";
    EXPECT_EQ(orders[0].customer_name, names[k]);
    EXPECT_EQ(orders[0].items[0].item_name, names[k]);
    EXPECT_EQ(orders[0].metadata["note"], names[k]);
    EXPECT_EQ(manager().get_customer_last_order("CUST-" + names[k])->order_id, orders[0].order_id);
  }
}

TEST_F(HostileInput, EmbeddedNulAndControlBytesAreRefusedNamingTheField) {
  const std::string with_nul("Jane\0Doe", 8);
  const std::vector<OrderItemInput> items = {{"Tea", 1, 2.00}};
  expect_refused("order_id", [&] { manager().create_order(with_nul, "C", "Jane", items, 2.00); });
  expect_refused("customer_id", [&] { manager().create_order("O", with_nul, "Jane", items, 2.00); });
  expect_refused("customer_name", [&] { manager().create_order("O", "C", with_nul, items, 2.00); });
  expect_refused("conversation_id", [&] { manager().create_order("O", "C", "Jane", items, 2.00, with_nul); });
  expect_refused("items[0].item_name", [&] { manager().create_order("O", "C", "Jane", {{with_nul, 1, 2.00}}, 2.00); });
  for (const std::string& bad : std::vector<std::string>{"tab\there", "bell\a", "esc\x1b" "[31m", "del\x7f", "c1 \xC2\x85" " next line",
                                std::string("\xC0\x80", 2) /* overlong NUL */, "\xED\xA0\x80" /* surrogate */})
    expect_refused("customer_name", [&] { manager().create_order("O", "C", bad, items, 2.00); });
  expect_refused("order_id", [&] { manager().get_order(with_nul); });
  expect_refused("customer_name", [&] { manager().get_customer_orders(with_nul); });
  expect_refused("customer_id", [&] { manager().get_customer_last_order(with_nul); });
  expect_refused("order_id", [&] { manager().update_order_status(with_nul, OrderStatus::CONFIRMED); });
  expect_refused("order_id", [&] { manager().delete_order(with_nul); });
  expect_refused("page_token", [&] { manager().list_orders(with_nul, 10); });
  expect_refused("page_token", [&] { manager().list_orders(std::string(1 << 20, 't'), 10); });
}

TEST_F(HostileInput, APageTokenThatLooksLikeSqlIsJustAPosition) {
  for (const char* id : {"A", "M", "Z"}) ASSERT_TRUE(manager().create_order(id, "C", "Jane", {{"Tea", 1, 2.00}}, 2.00));
  for (const std::string& token : injection_strings()) {
    const managers::OrderPage page = manager().list_orders(token, 10);  // a position in the walk, nothing more
    EXPECT_LE(page.orders.size(), 3u) << token;
  }
  EXPECT_EQ(stored_orders(), 3u);
}

TEST_F(HostileInput, NulInsideMetadataTextIsDataAndRoundTrips) {
  // Metadata is JSON, where "\u0000" is an ordinary character of a string.
  const json metadata = {{"note", std::string("a\0b", 3)}, {"\x01key", "\t\n"}};
  ASSERT_TRUE(manager().create_order("O", "C", "Jane", {{"Tea", 1, 2.00}}, 2.00, std::nullopt, std::nullopt,
                                     metadata));
  EXPECT_EQ(manager().get_order("O")->metadata, metadata);
}

TEST_F(HostileInput, HugeInputsAreRefusedBeforeAnythingIsWritten) {
  namespace limits = managers::limits;
  const std::string megabyte(1 << 20, 'x');
  const std::vector<OrderItemInput> items = {{"Tea", 1, 2.00}};
  expect_refused("order_id", [&] { manager().create_order(megabyte, "C", "Jane", items, 2.00); });
  expect_refused("customer_name", [&] { manager().create_order("O", "C", megabyte, items, 2.00); });
  expect_refused("customer_name", [&] { manager().get_customer_orders(megabyte); });
  expect_refused("items", [&] {
    manager().create_order("O", "C", "Jane", std::vector<OrderItemInput>(100'000, {"Tea", 1, 2.00}), 2.00);
  });
  expect_refused("metadata", [&] {
    manager().create_order("O", "C", "Jane", items, 2.00, std::nullopt, std::nullopt, json{{"blob", megabyte}});
  });
  json many_keys = json::object();
  for (int i = 0; i < 5000; ++i) many_keys["k" + std::to_string(i)] = i;
  expect_refused("metadata", [&] {
    manager().create_order("O", "C", "Jane", items, 2.00, std::nullopt, std::nullopt, many_keys);
  });
  // Deep nesting is refused on the way down, not by recursing a million levels.
  // (Built and handed over without a copy: copying is recursive in nlohmann::json.)
  json deep = json::object();
  json* innermost = &deep;
  for (int i = 0; i < 1'000'000; ++i) innermost = &((*innermost)["n"] = json::object());
  expect_refused("metadata", [&] {
    manager().create_order("O", "C", "Jane", items, 2.00, std::nullopt, std::nullopt, deep);
  });
  // Exactly at the nesting limit is stored whole.
  json at_limit = json::object();
  for (std::size_t level = 1; level < limits::kMaxMetadataDepth; ++level) at_limit = json{{"n", std::move(at_limit)}};
  ASSERT_TRUE(manager().create_order("DEEP", "C", "Jane", items, 2.00, std::nullopt, std::nullopt, at_limit));
  EXPECT_EQ(manager().get_order("DEEP")->metadata, at_limit);
}

TEST_F(HostileInput, NumbersThatAreNotNumbersOrDoNotFitAreRefused) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<OrderItemInput> items = {{"Tea", 1, 2.00}};
  // A price that cannot be money is refused where it becomes Money.
  for (const double bad : {nan, inf, -inf, 1e300, -1e300, 1e15})
    EXPECT_THROW(Money{bad}, ValidationError) << bad;
  for (const char* bad : {"1e5", "0x10", "12,50", "1.2.3", "", "-", "NaN", "inf", "99999999999999999999999"})
    EXPECT_THROW(Money{std::string_view(bad)}, ValidationError) << bad;
  expect_refused("items[0].quantity", [&] {
    manager().create_order("O", "C", "Jane", {{"Tea", std::numeric_limits<std::int64_t>::max(), 2.00}}, 2.00);
  });
  expect_refused("items[0].quantity", [&] {
    manager().create_order("O", "C", "Jane", {{"Tea", std::numeric_limits<std::int64_t>::min(), 2.00}}, 2.00);
  });
  expect_refused("items[0].unit_price", [&] {
    manager().create_order("O", "C", "Jane", {{"Tea", 1, Money::from_cents(std::numeric_limits<std::int64_t>::max() / 4)}},
                           2.00);
  });
  expect_refused("total_price", [&] { manager().create_order("O", "C", "Jane", items, Money::from_cents(-1)); });
  for (const json& bad_number : {json(nan), json(inf), json(-inf), json(1e200), json(1e-200)})
    expect_refused("metadata.x", [&] {
      manager().create_order("O", "C", "Jane", items, 2.00, std::nullopt, std::nullopt, json{{"x", bad_number}});
    });
  // Large but representable numbers in metadata come back exactly.
  const json big = {{"u64", std::numeric_limits<std::uint64_t>::max()},
                    {"i64", std::numeric_limits<std::int64_t>::min()},
                    {"tiny", 1e-129},
                    {"huge", 9.99e125},
                    {"third", 0.1 + 0.2}};
  ASSERT_TRUE(manager().create_order("BIG", "C", "Jane", items, 2.00, std::nullopt, std::nullopt, big));
  EXPECT_EQ(manager().get_order("BIG")->metadata, big);
}

TEST_F(HostileInput, MalformedTimesAreRefusedEverywhereTheyAreTaken) {
  const std::vector<OrderItemInput> items = {{"Tea", 1, 2.00}};
  const std::vector<std::string> bad_times = {
      std::string("2024-11-22T15:30:00\0", 20),
      "２０２４-11-22T15:30:00",  // full-width digits
      "2024-11-22T15:30:60",
      "2024-11-22T24:00:01",
      "2024-00-10T10:00:00",
      "2024-11-32T10:00:00",
      "2024-11-22T15:30:00+24:00",
      "2024-11-22T15:30:00.",
      "'; DROP TABLE orders; --",
      std::string(10'000, '9'),
      "2024-11-22T15:30:00Z\n",
  };
  for (const std::string& bad : bad_times) {
    SCOPED_TRACE(bad.substr(0, 40));
    expect_refused("estimated_ready_time", [&] {
      manager().create_order("O", "C", "Jane", items, 2.00, std::nullopt, bad);
    });
  }
  ASSERT_TRUE(manager().create_order("O", "C", "Jane", items, 2.00));
  const Order before = *manager().get_order("O");
  for (const std::string& bad : bad_times) {
    EXPECT_THROW(manager().update_order_ready_time("O", bad), ValidationError) << bad.substr(0, 40);
  }
  EXPECT_EQ(*manager().get_order("O"), before);
}

}  // namespace
