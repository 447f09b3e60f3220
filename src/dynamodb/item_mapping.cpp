#include "dynamodb/item_mapping.hpp"

#include <charconv>
#include <stdexcept>

#include "aws/attribute_value.hpp"
#include "aws/item_size.hpp"
#include "domain/stored_status.hpp"
#include "dynamodb/key_codec.hpp"
#include "domain/spec_record.hpp"
#include "domain/timestamps.hpp"
#include "managers/errors.hpp"

namespace managers::dynamodb {
namespace {

using nlohmann::json;

json money_value(Money amount) { return aws::N(amount.to_string()); }

const json kNull = {{"NULL", true}};

// DynamoDB refuses an empty name in a map, which JSON allows. Metadata map keys are stored with an
// escape: "" as "~", and a key that starts with '~' with one more '~' in front; any other key as is.
constexpr char kKeyEscape = '~';

json escape_keys(const json& plain) {
  if (plain.is_object()) {
    json out = json::object();
    for (const auto& [key, value] : plain.items()) {
      const bool escape = key.empty() || key.front() == kKeyEscape;
      out[escape ? kKeyEscape + key : key] = escape_keys(value);
    }
    return out;
  }
  if (plain.is_array()) {
    json out = json::array();
    for (const json& value : plain) out.push_back(escape_keys(value));
    return out;
  }
  return plain;
}

json unescape_keys(const json& stored) {
  if (stored.is_object()) {
    json out = json::object();
    for (const auto& [key, value] : stored.items())
      out[!key.empty() && key.front() == kKeyEscape ? key.substr(1) : key] = unescape_keys(value);
    return out;
  }
  if (stored.is_array()) {
    json out = json::array();
    for (const json& value : stored) out.push_back(unescape_keys(value));
    return out;
  }
  return stored;
}

[[noreturn]] void corrupt(const json& item, const std::string& what) {
  std::string id = "(unknown)";
  if (const auto found = item.find("order_id"); found != item.end() && found->is_object() && found->contains("S") &&
                                                 (*found)["S"].is_string())
    id = (*found)["S"].get<std::string>();
  throw StorageError("dynamodb", "CorruptItem", "order " + id + ": " + what);
}

// DynamoDB's NULL ({"NULL": true}, what boto3 stores for None) means the same as an absent
// attribute, for every attribute that may be unset (docs/DYNAMODB.md).
bool is_set(const json& map, const std::string& attribute) {
  const auto found = map.find(attribute);
  return found != map.end() && !(found->is_object() && found->contains("NULL"));
}

const json& typed(const json& item, const json& map, const std::string& attribute, const char* type,
                  const std::string& path) {
  const auto found = map.find(attribute);
  if (found == map.end()) corrupt(item, "attribute " + path + " is missing");
  const auto value = found->find(type);
  if (!found->is_object() || value == found->end())
    corrupt(item, "attribute " + path + " is not of type " + type);
  return *value;
}

std::string string_attr(const json& item, const json& map, const std::string& attribute,
                        const std::string& path) {
  const json& value = typed(item, map, attribute, "S", path);
  if (!value.is_string()) corrupt(item, "attribute " + path + " is not a string");
  return value.get<std::string>();
}

std::optional<std::string> optional_string_attr(const json& item, const std::string& attribute) {
  if (!is_set(item, attribute)) return std::nullopt;
  return string_attr(item, item, attribute, attribute);
}

std::string number_text(const json& item, const json& map, const std::string& attribute, const std::string& path) {
  const json& value = typed(item, map, attribute, "N", path);
  if (!value.is_string()) corrupt(item, "attribute " + path + " is not a number");
  return value.get<std::string>();
}

std::int64_t integer_attr(const json& item, const json& map, const std::string& attribute,
                          const std::string& path) {
  const std::string text = number_text(item, map, attribute, path);
  std::int64_t value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || ptr != text.data() + text.size())
    corrupt(item, "attribute " + path + " is not a whole number: " + text);
  return value;
}

Money money_attr(const json& item, const json& map, const std::string& attribute, const std::string& path) {
  const std::string text = number_text(item, map, attribute, path);
  try {
    return Money::parse(text, path);
  } catch (const ValidationError&) {
    // The earlier module stored Decimal(str(float)): "16.989999999999998" is 16.99 (spec_record.hpp).
    if (const std::optional<Money> amount = domain::money_from_float_noise(text)) return *amount;
    corrupt(item, "attribute " + path + " is not an amount of money: " + text);
  }
}

OrderStatus status_attr(const json& item, const json& map, const std::string& attribute, const std::string& path) {
  const std::string text = string_attr(item, map, attribute, path);
  if (const std::optional<OrderStatus> status = domain::stored_status(text)) return *status;
  corrupt(item, "attribute " + path + " is not an order status: " + text);
}

const json& list_attr(const json& item, const std::string& attribute) {
  const json& list = typed(item, item, attribute, "L", attribute);
  if (!list.is_array()) corrupt(item, "attribute " + attribute + " is not a list");
  return list;
}

const json& map_element(const json& item, const json& element, const std::string& path) {
  const auto map = element.find("M");
  if (!element.is_object() || map == element.end() || !map->is_object())
    corrupt(item, "attribute " + path + " is not a map");
  return *map;
}

}  // namespace

