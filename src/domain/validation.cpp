#include "domain/validation.hpp"

#include <cmath>

#include "domain/printable_text.hpp"
#include "domain/timestamps.hpp"
#include "domain/utf8.hpp"
#include "managers/errors.hpp"
#include "managers/limits.hpp"

namespace managers::domain {
namespace {

[[noreturn]] void fail(std::string_view field, std::string rule) {
  throw ValidationError(std::string(field), std::move(rule));
}

// What validate_text() needs to know about a text, in one pass over its characters.
struct TextShape {
  bool clean_utf8 = true;       // strict UTF-8 (no overlongs, no surrogates), no C0/C1 controls
  bool has_visible = false;     // at least one character that is neither whitespace nor invisible
  bool space_at_ends = false;   // starts or ends with whitespace
};

TextShape shape_of(std::string_view text) {
  TextShape shape;
  std::uint32_t last = 0;
  for (std::size_t i = 0; i < text.size();) {
    const Utf8Char character = decode_utf8(text, i);
    if (character.length == 0 || is_control(character.code_point)) {
      shape.clean_utf8 = false;
      if (character.length == 0) return shape;
    }
    if (i == 0 && is_whitespace(character.code_point)) shape.space_at_ends = true;
    if (!is_whitespace(character.code_point) && !is_invisible(character.code_point)) shape.has_visible = true;
    last = character.code_point;
    i += character.length;
  }
  if (!text.empty() && is_whitespace(last)) shape.space_at_ends = true;
  return shape;
}

// The one rule for identifiers and names (issue 17): stored exactly as given, so refused when
// they could not be typed back: blank, only invisible or bidirectional-control characters, or
// with whitespace at either end (" Q5 " would be stored but `get Q5` would not find it).
void validate_text(std::string_view field, const std::string& value, std::size_t max_bytes) {
  if (value.size() > max_bytes) fail(field, "must be at most " + std::to_string(max_bytes) + " bytes");
  const TextShape shape = shape_of(value);
  if (!shape.clean_utf8) fail(field, "must be valid UTF-8 without control characters");
  if (value.empty() || (!shape.has_visible && value.find_first_not_of(" \t") == std::string::npos))
    fail(field, "must not be empty");
  if (!shape.has_visible)
    fail(field, "must contain a visible character, not only whitespace, invisible or bidirectional-control "
                "characters, not " + domain::quote_input(value));
  if (shape.space_at_ends)
    fail(field, "must not start or end with whitespace, not " + domain::quote_input(value));
}

void validate_money(std::string_view field, Money amount, std::int64_t max_cents) {
  if (amount.cents() < 0) fail(field, "must not be negative");
  if (amount.cents() > max_cents)
    fail(field, "must be at most " + Money::from_cents(max_cents).to_string());
}

// Every engine must store the same metadata: numbers are finite (JSON has no NaN; a NaN would
// come back as null) and inside the range DynamoDB's Number type holds (magnitude 1e-130 to
// 1e126), and nesting stays far inside DynamoDB's 32 levels. The depth is checked on the way
// down, so a hostile document of a million brackets is refused before anything recurses into it.
void validate_metadata_values(const nlohmann::json& value, const std::string& path, std::size_t depth) {
  if (value.is_structured() && depth > limits::kMaxMetadataDepth)
    fail("metadata", "must nest at most " + std::to_string(limits::kMaxMetadataDepth) +
                         " levels of objects and arrays (" + path + " is deeper)");
  if (value.is_number_float()) {
    const double number = value.get<double>();
    if (!std::isfinite(number)) fail(path, "numbers must be finite");
    const double magnitude = std::fabs(number);
    if (magnitude != 0.0 && (magnitude < 1e-130 || magnitude >= 1e126))
      fail(path, "numbers must have a magnitude from 1e-130 to below 1e126 (or be 0)");
  } else if (value.is_object()) {
    for (const auto& [key, child] : value.items()) validate_metadata_values(child, path + "." + key, depth + 1);
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i)
      validate_metadata_values(value[i], path + "[" + std::to_string(i) + "]", depth + 1);
  }
}

void validate_item(std::size_t index, const std::string& item_name, std::int64_t quantity, Money unit_price) {
  const std::string prefix = "items[" + std::to_string(index) + "].";
  validate_name(prefix + "item_name", item_name);
  if (quantity < 1 || quantity > limits::kMaxQuantity)
    fail(prefix + "quantity", "must be a whole number from 1 to " + std::to_string(limits::kMaxQuantity));
  validate_money(prefix + "unit_price", unit_price, limits::kMaxUnitPriceCents);
}

// The fields NewOrder and Order share (same names in both), so one rule list serves both.
template <typename AnOrder>
void validate_common(const AnOrder& order) {
  validate_id("order_id", order.order_id);
  validate_id("customer_id", order.customer_id);
  validate_name("customer_name", order.customer_name);
  if (order.items.empty()) fail("items", "must contain at least one item");
  if (order.items.size() > limits::kMaxItems)
    fail("items", "must contain at most " + std::to_string(limits::kMaxItems) + " items");
  validate_money("total_price", order.total_price, limits::kMaxTotalPriceCents);
  if (order.conversation_id) validate_id("conversation_id", *order.conversation_id);
  if (order.estimated_ready_time) validate_timestamp("estimated_ready_time", *order.estimated_ready_time);
  validate_metadata(order.metadata);
  for (std::size_t i = 0; i < order.items.size(); ++i)
    validate_item(i, order.items[i].item_name, order.items[i].quantity, order.items[i].unit_price);
}

}  // namespace

