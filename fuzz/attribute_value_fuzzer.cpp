// DynamoDB's AttributeValue JSON (aws/attribute_value.hpp) and the order <-> item mapping
// (dynamodb/item_mapping.hpp), i.e. what the engine makes of every item DynamoDB returns.
//
// The input is one JSON document, used three ways: as plain JSON to store, as an
// AttributeValue / item read back, and as an order item.
//
// Invariants:
//  - plain JSON -> AttributeValue -> plain JSON gives an equal value (numbers compare by value);
//  - from_attribute_value / from_item throw only std::invalid_argument; whatever they return
//    can be stored again (to_attribute_value does not throw) and reads back equal, and the
//    AttributeValue form is stable once written (to(from(y)) == y for y = to(from(to(x))));
//  - order_from_item throws only StorageError ("CorruptItem"); order_figures_from_item agrees
//    with it; an order it returns that passes validate_order maps to an item and back to an
//    equal order (order_to_item -> order_from_item), with the version kept.
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "aws/attribute_value.hpp"
#include "domain/validation.hpp"
#include "dynamodb/item_mapping.hpp"
#include "fuzz_support.hpp"
#include "managers/errors.hpp"

namespace {

using nlohmann::json;

json to_av(const json& plain) {
  try {
    return aws::to_attribute_value(plain);
  } catch (const std::invalid_argument& error) {
    FUZZ_FAIL(plain.dump() + " cannot be stored: " + error.what());
  }
}

json from_av(const json& av) {
  try {
    return aws::from_attribute_value(av);
  } catch (const std::invalid_argument& error) {
    FUZZ_FAIL(av.dump() + " (written by to_attribute_value) does not read back: " + error.what());
  }
}

// Stored and read back, `plain` is equal; stored again, its AttributeValue is a fixed point.
// (Only after one round: a double -0.0 is written as N "-0" and reads back as the integer 0,
// which is written as "0". The values are equal throughout.)
void check_stable(const json& plain, const char* what) {
  const json av = to_av(plain);
  const json back = from_av(av);
  FUZZ_CHECK_MSG(back == plain, std::string(what) + " " + plain.dump() + " -> " + av.dump() + " -> " + back.dump());
  const json av_again = to_av(back);
  const json back_again = from_av(av_again);
  FUZZ_CHECK_MSG(back_again == back && to_av(back_again) == av_again, av_again.dump());
}

// Plain JSON, as the engine stores metadata.
void check_plain(const json& plain) { check_stable(plain, "plain"); }

// A value read back from DynamoDB can be stored again and reads back equal.
void check_read_back(const json& plain) { check_stable(plain, "read back"); }

void check_attribute_value(const json& av) {
  json plain;
  try {
    plain = aws::from_attribute_value(av);
  } catch (const std::invalid_argument&) {
    return;
  }
  check_read_back(plain);
}

void check_item(const json& item) {
  json plain;
  try {
    plain = aws::from_item(item);
  } catch (const std::invalid_argument&) {
    return;
  }
  FUZZ_CHECK(plain.is_object() && plain.size() == item.size());
  check_read_back(plain);
  const json stored = aws::to_item(plain);
  FUZZ_CHECK(stored == to_av(plain)["M"]);
}

void check_order_item(const json& item) {
  managers::Order order;
  try {
    order = managers::dynamodb::order_from_item(item);
  } catch (const managers::StorageError& error) {
    FUZZ_CHECK_MSG(error.backend() == "dynamodb" && error.code() == "CorruptItem", error.what());
    return;
  }
  const managers::dynamodb::OrderFigures figures = managers::dynamodb::order_figures_from_item(item);
  FUZZ_CHECK(figures.customer_id == order.customer_id && figures.status == order.status &&
             figures.total_price == order.total_price);
  FUZZ_CHECK(order.metadata.is_object());

  try {
    managers::domain::validate_order(order);
  } catch (const managers::ValidationError&) {
    return;  // the engine would refuse to write it; nothing more to compare
  }
  const json written = managers::dynamodb::order_to_item(order, 7);
  managers::Order back;
  try {
    back = managers::dynamodb::order_from_item(written);
  } catch (const managers::StorageError& error) {
    FUZZ_FAIL(written.dump() + " (written by order_to_item) is corrupt: " + error.what());
  }
  FUZZ_CHECK_MSG(back == order, written.dump());
  FUZZ_CHECK(managers::dynamodb::item_version(written) == 7);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const json document = json::parse(fuzz::text_of(data, size), nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return 0;
  check_plain(document);
  check_attribute_value(document);
  if (document.is_object()) {
    check_item(document);
    check_order_item(document);
  }
  return 0;
}
