#include "dynamodb/key_codec.hpp"

#include "domain/timestamps.hpp"

namespace managers::dynamodb {

std::string created_sort_key(const std::string& created_at, const std::string& order_id) {
  const auto micros = domain::parse_iso8601_micros(created_at);
  // Validation guarantees a parsable timestamp; the raw text is a fallback, never reached in practice.
  std::string key = micros ? domain::format_utc_micros(*micros) : created_at;
  key += '#';
  key += order_id;
  return key;
}

std::string shard_key(int shard) { return "shard#" + std::to_string(shard); }

std::string customer_marker_key(std::string_view customer_id) {
  std::string key = "customer#";
  key += customer_id;
  return key;
}

std::string count_attribute(OrderStatus status) { return "count_" + std::string(enum_name(status)); }

std::string revenue_attribute(OrderStatus status) { return "revenue_" + std::string(enum_name(status)); }

}  // namespace managers::dynamodb
