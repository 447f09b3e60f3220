#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "managers/order.hpp"

namespace managers::domain {

// Each check throws ValidationError(field, rule) naming the input and the rule
// it broke, before anything is written. Limits are in managers/limits.hpp.

// An identifier: 1..kMaxIdBytes bytes of UTF-8 without control characters, with a visible
// character, no whitespace at either end (refused, never trimmed: stored exactly as given).
void validate_id(std::string_view field, const std::string& value);
// A name: the same rule, 1..kMaxNameBytes bytes.
void validate_name(std::string_view field, const std::string& value);
// ISO-8601 as in the spec's "2024-11-22T15:30:00", with or without an offset.
void validate_timestamp(std::string_view field, const std::string& value);
// A stored timestamp in the one form the engines write and sort by:
// "YYYY-MM-DDTHH:MM:SS.ffffffZ" (UTC, microseconds).
void validate_stored_timestamp(std::string_view field, const std::string& value);
// Metadata: a JSON object of at most kMaxMetadataBytes as compact JSON, nested at most
// kMaxMetadataDepth levels, finite numbers in DynamoDB's range, valid UTF-8 text. Safe on
// hostile documents (the depth is checked on the way down), so callers run it before they
// copy a caller's metadata: nlohmann::json copies recursively.
void validate_metadata(const nlohmann::json& metadata);
// `limit`, when given, must be >= 1.
void validate_limit(std::optional<int> limit);
void validate_page_size(int page_size);

// Everything create_order accepts.
void validate_new_order(const NewOrder& order);
// A complete stored order (import, migration): the creation rules plus
// consistent subtotals, timestamps and history.
void validate_order(const Order& order);

}  // namespace managers::domain
