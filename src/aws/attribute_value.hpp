#pragma once

// DynamoDB's AttributeValue JSON <-> plain JSON.
//
//   plain JSON            AttributeValue
//   object                {"M": {...}}
//   array                 {"L": [...]}
//   string                {"S": "..."}
//   true / false          {"BOOL": true}
//   null                  {"NULL": true}
//   integer               {"N": "42"}           exact decimal text
//   floating point        {"N": "16.99"}        shortest text that reads back as the same double
//   binary (json::binary) {"B": "<base64>"}
//
// Back from DynamoDB, N becomes an integer when its text is an integer that fits 64 bits, else a
// double; SS / NS / BS (sets) become arrays of strings / numbers / binaries. So a double with an
// integral value (2.0) comes back as the integer 2 (equal under nlohmann's comparison).
// Malformed input throws std::invalid_argument; so does an N that is not a finite number a double
// holds ("nan", "inf", "1e400": DynamoDB never sends one).

#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace aws {

nlohmann::json to_attribute_value(const nlohmann::json& plain);
nlohmann::json from_attribute_value(const nlohmann::json& av);

// A whole item: a plain object <-> {"attr": AttributeValue, ...} (the form of Item / Key).
nlohmann::json to_item(const nlohmann::json& plain_object);
nlohmann::json from_item(const nlohmann::json& item);

// The N text of a double: shortest round-trip form (std::to_chars). Throws std::invalid_argument
// for NaN and infinities, which DynamoDB cannot store.
std::string number_text(double value);

// Small constructors for hand-written requests: S("x") == {"S":"x"}, N("5") == {"N":"5"},
// N(5) == {"N":"5"}, N(2.5) == {"N":"2.5"}. N of a number is a template per kind so that a double is
// never silently truncated by a conversion to an integer overload.
inline nlohmann::json S(std::string_view text) { return {{"S", std::string(text)}}; }
inline nlohmann::json N(std::string_view number) { return {{"N", std::string(number)}}; }
template <std::integral T>
  requires(!std::same_as<T, bool>)
nlohmann::json N(T number) {
  return {{"N", std::to_string(number)}};
}
template <std::floating_point T>
nlohmann::json N(T number) {
  return {{"N", number_text(static_cast<double>(number))}};
}
inline nlohmann::json BOOL(bool value) { return {{"BOOL", value}}; }

}  // namespace aws
