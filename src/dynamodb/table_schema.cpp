#include "dynamodb/table_schema.hpp"

#include <algorithm>

#include "domain/printable_text.hpp"
#include "managers/errors.hpp"

namespace managers::dynamodb {
namespace {

using nlohmann::json;

json throughput(std::int64_t read, std::int64_t write) {
  return {{"ReadCapacityUnits", read}, {"WriteCapacityUnits", write}};
}

void set_billing(json& request, const DynamoDbOptions& options) {
  if (options.billing_mode == BillingMode::PAY_PER_REQUEST) {
    request["BillingMode"] = "PAY_PER_REQUEST";
  } else {
    request["BillingMode"] = "PROVISIONED";
    request["ProvisionedThroughput"] = throughput(options.read_capacity, options.write_capacity);
  }
}

std::string text(const json& object, std::string_view key) {
  const auto found = object.find(std::string(key));
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

// The attribute that has `key_type` ("HASH" or "RANGE") in a KeySchema, or "".
std::string key_attribute(const json& key_schema, std::string_view key_type) {
  if (!key_schema.is_array()) return {};
  for (const json& element : key_schema)
    if (text(element, "KeyType") == key_type) return text(element, "AttributeName");
  return {};
}

// The declared type ("S", "N", "B") of an attribute in AttributeDefinitions, or "".
std::string attribute_type(const json& table, std::string_view attribute) {
  const auto definitions = table.find("AttributeDefinitions");
  if (definitions == table.end() || !definitions->is_array()) return {};
  for (const json& definition : *definitions)
    if (text(definition, "AttributeName") == attribute) return text(definition, "AttributeType");
  return {};
}

void check_key(const json& table, const json& key_schema, std::string_view what, std::string_view key_type,
               std::string_view expected, std::vector<std::string>& differences) {
  const std::string role = key_type == "HASH" ? "partition key" : "sort key";
  const std::string actual = key_attribute(key_schema, key_type);
  if (actual.empty()) {
    differences.push_back(std::string(what) + " has no " + role + "; expected " + std::string(expected) +
                          " (string)");
  } else if (actual != expected) {
    differences.push_back(std::string(what) + " has " + role + " " + actual + "; expected " +
                          std::string(expected));
  } else if (const std::string type = attribute_type(table, actual); type != "S") {
    differences.push_back(std::string(what) + " " + role + " " + actual + " is of type " +
                          (type.empty() ? std::string("unknown") : type) + "; expected S (string)");
  }
}

// DescribeTable says "Backfilling": true while a new GSI reads the table's items; it cannot be
// queried until that ends (both the status and this flag are checked).
bool backfilling(const json& index) {
  const auto found = index.find("Backfilling");
  return found != index.end() && found->is_boolean() && found->get<bool>();
}

// What the engine creates an index with: IndexProjection::kAll, whole orders; kKeys, the keys
// only, plus status where it is not a key (the customer indexes' status filter runs on it).
json projection_for(const IndexShape& shape, IndexProjection projection) {
  if (projection == IndexProjection::kAll) return {{"ProjectionType", "ALL"}};
  if (shape.partition_key == kStatusAttr) return {{"ProjectionType", "KEYS_ONLY"}};
  return {{"ProjectionType", "INCLUDE"}, {"NonKeyAttributes", json::array({kStatusAttr})}};
}

json index_definition(const IndexShape& shape, const DynamoDbOptions& options, bool provisioned) {
  json index = {{"IndexName", shape.name},
                {"KeySchema", json::array({{{"AttributeName", shape.partition_key}, {"KeyType", "HASH"}},
                                           {{"AttributeName", shape.sort_key}, {"KeyType", "RANGE"}}})},
                {"Projection", projection_for(shape, options.index_projection.value_or(IndexProjection::kAll))}};
  if (provisioned)
    index["ProvisionedThroughput"] = throughput(options.index_read_capacity, options.index_write_capacity);
  return index;
}

// An index's projection as the engine reads it: whole orders, the keys with status, or neither.
enum class ProjectionKind { kWhole, kKeysWithStatus, kUnusable };
ProjectionKind projection_kind(const json& index, const IndexShape& shape) {
  const json projection = index.value("Projection", json::object());
  const std::string type = text(projection, "ProjectionType");
  if (type == "ALL") return ProjectionKind::kWhole;
  if (type != "KEYS_ONLY" && type != "INCLUDE") return ProjectionKind::kUnusable;
  if (shape.partition_key == kStatusAttr) return ProjectionKind::kKeysWithStatus;
  const json attributes = projection.value("NonKeyAttributes", json::array());
  const bool has_status = type == "INCLUDE" && attributes.is_array() &&
                          std::find(attributes.begin(), attributes.end(), json(kStatusAttr)) != attributes.end();
  return has_status ? ProjectionKind::kKeysWithStatus : ProjectionKind::kUnusable;
}

void check_no_sort_key(const json& key_schema, std::string_view what, std::vector<std::string>& differences) {
  const std::string sort = key_attribute(key_schema, "RANGE");
  if (!sort.empty()) differences.push_back(std::string(what) + " has sort key " + sort + "; expected none");
}

}  // namespace

std::string stats_table_name(const std::string& table_name) { return table_name + "-stats"; }

void validate_table_name(const std::string& table_name, std::string_view source) {
  const bool valid_chars = std::all_of(table_name.begin(), table_name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
           c == '.';
  });
  if (table_name.size() < 3 || table_name.size() > kMaxTableNameLength || !valid_chars)
    throw ConfigurationError(std::string(source) + ": must be a DynamoDB table name: 3 to " +
                             std::to_string(kMaxTableNameLength) +
                             " characters from a-z, A-Z, 0-9, '_', '-', '.' (the engine adds \"-stats\" for its "
                             "statistics table); got " +
                             domain::quote_input(table_name));
}

json create_orders_table_request(const DynamoDbOptions& options) {
  json request = {
      {"TableName", options.table_name},
      {"AttributeDefinitions",
       json::array({{{"AttributeName", kOrderIdAttr}, {"AttributeType", "S"}},
                    {{"AttributeName", kCustomerIdAttr}, {"AttributeType", "S"}},
                    {{"AttributeName", kCustomerNameAttr}, {"AttributeType", "S"}},
                    {{"AttributeName", kStatusAttr}, {"AttributeType", "S"}},
                    {{"AttributeName", kCreatedSortAttr}, {"AttributeType", "S"}}})},
      {"KeySchema", json::array({{{"AttributeName", kOrderIdAttr}, {"KeyType", "HASH"}}})},
  };
  set_billing(request, options);
  json indexes = json::array();
  for (const IndexShape& shape : kIndexes)
    indexes.push_back(index_definition(shape, options, options.billing_mode == BillingMode::PROVISIONED));
  request["GlobalSecondaryIndexes"] = std::move(indexes);
  return request;
}

json create_stats_table_request(const DynamoDbOptions& options) {
  json request = {
      {"TableName", stats_table_name(options.table_name)},
      {"AttributeDefinitions", json::array({{{"AttributeName", kStatsKeyAttr}, {"AttributeType", "S"}}})},
      {"KeySchema", json::array({{{"AttributeName", kStatsKeyAttr}, {"KeyType", "HASH"}}})},
  };
  set_billing(request, options);
  return request;
}

std::vector<std::string> orders_table_differences(const json& table) {
  std::vector<std::string> differences;
  const std::string what = "table " + text(table, "TableName");
  const json key_schema = table.value("KeySchema", json::array());
  check_key(table, key_schema, what, "HASH", kOrderIdAttr, differences);
  check_no_sort_key(key_schema, what, differences);
  return differences;
}

const json* find_index(const json& table, std::string_view name) {
  const auto indexes = table.find("GlobalSecondaryIndexes");
  if (indexes == table.end() || !indexes->is_array()) return nullptr;
  for (const json& index : *indexes)
    if (text(index, "IndexName") == name) return &index;
  return nullptr;
}

bool index_has_our_keys(const json& index, const IndexShape& shape) {
  const json keys = index.value("KeySchema", json::array());
  return key_attribute(keys, "HASH") == shape.partition_key && key_attribute(keys, "RANGE") == shape.sort_key;
}

bool index_projection_usable(const json& index, const IndexShape& shape) {
  return projection_kind(index, shape) != ProjectionKind::kUnusable;
}

bool index_projection_is(const json& index, const IndexShape& shape, IndexProjection projection) {
  return projection_kind(index, shape) ==
         (projection == IndexProjection::kAll ? ProjectionKind::kWhole : ProjectionKind::kKeysWithStatus);
}

namespace {

// Why an index is not sorted (kSorted / kSortedKeys), or "" when it is; `mode` gets its mode.
std::string index_state(const json& table, const IndexShape& shape, IndexMode& mode) {
  const std::string what = "index " + std::string(shape.name);
  mode = IndexMode::kUnavailable;
  const json* index = find_index(table, shape.name);
  if (index == nullptr)
    return "table " + text(table, "TableName") + " has no global secondary index " + std::string(shape.name) +
           " (partition key " + std::string(shape.partition_key) + ", sort key " + std::string(shape.sort_key) + ")";
  const std::string status = text(*index, "IndexStatus");
  if (status != "ACTIVE") return what + " is " + (status.empty() ? std::string("in an unknown state") : status);
  if (backfilling(*index)) return what + " is backfilling";
  const ProjectionKind projection = projection_kind(*index, shape);
  if (projection == ProjectionKind::kUnusable) {
    const std::string type = text(index->value("Projection", json::object()), "ProjectionType");
    return what + " projects " + (type.empty() ? std::string("nothing") : type) +
           (shape.partition_key == kStatusAttr ? "" : " without status") +
           "; expected ALL, or the keys with status (list queries read orders from the index or by its keys)";
  }
  const json keys = index->value("KeySchema", json::array());
  std::vector<std::string> partition;
  check_key(table, keys, what, "HASH", shape.partition_key, partition);
  if (!partition.empty()) return partition.front();
  std::vector<std::string> sort;
  check_key(table, keys, what, "RANGE", shape.sort_key, sort);
  if (!sort.empty()) {
    // An unsorted index of keys only would need every order of the partition read from the table:
    // a Scan costs no more and needs one request per page instead of two.
    mode = projection == ProjectionKind::kWhole ? IndexMode::kUnsorted : IndexMode::kUnavailable;
    return sort.front();
  }
  mode = projection == ProjectionKind::kWhole ? IndexMode::kSorted : IndexMode::kSortedKeys;
  return {};
}

}  // namespace

std::array<IndexMode, kIndexes.size()> index_modes(const json& table) {
  std::array<IndexMode, kIndexes.size()> modes{};
  for (std::size_t i = 0; i < kIndexes.size(); ++i) index_state(table, kIndexes[i], modes[i]);
  return modes;
}

std::vector<std::string> legacy_index_notes(const json& table) {
  std::vector<std::string> notes;
  for (const IndexShape& shape : kIndexes) {
    IndexMode mode = IndexMode::kSorted;
    if (std::string note = index_state(table, shape, mode); !note.empty()) notes.push_back(std::move(note));
  }
  return notes;
}

json create_index_request(const std::string& table_name, const IndexShape& shape, bool provisioned,
                          const DynamoDbOptions& options) {
  json index = index_definition(shape, options, provisioned);
  return {{"TableName", table_name},
          {"AttributeDefinitions", json::array({{{"AttributeName", shape.partition_key}, {"AttributeType", "S"}},
                                                {{"AttributeName", shape.sort_key}, {"AttributeType", "S"}}})},
          {"GlobalSecondaryIndexUpdates", json::array({{{"Create", std::move(index)}}})}};
}

std::vector<std::string> stats_table_differences(const json& table) {
  std::vector<std::string> differences;
  const std::string what = "table " + text(table, "TableName");
  const json key_schema = table.value("KeySchema", json::array());
  check_key(table, key_schema, what, "HASH", kStatsKeyAttr, differences);
  check_no_sort_key(key_schema, what, differences);
  return differences;
}

bool table_is_active(const json& table) {
  if (text(table, "TableStatus") != "ACTIVE") return false;
  const json indexes = table.value("GlobalSecondaryIndexes", json::array());
  return std::all_of(indexes.begin(), indexes.end(), [](const json& index) {
    return text(index, "IndexStatus") == "ACTIVE" && !backfilling(index);
  });
}

std::string billing_mode_of(const json& table) {
  const auto summary = table.find("BillingModeSummary");
  if (summary != table.end() && summary->is_object()) {
    const std::string mode = text(*summary, "BillingMode");
    if (!mode.empty()) return mode;
  }
  return "PROVISIONED";
}

}  // namespace managers::dynamodb
