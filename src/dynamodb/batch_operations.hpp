#pragma once

// BatchWriteItem in chunks of 25 and BatchGetItem, each re-sending what DynamoDB returns as
// unprocessed (UnprocessedItems / UnprocessedKeys) with exponential backoff.

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dynamodb/request_runner.hpp"

namespace managers::dynamodb {

inline constexpr std::size_t kBatchWriteLimit = 25;
inline constexpr std::size_t kBatchGetLimit = 100;

// Sets `request`'s ProjectionExpression to `attributes` (through #p0, #p1, ... placeholders, as any
// attribute name may be a reserved word); nothing when `attributes` is empty (all attributes).
void set_projection(nlohmann::json& request, const std::vector<std::string>& attributes);

// `write_requests` are BatchWriteItem entries ({"PutRequest": {...}} / {"DeleteRequest": {...}})
// for `table`, sent 25 at a time. Throws StorageError("dynamodb", "UnprocessedItems", ...) when
// DynamoDB keeps refusing some after the retries.
void batch_write(RequestRunner& runner, const std::string& table, const std::vector<nlohmann::json>& write_requests);

// The items with these keys (at most 100), read consistently; missing items are absent from the
// result, whose order is unspecified.
// `projection`: the attributes to read (empty: all).
std::vector<nlohmann::json> batch_get(RequestRunner& runner, const std::string& table,
                                      const std::vector<nlohmann::json>& keys,
                                      const std::vector<std::string>& projection = {});

// One BatchGetItem over several tables (keys of all tables together at most 100): table -> the
// items read, consistently. `projections`: per table, the attributes to read (absent: all).
std::map<std::string, std::vector<nlohmann::json>> batch_get_tables(
    RequestRunner& runner, const std::map<std::string, std::vector<nlohmann::json>>& keys,
    const std::map<std::string, std::vector<std::string>>& projections);

}  // namespace managers::dynamodb
