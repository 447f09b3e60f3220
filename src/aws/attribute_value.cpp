#include "aws/attribute_value.hpp"

#include <charconv>
#include <cmath>
#include <stdexcept>

#include "aws/crypto.hpp"

namespace aws {

using nlohmann::json;

namespace {

json number_from_text(const std::string& text) {
  if (text.empty()) throw std::invalid_argument("AttributeValue N is empty");
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  // Integers first, so ids and quantities stay exact.
  if (text.find_first_of(".eE") == std::string::npos) {
    std::int64_t signed_value = 0;
    if (auto [ptr, ec] = std::from_chars(begin, end, signed_value); ec == std::errc{} && ptr == end) return signed_value;
    std::uint64_t unsigned_value = 0;
    if (auto [ptr, ec] = std::from_chars(begin, end, unsigned_value); ec == std::errc{} && ptr == end) {
      return unsigned_value;
    }
  }
  // from_chars does not take a leading '+'; DynamoDB never sends one, but be lenient.
  if (*begin == '+') ++begin;
  double value = 0;
  const auto [ptr, ec] = std::from_chars(begin, end, value);
  // from_chars also reads "nan" and "inf", and leaves `value` at 0 for a magnitude a double cannot
  // hold ("1e400"): none of them is a DynamoDB number (1e-130 to 1e126), and none may come back as one.
  if (ptr != end || ec != std::errc{} || !std::isfinite(value)) {
    throw std::invalid_argument("AttributeValue N is not a number: " + text);
  }
  return value;
}

json binary_from_base64(const json& value) {
  if (!value.is_string()) throw std::invalid_argument("AttributeValue B is not a base64 string");
  const std::string bytes = crypto::base64_decode(value.get<std::string>());
  return json::binary(json::binary_t::container_type(bytes.begin(), bytes.end()));
}

const json& only_member(const json& av) {
  if (!av.is_object() || av.size() != 1) {
    throw std::invalid_argument("an AttributeValue is an object with exactly one type key, got: " + av.dump());
  }
  return av;
}

}  // namespace

std::string number_text(double value) {
  if (!std::isfinite(value)) throw std::invalid_argument("DynamoDB numbers cannot be NaN or infinite");
  char buffer[64];
  const auto [ptr, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (ec != std::errc{}) throw std::invalid_argument("cannot format number");
  return std::string(buffer, ptr);
}

json to_attribute_value(const json& plain) {
  switch (plain.type()) {
    case json::value_t::object: {
      json map = json::object();
      for (const auto& [key, value] : plain.items()) map[key] = to_attribute_value(value);
      return {{"M", std::move(map)}};
    }
    case json::value_t::array: {
      json list = json::array();
      for (const auto& value : plain) list.push_back(to_attribute_value(value));
      return {{"L", std::move(list)}};
    }
    case json::value_t::string:
      return {{"S", plain.get<std::string>()}};
    case json::value_t::boolean:
      return {{"BOOL", plain.get<bool>()}};
    case json::value_t::null:
      return {{"NULL", true}};
    case json::value_t::number_integer:
      return {{"N", std::to_string(plain.get<std::int64_t>())}};
    case json::value_t::number_unsigned:
      return {{"N", std::to_string(plain.get<std::uint64_t>())}};
    case json::value_t::number_float:
      return {{"N", number_text(plain.get<double>())}};
    case json::value_t::binary: {
      const auto& bytes = plain.get_binary();
      return {{"B", crypto::base64_encode(std::string(bytes.begin(), bytes.end()))}};
    }
    case json::value_t::discarded:
      break;
  }
  throw std::invalid_argument("cannot convert a discarded JSON value to an AttributeValue");
}

json from_attribute_value(const json& av) {
  const auto member = only_member(av).begin();
  const std::string type = member.key();
  const json& value = member.value();
  if (type == "S") {
    if (!value.is_string()) throw std::invalid_argument("AttributeValue S is not a string");
    return value;
  }
  if (type == "N") {
    if (!value.is_string()) throw std::invalid_argument("AttributeValue N is not a string");
    return number_from_text(value.get<std::string>());
  }
  if (type == "BOOL") {
    if (!value.is_boolean()) throw std::invalid_argument("AttributeValue BOOL is not a boolean");
    return value;
  }
  if (type == "NULL") return nullptr;
  if (type == "B") return binary_from_base64(value);
  if (type == "M") {
    if (!value.is_object()) throw std::invalid_argument("AttributeValue M is not an object");
    return from_item(value);
  }
  if (type == "L" || type == "SS" || type == "NS" || type == "BS") {
    if (!value.is_array()) throw std::invalid_argument("AttributeValue " + type + " is not an array");
    json out = json::array();
    for (const auto& element : value) {
      if (type == "L") {
        out.push_back(from_attribute_value(element));
      } else if (type == "SS") {
        if (!element.is_string()) throw std::invalid_argument("AttributeValue SS holds a non-string");
        out.push_back(element);
      } else if (type == "NS") {
        if (!element.is_string()) throw std::invalid_argument("AttributeValue NS holds a non-string");
        out.push_back(number_from_text(element.get<std::string>()));
      } else {
        out.push_back(binary_from_base64(element));
      }
    }
    return out;
  }
  throw std::invalid_argument("unknown AttributeValue type: " + type);
}

json to_item(const json& plain_object) {
  if (!plain_object.is_object()) throw std::invalid_argument("an item must be a JSON object");
  json item = json::object();
  for (const auto& [key, value] : plain_object.items()) item[key] = to_attribute_value(value);
  return item;
}

json from_item(const json& item) {
  if (!item.is_object()) throw std::invalid_argument("an item must be a JSON object of AttributeValues");
  json plain = json::object();
  for (const auto& [key, value] : item.items()) plain[key] = from_attribute_value(value);
  return plain;
}

}  // namespace aws
