// The stored JSON forms of an order: what the engine writes reads back as the
// general JSON parser would read it, through the fast paths and around them.

#include <gtest/gtest.h>

#include "managers/errors.hpp"
#include "sqlite/order_rows.hpp"

namespace {

using managers::OrderStatus;
using managers::StatusChange;
using managers::StorageError;
using managers::sqlite::decode_metadata;
using managers::sqlite::decode_status_history;
using managers::sqlite::encode_metadata;
using managers::sqlite::encode_status_history;
using nlohmann::json;

// Decoding gives exactly what nlohmann's parser gives: the same values of the
// same JSON types (an unsigned stays unsigned), so nothing downstream can tell.
void expect_same_as_parser(const std::string& text) {
  SCOPED_TRACE(text);
  const json fast = decode_metadata(text, "ORD-1");
  const json general = json::parse(text);
  EXPECT_EQ(fast, general);
  EXPECT_EQ(fast.dump(), general.dump());
  for (const auto& [key, value] : general.items()) EXPECT_EQ(fast.at(key).type(), value.type()) << key;
}

TEST(OrderRows, MetadataDecodesAsTheGeneralParserWould) {
  for (const char* text :
       {"{}", R"({"table":"5"})", R"({"table":"5","channel":"chat"})", R"({"seats":4,"floor":-2,"zero":0})",
        R"({"vip":true,"paid":false,"note":null})", R"({"big":999999999999999999,"neg":-999999999999999999})",
        R"({"huge":18446744073709551615})", R"({"minus_zero":-0})", R"({"price":3.5,"exp":1e5})",
        R"({"nested":{"a":[1,2,{"b":null}]}})", R"({"quote":"say \"hi\"","slash":"a\\b","uni":"\u00e9"})",
        R"({"café":"☕ 日本"})", R"({"dup":1,"dup":2})", R"({ "spaced" : "out" })", R"({"":"empty key"})"})
    expect_same_as_parser(text);
}

TEST(OrderRows, MetadataRoundTripsThroughItsStoredForm) {
  for (const json& metadata :
       {json::object(), json{{"table", "5"}}, json{{"n", -42}, {"u", 42u}, {"f", 0.1}, {"b", false}},
        json{{"deep", {{"list", json::array({1, "two", nullptr})}}}}, json{{"text", "tab\tquote\"back\\slash"}}}) {
    const std::string stored = encode_metadata(metadata);
    EXPECT_EQ(decode_metadata(stored, "ORD-1"), metadata) << stored;
  }
  EXPECT_EQ(encode_metadata(nullptr), "{}");
}

TEST(OrderRows, StoredTextThatIsNotAnObjectIsAnInvalidRow) {
  for (const char* text : {"", "[]", "5", "\"text\"", "{\"a\":", "{\"a\":1,}", "{\"a\":01}", "not json", "{} {}"}) {
    try {
      decode_metadata(text, "ORD-7");
      ADD_FAILURE() << "accepted " << text;
    } catch (const StorageError& error) {
      EXPECT_EQ(error.code(), "INVALID_ROW") << text;
      EXPECT_NE(error.backend_message().find("ORD-7"), std::string::npos);
    }
  }
}

TEST(OrderRows, StatusHistoryRoundTrips) {
  const std::vector<std::vector<StatusChange>> histories = {
      {},
      {{OrderStatus::PENDING, "2026-11-25T08:35:10.123456Z"}},
      {{OrderStatus::PENDING, "2026-11-25T08:35:10.123456Z"},
       {OrderStatus::PREPARING, "2026-11-25T08:36:00.000000Z"},
       {OrderStatus::READY, "2026-11-25T08:40:00+01:00"},
       {OrderStatus::CANCELLED, "2026-11-25T08:41:00.5Z"}},
  };
  for (const auto& history : histories) {
    const std::string stored = encode_status_history(history);
    EXPECT_EQ(json::parse(stored).size(), history.size()) << stored;  // valid JSON
    EXPECT_EQ(decode_status_history(stored, "ORD-1"), history) << stored;
  }
  EXPECT_EQ(encode_status_history({{OrderStatus::PREPARING, "2026-11-25T08:36:00.000000Z"}}),
            R"([{"status":"Being prepared","changed_at":"2026-11-25T08:36:00.000000Z"}])");
}

TEST(OrderRows, StatusHistoryInAnyValidJsonLayoutDecodes) {
  const std::vector<StatusChange> expected = {{OrderStatus::PENDING, "2026-11-25T08:35:10.123456Z"},
                                              {OrderStatus::CONFIRMED, "2026-11-25T08:36:00.000000Z"}};
  for (const char* text :
       {R"([ {"status": "Pending", "changed_at": "2026-11-25T08:35:10.123456Z"},
             {"changed_at": "2026-11-25T08:36:00.000000Z", "status": "Confirmed"} ])",
        R"([{"status":"Pending","changed_at":"2026-11-25T08:35:10.123456Z"},{"status":"Confirmed","changed_at":"2026-11-25T08:36:00.000000Z","extra":1}])"})
    EXPECT_EQ(decode_status_history(text, "ORD-1"), expected) << text;
}

TEST(OrderRows, AStatusHistoryThatIsNotOneIsAnInvalidRow) {
  for (const char* text : {"", "{}", "[1]", R"([{"status":"Pending"}])", R"([{"status":"Lost","changed_at":"x"}])",
                           R"([{"status":"Pending","changed_at":"x"})"}) {
    EXPECT_THROW(decode_status_history(text, "ORD-1"), StorageError) << text;
  }
}

}  // namespace
