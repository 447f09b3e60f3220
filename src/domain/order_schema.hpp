#pragma once

// The JSON Schema of the order record that to_json(Order) writes (order_json.cpp), for
// every surface that publishes it: the agent tools' outputSchema and the HTTP API's
// OpenAPI document. One definition, next to the JSON form, so a new field is described
// once and the published schemas cannot drift from what the handlers return.

#include <nlohmann/json.hpp>

namespace managers::domain {

// The record with every key required and no others (additionalProperties false).
// `status_schema` is how a surface names a status: an inline enum, or a $ref to its
// own component.
nlohmann::json order_record_schema(const nlohmann::json& status_schema);

// {"type": "string", "enum": ["Pending", "Confirmed", ...]}: the status values.
nlohmann::json status_value_schema();

}  // namespace managers::domain
