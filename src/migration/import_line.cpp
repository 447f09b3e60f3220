#include "migration/import_line.hpp"

#include <exception>

#include <nlohmann/json.hpp>

#include "domain/json_input.hpp"
#include "domain/printable_text.hpp"
#include "domain/validation.hpp"
#include "managers/errors.hpp"

namespace managers::transfer {

ParsedLine parse_import_line(std::string_view line) {
  ParsedLine parsed;
  domain::JsonInput input = domain::parse_json_input(line);
  if (!input.value) {
    parsed.error = "invalid JSON: " + domain::printable(input.error);
    return parsed;
  }
  const nlohmann::json& value = *input.value;
  if (value.is_object())
    if (const auto id = value.find("order_id"); id != value.end() && id->is_string()) parsed.order_id = *id;
  try {
    Order order = order_from_json(value);
    domain::validate_order(order);
    parsed.order = std::move(order);
  } catch (const ValidationError& error) {
    parsed.error = domain::printable(error.what());
  } catch (const std::exception& error) {  // an out-of-range number, a wrong JSON type
    parsed.error = "invalid order: " + domain::printable(error.what());
  }
  return parsed;
}

}  // namespace managers::transfer
