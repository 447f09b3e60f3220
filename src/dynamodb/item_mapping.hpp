#pragma once

// Order <-> DynamoDB item (the {"attr": AttributeValue} map of PutItem / GetItem).
//
//   order_id, customer_id, customer_name, status ("Being prepared"), created_at, updated_at   S
//   created_sort (the GSI sort key, key_codec.hpp)                                            S
//   total_price                 N, exact decimal from Money ("16.99"; DynamoDB may return "16.99" or "7")
//   estimated_ready_time, conversation_id      S, NULL when unset (as the spec's module wrote None)
//   metadata                    M of any JSON (objects, arrays, strings, numbers, booleans, null);
//                               map keys "" and "~..." are stored as "~" and "~~..." (DynamoDB
//                               refuses empty names); numbers lie in DynamoDB's range (validation.cpp)
//   items                       L of M {item_name S, quantity N, unit_price N, subtotal N}
//   status_history              L of M {status S, changed_at S}
//   version                     N: 1 when written first, +1 on every change (optimistic concurrency)
//   write_id                    S: random per write, to recognise one's own write after a lost reply
//   born                        S: write_id of the create of this incarnation (statistics intents)
//   stats_write                 S: write_id of the last write that changed the statistics

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "managers/order.hpp"

namespace managers::dynamodb {

inline constexpr const char* kVersionAttr = "version";
// Set by the writer (order_writer.hpp): which commit wrote the item. Not part of the Order.
inline constexpr const char* kWriteIdAttr = "write_id";
// The write_id of the create that began this incarnation of the order (kept by every later write),
// so that the statistics reader can tell a re-created order from one a delete never reached.
inline constexpr const char* kBornAttr = "born";
// The write_id of the last write that changed the statistics (a new ready time keeps it), whose
// intent may still be on its counter shard: the statistics reader asks the item for it.
inline constexpr const char* kStatsWriteAttr = "stats_write";

nlohmann::json order_to_item(const Order& order, std::int64_t version);

// Reads what this engine writes and what other clients write in the spec's data structure: NULL
// means absent for every optional attribute; a missing status_history is derived (the current
// status since created_at), a missing updated_at is created_at, a missing subtotal is
// unit_price x quantity, timestamps in any ISO-8601 form become the stored UTC form.
// Throws StorageError("dynamodb", "CorruptItem", ...) naming the order and attribute when the
// item is not an order even so.
Order order_from_item(const nlohmann::json& item);

// The attributes the statistics depend on, from an item (or a Scan projection of them).
struct OrderFigures {
  std::string customer_id;
  OrderStatus status = OrderStatus::PENDING;
  Money total_price;
};
OrderFigures order_figures_from_item(const nlohmann::json& item);

// DynamoDB refuses an item over 400 KB only after the request travelled: this refuses it
// before, with a ValidationError naming the biggest attribute. The documented input limits
// keep every valid order far below it (docs/RELIABILITY.md); it guards the mapping.
void check_item_size(const nlohmann::json& item);

// The item's version attribute (0 when absent: an item written by something else).
std::int64_t item_version(const nlohmann::json& item);

}  // namespace managers::dynamodb