json order_to_item(const Order& order, std::int64_t version) {
  json items = json::array();
  for (const OrderItem& line : order.items)
    items.push_back({{"M",
                      {{"item_name", aws::S(line.item_name)},
                       {"quantity", aws::N(line.quantity)},
                       {"unit_price", money_value(line.unit_price)},
                       {"subtotal", money_value(line.subtotal)}}}});
  json history = json::array();
  for (const StatusChange& change : order.status_history)
    history.push_back({{"M", {{"status", aws::S(to_string(change.status))}, {"changed_at", aws::S(change.changed_at)}}}});

  json item = {
      {"order_id", aws::S(order.order_id)},
      {"customer_id", aws::S(order.customer_id)},
      {"customer_name", aws::S(order.customer_name)},
      {"total_price", money_value(order.total_price)},
      {"status", aws::S(to_string(order.status))},
      {"created_at", aws::S(order.created_at)},
      {"updated_at", aws::S(order.updated_at)},
      {"created_sort", aws::S(created_sort_key(order.created_at, order.order_id))},
      {"items", {{"L", std::move(items)}}},
      {"status_history", {{"L", std::move(history)}}},
      {kVersionAttr, aws::N(version)},
  };
  // Unset optional fields are written as NULL, as the spec's module (boto3, None) wrote them, so a
  // reader following the spec's record finds every key (docs/DYNAMODB.md); reads accept both.
  item["estimated_ready_time"] = order.estimated_ready_time ? aws::S(*order.estimated_ready_time) : kNull;
  item["conversation_id"] = order.conversation_id ? aws::S(*order.conversation_id) : kNull;
  // The number range DynamoDB holds is a domain rule (validation.cpp), checked before any write.
  try {
    const json& metadata = order.metadata.is_null() ? json::object() : order.metadata;
    item["metadata"] = aws::to_attribute_value(escape_keys(metadata));
  } catch (const std::invalid_argument& error) {
    throw ValidationError("metadata", std::string("cannot be stored in DynamoDB: ") + error.what());
  }
  return item;
}

Order order_from_item(const json& item) {
  if (!item.is_object()) throw StorageError("dynamodb", "CorruptItem", "an order item is not a map");
  Order order;
  order.order_id = string_attr(item, item, "order_id", "order_id");
  order.customer_id = string_attr(item, item, "customer_id", "customer_id");
  order.customer_name = string_attr(item, item, "customer_name", "customer_name");
  order.total_price = money_attr(item, item, "total_price", "total_price");
  order.status = status_attr(item, item, "status", "status");
  // Other clients write the spec's ISO forms (naive, offsets, no fraction): stored form, UTC.
  order.created_at = domain::to_stored_timestamp(string_attr(item, item, "created_at", "created_at"));
  order.updated_at = is_set(item, "updated_at")
                         ? domain::to_stored_timestamp(string_attr(item, item, "updated_at", "updated_at"))
                         : order.created_at;
  order.estimated_ready_time = optional_string_attr(item, "estimated_ready_time");
  order.conversation_id = optional_string_attr(item, "conversation_id");
  if (const auto metadata = item.find("metadata"); metadata != item.end()) {
    try {
      order.metadata = unescape_keys(aws::from_attribute_value(*metadata));
    } catch (const std::invalid_argument& error) {
      corrupt(item, std::string("attribute metadata: ") + error.what());
    }
    if (order.metadata.is_null()) order.metadata = json::object();
    if (!order.metadata.is_object()) corrupt(item, "attribute metadata is not a map");
  }
  const json& items = list_attr(item, "items");
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string prefix = "items[" + std::to_string(i) + "]";
    const json& line = map_element(item, items[i], prefix);
    OrderItem entry{string_attr(item, line, "item_name", prefix + ".item_name"),
                    integer_attr(item, line, "quantity", prefix + ".quantity"),
                    money_attr(item, line, "unit_price", prefix + ".unit_price"), Money()};
    try {
      entry.subtotal = is_set(line, "subtotal") ? money_attr(item, line, "subtotal", prefix + ".subtotal")
                                                : entry.unit_price.times(entry.quantity);
    } catch (const std::overflow_error&) {
      corrupt(item, "attribute " + prefix + ".quantity x unit_price is out of range");
    }
    order.items.push_back(std::move(entry));
  }
  if (!is_set(item, "status_history")) {
    // An item in the spec's data structure (written by another client): derived, as on import.
    order.status_history = domain::history_of_record_without_one(order.status, order.created_at);
    return order;
  }
  const json& history = list_attr(item, "status_history");
  for (std::size_t i = 0; i < history.size(); ++i) {
    const std::string prefix = "status_history[" + std::to_string(i) + "]";
    const json& change = map_element(item, history[i], prefix);
    order.status_history.push_back({status_attr(item, change, "status", prefix + ".status"),
                                    domain::to_stored_timestamp(
                                        string_attr(item, change, "changed_at", prefix + ".changed_at"))});
  }
  return order;
}

OrderFigures order_figures_from_item(const json& item) {
  if (!item.is_object()) throw StorageError("dynamodb", "CorruptItem", "an order item is not a map");
  return {string_attr(item, item, "customer_id", "customer_id"), status_attr(item, item, "status", "status"),
          money_attr(item, item, "total_price", "total_price")};
}

std::int64_t item_version(const json& item) {
  if (!is_set(item, kVersionAttr)) return 0;
  return integer_attr(item, item, kVersionAttr, kVersionAttr);
}

void check_item_size(const json& item) {
  const std::size_t size = aws::item_size(item);
  if (size <= aws::kMaxItemBytes) return;
  std::string largest;
  std::size_t largest_size = 0;
  for (const auto& [name, value] : item.items()) {
    const std::size_t attribute_size = name.size() + aws::attribute_value_size(value);
    if (attribute_size > largest_size) {
      largest = name;
      largest_size = attribute_size;
    }
  }
  throw ValidationError(largest, "the order would be a " + std::to_string(size) +
                                     "-byte DynamoDB item, over DynamoDB's limit of " +
                                     std::to_string(aws::kMaxItemBytes) + " bytes (" + largest + " alone is " +
                                     std::to_string(largest_size) + " bytes)");
}

}  // namespace managers::dynamodb
