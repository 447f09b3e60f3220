#include "agent/argument_check.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "managers/errors.hpp"

namespace {

using nlohmann::json;

const json kSchema = {
    {"type", "object"},
    {"properties",
     {{"name", {{"type", "string"}, {"minLength", 1}, {"maxLength", 3}}},
      {"status", {{"type", "string"}, {"enum", {"Pending", "Cancelled"}}}},
      {"limit", {{"type", "integer"}, {"minimum", 1}, {"maximum", 100}}},
      {"price", {{"type", "number"}, {"minimum", 0}}},
      {"note", {{"type", json::array({"string", "null"})}}},
      {"items",
       {{"type", "array"},
        {"minItems", 1},
        {"maxItems", 2},
        {"items",
         {{"type", "object"},
          {"properties", {{"quantity", {{"type", "integer"}}}}},
          {"required", {"quantity"}},
          {"additionalProperties", false}}}}}}},
    {"required", {"name"}},
    {"additionalProperties", false}};

// The field and rule of the ValidationError `arguments` raise.
std::pair<std::string, std::string> violation(const json& arguments) {
  try {
    agent::check_arguments(kSchema, arguments);
  } catch (const managers::ValidationError& error) {
    return {error.field(), error.rule()};
  }
  return {"", "no error"};
}

TEST(ArgumentCheck, AcceptsWhatTheSchemaAllows) {
  EXPECT_NO_THROW(agent::check_arguments(kSchema, {{"name", "Zoë"}}));  // 3 characters, 4 bytes
  EXPECT_NO_THROW(agent::check_arguments(
      kSchema, {{"name", "a"}, {"status", "Pending"}, {"limit", 100}, {"price", 2.5}, {"note", nullptr},
                {"items", {{{"quantity", 2}}}}}));
}

TEST(ArgumentCheck, NamesTheFieldAndTheRule) {
  EXPECT_EQ(violation(json::object()), std::make_pair(std::string("name"), std::string("is required")));
  EXPECT_EQ(violation({{"name", 5}}), std::make_pair(std::string("name"), std::string("must be a string")));
  EXPECT_EQ(violation({{"name", ""}}), std::make_pair(std::string("name"), std::string("must not be empty")));
  EXPECT_EQ(violation({{"name", "abcd"}}).second, "must be at most 3 characters");
  EXPECT_EQ(violation({{"name", "a"}, {"status", "Done"}}).second,
            "must be one of \"Pending\", \"Cancelled\", not 'Done'");
  EXPECT_EQ(violation({{"name", "a"}, {"limit", 0}}).second, "must be from 1 to 100");
  EXPECT_EQ(violation({{"name", "a"}, {"limit", 2.5}}).second, "must be a whole number");
  EXPECT_EQ(violation({{"name", "a"}, {"price", -1}}).second, "must be at least 0");
  EXPECT_EQ(violation({{"name", "a"}, {"note", 1}}).second, "must be a string or null");
  EXPECT_EQ(violation({{"name", "a"}, {"items", json::array()}}).second, "must hold at least 1 entry");
  EXPECT_EQ(violation({{"name", "a"}, {"items", {{{"quantity", 1}}, {{"quantity", 1}}, {{"quantity", 1}}}}}).second,
            "must hold at most 2 entries");
  EXPECT_EQ(violation({{"name", "a"}, {"items", {{{"quantity", "2"}}}}}),
            std::make_pair(std::string("items[0].quantity"), std::string("must be a whole number")));
  EXPECT_EQ(violation({{"name", "a"}, {"items", {json::object()}}}).first, "items[0].quantity");
  EXPECT_EQ(violation({{"name", "a"}, {"colour", "red"}}),
            std::make_pair(std::string("'colour'"),
                           std::string("is not an argument of this tool (accepted: items, limit, name, note, price, "
                                       "status)")));
  EXPECT_EQ(violation(json::array()).second, "must be a JSON object");
}

TEST(ArgumentCheck, RefusesSchemasWithKeywordsItDoesNotEnforce) {
  EXPECT_THROW(agent::require_supported_schema({{"type", "string"}, {"pattern", "^a"}}), std::logic_error);
  EXPECT_THROW(agent::require_supported_schema(
                   {{"type", "object"}, {"properties", {{"x", {{"format", "date-time"}}}}}}),
               std::logic_error);
  EXPECT_NO_THROW(agent::require_supported_schema(kSchema));
}

}  // namespace
