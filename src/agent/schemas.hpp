#pragma once

// JSON Schema pieces the tool definitions share. Lengths and ranges come from
// managers/limits.hpp, the limits the core enforces, so a schema never promises what the core
// refuses (the core stays the authority: it counts bytes where JSON Schema counts characters).
// The schemas use only keywords that mean the same in JSON Schema draft-07 and 2020-12 (MCP
// says 2020-12; OpenAI and Anthropic accept these), and no "$schema".

#include <initializer_list>
#include <string>

#include <nlohmann/json.hpp>

namespace agent::schemas {

// How many orders a list tool returns when the model gives no limit, and at most: a model's
// context is small, and the newest orders are the ones a conversation is about.
inline constexpr int kDefaultListLimit = 20;
inline constexpr int kMaxListLimit = 100;

nlohmann::json order_id(const std::string& description);
nlohmann::json customer_id(const std::string& description);
nlohmann::json customer_name(const std::string& description);
// One of the six status values ("Being prepared"), as an enum.
nlohmann::json status(const std::string& description);
nlohmann::json list_limit();
// A short free text (a cancellation reason): 1..max_chars characters.
nlohmann::json text(const std::string& description, int max_chars);

// The arguments of place_order: create_order's, order_id optional.
nlohmann::json new_order_properties();

// An order as to_json(Order) writes it, and the statistics as to_json(OrderStatistics).
nlohmann::json order();
nlohmann::json statistics();

// An input schema: an object of exactly these properties, `required` among them.
nlohmann::json input_object(nlohmann::json properties, std::initializer_list<const char*> required);

// An output schema: {"type": "object", "oneOf": [the success object (these properties,
// `required` among them), {"error": {...}} (see tool_outcome.hpp)]}. Error results carry structuredContent
// too, so a client that validates every result against the schema accepts them.
nlohmann::json output_object(nlohmann::json properties, std::initializer_list<const char*> required);

}  // namespace agent::schemas
