#include "aws/item_size.hpp"

#include <string>

namespace aws {
namespace {

using nlohmann::json;

// DynamoDB trims leading and trailing zeroes and ignores sign, point and exponent.
std::size_t number_size(const std::string& text) {
  std::string digits;
  for (char c : text) {
    if (c == 'e' || c == 'E') break;
    if (c >= '0' && c <= '9') digits.push_back(c);
  }
  const auto first = digits.find_first_not_of('0');
  if (first == std::string::npos) return 1 + 1;  // zero
  const auto last = digits.find_last_not_of('0');
  const std::size_t significant = last - first + 1;
  return (significant + 1) / 2 + 1;
}

// Base64 text -> raw byte count.
std::size_t binary_size(const std::string& base64) {
  std::size_t padding = 0;
  for (auto it = base64.rbegin(); it != base64.rend() && *it == '='; ++it) ++padding;
  return base64.size() / 4 * 3 - padding;
}

}  // namespace

std::size_t attribute_value_size(const json& value) {
  if (!value.is_object() || value.size() != 1) return 0;
  const auto only = value.begin();
  const std::string& type = only.key();
  const json& content = only.value();
  if (type == "S") return content.is_string() ? content.get_ref<const std::string&>().size() : 0;
  if (type == "N") return content.is_string() ? number_size(content.get<std::string>()) : 0;
  if (type == "B") return content.is_string() ? binary_size(content.get<std::string>()) : 0;
  if (type == "BOOL" || type == "NULL") return 1;
  std::size_t total = 0;
  if (type == "L" && content.is_array()) {
    total = 3;
    for (const json& element : content) total += 1 + attribute_value_size(element);
  } else if (type == "M" && content.is_object()) {
    total = 3;
    for (const auto& [name, element] : content.items()) total += 1 + name.size() + attribute_value_size(element);
  } else if ((type == "SS" || type == "NS" || type == "BS") && content.is_array()) {
    for (const json& member : content) {
      if (!member.is_string()) continue;
      const std::string& text = member.get_ref<const std::string&>();
      total += type == "SS" ? text.size() : type == "NS" ? number_size(text) : binary_size(text);
    }
  }
  return total;
}

std::size_t item_size(const json& item) {
  std::size_t total = 0;
  if (!item.is_object()) return total;
  for (const auto& [name, value] : item.items()) total += name.size() + attribute_value_size(value);
  return total;
}

}  // namespace aws
