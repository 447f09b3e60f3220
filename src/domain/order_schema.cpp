#include "domain/order_schema.hpp"

#include "managers/order_status.hpp"

namespace managers::domain {
namespace {

using nlohmann::json;

json nullable_text() { return {{"type", json::array({"string", "null"})}}; }

}  // namespace

json status_value_schema() {
  json values = json::array();
  for (const OrderStatus status : kAllOrderStatuses) values.push_back(std::string(to_string(status)));
  return {{"type", "string"}, {"enum", std::move(values)}};
}

json order_record_schema(const json& status_schema) {
  const json money = {{"type", "number"}, {"minimum", 0}, {"description", "Dollars, exact to the cent"}};
  const json item = {{"type", "object"},
                     {"additionalProperties", false},
                     {"required", {"item_name", "quantity", "unit_price", "subtotal"}},
                     {"properties",
                      {{"item_name", {{"type", "string"}}},
                       {"quantity", {{"type", "integer"}, {"minimum", 1}}},
                       {"unit_price", money},
                       {"subtotal", money}}}};
  const json change = {{"type", "object"},
                       {"additionalProperties", false},
                       {"required", {"status", "changed_at"}},
                       {"properties", {{"status", status_schema}, {"changed_at", {{"type", "string"}}}}}};
  const json utc = {{"type", "string"}, {"description", "UTC, microseconds: 2026-11-25T08:35:10.123456Z"}};
  return {{"type", "object"},
          {"description", "The spec's order record, with its status history (oldest first)"},
          {"additionalProperties", false},
          {"required",
           {"order_id", "customer_id", "customer_name", "total_price", "status", "created_at", "updated_at",
            "estimated_ready_time", "conversation_id", "metadata", "items", "status_history"}},
          {"properties",
           {{"order_id", {{"type", "string"}}},
            {"customer_id", {{"type", "string"}}},
            {"customer_name", {{"type", "string"}}},
            {"total_price", money},
            {"status", status_schema},
            {"created_at", utc},
            {"updated_at", utc},
            {"estimated_ready_time", nullable_text()},
            {"conversation_id", nullable_text()},
            {"metadata", {{"type", "object"}}},
            {"items", {{"type", "array"}, {"items", item}}},
            {"status_history", {{"type", "array"}, {"minItems", 1}, {"items", change}}}}}};
}

}  // namespace managers::domain
