#include "domain/json_input.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

using managers::domain::parse_json_input;
using nlohmann::json;

TEST(JsonInput, ParsesWhatIsExact) {
  EXPECT_EQ(parse_json_input(R"({"table": "5", "n": [1, 2.5, 0.0, 0e10, -0.000]})").value,
            (json{{"table", "5"}, {"n", {1, 2.5, 0.0, 0.0, -0.0}}}));
  EXPECT_EQ(parse_json_input("1e-300").value, json(1e-300));
}

TEST(JsonInput, RefusesNumbersADoubleCannotHold) {
  for (const char* text : {"1e400", "-1e400", R"({"x": 1e-400})", "[0.000e1, 5e-999]"}) {
    const auto input = parse_json_input(text);
    EXPECT_FALSE(input.value.has_value()) << text;
    EXPECT_FALSE(input.error.empty()) << text;
  }
  EXPECT_NE(parse_json_input("1e-400").error.find("too small"), std::string::npos);
}

TEST(JsonInput, ErrorsAreOneShortLine) {
  for (const std::string& text : {std::string("{oops"), std::string("{\"a\":\"x\ny\"}"), std::string(1'000'000, '['),
                                 "\"" + std::string(100'000, 'x'), std::string("")}) {
    const auto input = parse_json_input(text);
    EXPECT_FALSE(input.value.has_value());
    EXPECT_LE(input.error.size(), 203u) << input.error;
    EXPECT_EQ(input.error.find('\n'), std::string::npos) << input.error;
    EXPECT_EQ(input.error.rfind("[json.exception", 0), std::string::npos) << input.error;
  }
}

// Issue 17 item 8: a key given twice in one object is refused, not last-one-wins.
TEST(JsonInput, RefusesDuplicateKeysInAnObject) {
  for (const char* text : {R"({"table":"5","table":"6"})", R"({"a":{"b":1,"b":1}})", R"([{"k":1},{"x":1,"x":2}])"}) {
    const auto input = parse_json_input(text);
    EXPECT_FALSE(input.value.has_value()) << text;
    EXPECT_NE(input.error.find("duplicate key"), std::string::npos) << input.error;
  }
  const auto fine = parse_json_input(R"({"a":{"k":1},"b":{"k":2},"k":[{"k":3}]})");
  ASSERT_TRUE(fine.value.has_value()) << fine.error;
  EXPECT_EQ((*fine.value)["k"][0]["k"], 3);
}

}  // namespace
