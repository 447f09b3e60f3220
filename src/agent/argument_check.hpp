#pragma once

#include <nlohmann/json.hpp>

namespace agent {

// Checks a tool's arguments against its input schema before the handler sees them, so a
// model's mistake comes back as one sentence naming the field ("items[0].quantity: must be a
// whole number") instead of whatever the handler would trip over. Throws
// managers::ValidationError(field, rule) at the first violation.
//
// Supports the keywords the tool schemas use, and only those (type, properties, required,
// additionalProperties, enum, minLength, maxLength, minimum, maximum, minItems, maxItems, items;
// description, default and title are annotations): a schema with any other keyword throws
// std::logic_error, so a schema can never promise a check that is not made.
void check_arguments(const nlohmann::json& schema, const nlohmann::json& arguments);

// Throws std::logic_error if `schema` uses a keyword check_arguments does not enforce.
void require_supported_schema(const nlohmann::json& schema);

}  // namespace agent
