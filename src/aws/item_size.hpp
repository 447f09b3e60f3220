#pragma once

// The size DynamoDB charges and limits an item by, from its AttributeValue map, by the
// rules of AWS's "DynamoDB item sizes and formats" page: names and strings count their
// UTF-8 bytes, binaries their raw bytes, a number 1 byte per two significant digits plus 1,
// null and booleans 1, a list or map 3 bytes plus 1 per element plus its elements, a set
// the sum of its members. Used to refuse an item over the limit before it is sent.

#include <cstddef>

#include <nlohmann/json.hpp>

namespace aws {

// DynamoDB's maximum item size, attribute names included (400 KB).
inline constexpr std::size_t kMaxItemBytes = 400 * 1024;

// The size of one attribute value (without its name).
std::size_t attribute_value_size(const nlohmann::json& value);

// The size of an item: the sum over its attributes of name bytes plus value size.
std::size_t item_size(const nlohmann::json& item);

}  // namespace aws
