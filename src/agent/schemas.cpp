#include "agent/schemas.hpp"

#include "domain/order_schema.hpp"
#include "managers/limits.hpp"
#include "managers/order_status.hpp"

namespace agent::schemas {
namespace {

using nlohmann::json;
namespace limits = managers::limits;

json status_values() { return managers::domain::status_value_schema().at("enum"); }

json bounded_text(std::size_t max, const std::string& description) {
  return {{"type", "string"}, {"minLength", 1}, {"maxLength", max}, {"description", description}};
}

json money(std::int64_t max_cents, const std::string& description) {
  return {{"type", "number"},
          {"minimum", 0},
          {"maximum", static_cast<double>(max_cents) / 100.0},
          {"description", description}};
}

json error() {
  return {{"type", "object"},
          {"description", "Present only when the call failed (isError is true); nothing else is then present."},
          {"properties",
           {{"kind",
             {{"type", "string"},
              {"enum", {"invalid_argument", "not_found", "refused", "conflict", "store_unavailable", "internal"}}}},
            {"message", {{"type", "string"}}},
            {"field", {{"type", "string"}}},
            {"rule", {{"type", "string"}}}}},
          {"required", {"kind", "message"}},
          {"additionalProperties", false}};
}


json names(std::initializer_list<const char*> list) {
  json array = json::array();
  for (const char* name : list) array.push_back(name);
  return array;
}

}  // namespace

json order_id(const std::string& description) { return bounded_text(limits::kMaxIdBytes, description); }
json customer_id(const std::string& description) { return bounded_text(limits::kMaxIdBytes, description); }
json customer_name(const std::string& description) { return bounded_text(limits::kMaxNameBytes, description); }

json status(const std::string& description) {
  return {{"type", "string"}, {"enum", status_values()}, {"description", description}};
}

json list_limit() {
  return {{"type", "integer"},
          {"minimum", 1},
          {"maximum", kMaxListLimit},
          {"default", kDefaultListLimit},
          {"description", "At most this many orders (default " + std::to_string(kDefaultListLimit) + ", at most " +
                              std::to_string(kMaxListLimit) + ")."}};
}

json text(const std::string& description, int max_chars) {
  return {{"type", "string"}, {"minLength", 1}, {"maxLength", max_chars}, {"description", description}};
}

json new_order_properties() {
  const json item = {
      {"type", "object"},
      {"properties",
       {{"item_name", bounded_text(limits::kMaxNameBytes, "What was ordered, e.g. \"Coffee\".")},
        {"quantity",
         {{"type", "integer"}, {"minimum", 1}, {"maximum", limits::kMaxQuantity}, {"description", "How many."}}},
        {"unit_price", money(limits::kMaxUnitPriceCents, "Price of one, in dollars, e.g. 3.50.")}}},
      {"required", {"item_name", "quantity", "unit_price"}},
      {"additionalProperties", false}};
  return {
      {"order_id", order_id("Optional. Leave it out to get a new unique id (returned in the result). Give the id "
                            "from an earlier attempt to retry it safely: the same order is never placed twice.")},
      {"customer_id", customer_id("The customer's id, e.g. \"CUST-001\".")},
      {"customer_name", customer_name("The customer's name, e.g. \"John Doe\".")},
      {"items",
       {{"type", "array"},
        {"minItems", 1},
        {"maxItems", limits::kMaxItems},
        {"items", item},
        {"description", "The order lines."}}},
      {"total_price", money(limits::kMaxTotalPriceCents,
                            "The total the customer pays, in dollars, e.g. 16.99 (may differ from the sum of the "
                            "lines, e.g. after a discount).")},
      {"conversation_id", order_id("Optional. The conversation this order came from.")},
      {"estimated_ready_time",
       {{"type", "string"},
        {"description", "Optional. ISO-8601 time, e.g. \"2024-11-22T15:30:00\" or with an offset."}}},
      {"metadata", {{"type", "object"}, {"description", "Optional. Extra facts as a JSON object, e.g. {\"table\": \"5\"}."}}}};
}

json order() { return managers::domain::order_record_schema(managers::domain::status_value_schema()); }

json statistics() {
  json breakdown_properties = json::object();
  for (const json& value : status_values()) breakdown_properties[value.get<std::string>()] = {{"type", "integer"}};
  return {{"type", "object"},
          {"properties",
           {{"total_orders", {{"type", "integer"}}},
            {"total_revenue", {{"type", "number"}, {"description", "Dollars; cancelled orders excluded."}}},
            {"status_breakdown",
             {{"type", "object"},
              {"properties", std::move(breakdown_properties)},
              {"additionalProperties", false},
              {"description", "Orders per status; only statuses that have orders."}}},
            {"unique_customers", {{"type", "integer"}}}}},
          {"required", {"total_orders", "total_revenue", "status_breakdown", "unique_customers"}},
          {"additionalProperties", false}};
}

json input_object(json properties, std::initializer_list<const char*> required) {
  json schema = {{"type", "object"}, {"properties", std::move(properties)}, {"additionalProperties", false}};
  if (required.size() > 0) schema["required"] = names(required);
  return schema;
}

json output_object(json properties, std::initializer_list<const char*> required) {
  const json result = {{"type", "object"},
                       {"properties", std::move(properties)},
                       {"required", names(required)},
                       {"additionalProperties", false}};
  const json failed = {{"type", "object"},
                       {"properties", {{"error", error()}}},
                       {"required", json::array({"error"})},
                       {"additionalProperties", false}};
  return {{"type", "object"}, {"oneOf", json::array({result, failed})}};
}

}  // namespace agent::schemas