void validate_id(std::string_view field, const std::string& value) {
  validate_text(field, value, limits::kMaxIdBytes);
}

void validate_name(std::string_view field, const std::string& value) {
  validate_text(field, value, limits::kMaxNameBytes);
}

void validate_timestamp(std::string_view field, const std::string& value) {
  if (!parse_iso8601_micros(value))
    fail(field, "must be an ISO-8601 timestamp such as 2024-11-22T15:30:00 or 2024-11-22T15:30:00+01:00, not " +
                    domain::quote_input(value));
}

void validate_stored_timestamp(std::string_view field, const std::string& value) {
  const auto micros = parse_iso8601_micros(value);
  if (!micros || format_utc_micros(*micros) != value)
    fail(field, "must be a UTC timestamp of the form 2024-11-22T15:30:00.000000Z, not " + domain::quote_input(value));
}

void validate_metadata(const nlohmann::json& metadata) {
  if (!metadata.is_object()) fail("metadata", "must be a JSON object");
  validate_metadata_values(metadata, "metadata", 1);
  std::string compact;
  try {
    compact = metadata.dump();
  } catch (const nlohmann::json::type_error&) {  // a string in it is not UTF-8
    fail("metadata", "must hold only valid UTF-8 text");
  }
  if (compact.size() > limits::kMaxMetadataBytes)
    fail("metadata", "must be at most " + std::to_string(limits::kMaxMetadataBytes) + " bytes as JSON");
}

void validate_limit(std::optional<int> limit) {
  if (limit && *limit < 1) fail("limit", "must be a positive whole number");
}

void validate_page_size(int page_size) {
  if (page_size < 1 || page_size > limits::kMaxPageSize)
    fail("page_size", "must be from 1 to " + std::to_string(limits::kMaxPageSize));
}

void validate_new_order(const NewOrder& order) {
  validate_common(order);
}

void validate_order(const Order& order) {
  validate_common(order);
  for (std::size_t i = 0; i < order.items.size(); ++i) {
    const OrderItem& item = order.items[i];
    if (item.subtotal != item.unit_price.times(item.quantity))
      fail("items[" + std::to_string(i) + "].subtotal", "must equal unit_price x quantity");
  }
  // Orders sort by these texts, so only the engines' own form is accepted.
  validate_stored_timestamp("created_at", order.created_at);
  validate_stored_timestamp("updated_at", order.updated_at);
  if (order.status_history.empty()) fail("status_history", "must hold at least the first status");
  if (order.status_history.size() > limits::kMaxStatusHistory)
    fail("status_history", "must hold at most " + std::to_string(limits::kMaxStatusHistory) + " entries");
  for (std::size_t i = 0; i < order.status_history.size(); ++i)
    validate_stored_timestamp("status_history[" + std::to_string(i) + "].changed_at",
                              order.status_history[i].changed_at);
  if (order.status_history.back().status != order.status)
    fail("status_history", "must end with the order's current status");
}

}  // namespace managers::domain
