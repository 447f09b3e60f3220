#pragma once

// Statistics intents: the non-transactional write path (DynamoDbWriteMode::kIntents).
//
// A write that changes the statistics first adds its delta to ONE counter shard and, in the same
// UpdateItem, records there what it is about to do: the attribute p_<write_id> (an "intent")
//
//   o  S   the order id
//   i  S   delete only: the incarnation (the `born` attribute) of the order item it deletes
//   t  N   when the intent was written (epoch ms)
//   d  M   the counter deltas it added ({"count_Pending": -1, "revenue_Pending": -1599, ...})
//   c  M   per customer whose marker it changes: {k: +1/-1, u: what it added to unique_customers}
//
// then writes the order (conditional, as ever), then the customer markers. The shard is encoded in
// the write id's first character, and every later write of the order uses the shard of the write
// id stored in the item, so the successor of a write finds (and removes) its intent.
//
// A reader of the statistics (get_order_statistics) sees every intent on the shards and asks the
// orders whether each one landed:
//   - a create or an update landed iff the order's stats_write is its write id (a later write that
//     changes the statistics removes the intent before it writes, and one that does not keeps
//     stats_write, so a landed intent is never judged by a newer item);
//   - a delete landed iff the order is absent or is another incarnation (re-created since).
// An intent that has not landed is in flight or its writer died: its delta is subtracted from the
// figures reported. So the figures describe the orders whenever no write is in flight.

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dynamodb/statistics_counters.hpp"

namespace managers::dynamodb {

inline constexpr const char* kIntentPrefix = "p_";

struct MarkerChange {
  std::string customer_id;
  int k = 0;  // +1: the order joins the customer, -1: it leaves
  int u = 0;  // what this change added to unique_customers (+1, 0 or -1)
};

struct Intent {
  std::string write_id;
  int shard = 0;
  std::string order_id;
  std::string incarnation;  // delete only
  bool is_delete = false;
  std::int64_t at_ms = 0;
  std::map<std::string, std::int64_t> deltas;  // counter attribute -> amount (unique_customers apart)
  std::vector<MarkerChange> customers;
  int unique_change() const;
};

// A customer's marker (kIntents mode) holds the count of the customer's orders (kMarkerOrdersAttr,
// as in kTransactional mode) and a token (marker_token) of each write whose change of that count is
// applied (String Set): a write applies its +1 / -1 only if its token is not there yet (a resend
// after a lost reply, or a settlement of a crashed write, changes nothing), and adds it in the same
// UpdateItem. So the item stays under 1 KB whatever the customer's number of orders, and a change
// costs 1 WCU. A token may go once its intent is off its shard (nobody applies that change again):
// the writer that finds more than kCrowdedMarker on a marker removes those, except the newest
// kRecentMarkerTokens (OrderWriter::clean_marker).
inline constexpr const char* kMarkerWritesAttr = "writes";
inline constexpr std::size_t kCrowdedMarker = 20;
inline constexpr std::size_t kRecentMarkerTokens = 8;

// The token a write leaves on the marker when its change is applied: the intent's time (8 base-36
// digits of epoch ms, so tokens sort by age) then its write id.
std::string marker_token(const Intent& intent);
// The write id a token names ("" if it is not a token).
std::string write_of_token(const std::string& token);

// A marker as read: the count and the tokens on it (no item: 0 and none).
struct MarkerView {
  std::int64_t orders = 0;
  std::set<std::string> tokens;
};
MarkerView marker_view_of(const nlohmann::json* item);
// What a change of `k` (+1: an order joins the customer, -1: one leaves) on a marker counting
// `orders` does to unique_customers: a customer counts while its count is above zero.
int unique_change_for(std::int64_t orders, int k);

std::string intent_attribute(const std::string& write_id);
// A delete's lock on its shard, x_<incarnation> (x_o:<order_id> for an item without `born`): at
// most one delete of an incarnation is under way, so a delete whose condition fails on an absent
// item knows the delete that removed it was its own (a resend after a lost reply).
std::string delete_lock_attribute(const Intent& intent);
// The shard of an order whose stored write id names none (an item of an earlier version or
// another client): the same for every writer of the order.
int shard_of_order(const std::string& order_id);
// A new write id whose first character is `shard`.
std::string new_write_id(int shard);
// The shard a write id encodes, or -1 (a write id of an earlier version, or none).
int shard_of_write(const std::string& write_id);

std::map<std::string, std::int64_t> counter_deltas(const StatisticsDelta& delta);
nlohmann::json intent_value(const Intent& intent);
// The intents found on one shard item (as GetItem / BatchGetItem return it).
std::vector<Intent> intents_on(const nlohmann::json& shard_item, int shard);
// A shard-like item holding minus the intent's deltas (for aggregates_from_shards).
nlohmann::json negated_counters(const Intent& intent);
// `order_item`: the order (order_id, stats_write, born) read consistently, or null when absent.
bool intent_landed(const Intent& intent, const nlohmann::json* order_item);

std::int64_t epoch_ms();

}  // namespace managers::dynamodb
