#include "dynamodb/statistics_intents.hpp"

#include <algorithm>
#include <chrono>
#include <random>

#include "aws/attribute_value.hpp"
#include "dynamodb/item_mapping.hpp"
#include "dynamodb/key_codec.hpp"
#include "dynamodb/order_writer.hpp"
#include "dynamodb/statistics_counters.hpp"
#include "managers/errors.hpp"

namespace managers::dynamodb {
namespace {

using nlohmann::json;

std::string string_of(const json& map, const char* field) {
  const auto found = map.find(field);
  if (found == map.end() || !found->is_object() || !found->contains("S")) return {};
  return found->at("S").get<std::string>();
}

}  // namespace

int Intent::unique_change() const {
  int total = 0;
  for (const MarkerChange& change : customers) total += change.u;
  return total;
}

std::string intent_attribute(const std::string& write_id) { return kIntentPrefix + write_id; }

std::string delete_lock_attribute(const Intent& intent) {
  return "x_" + (intent.incarnation.empty() ? "o:" + intent.order_id : intent.incarnation);
}

int shard_of_order(const std::string& order_id) {
  std::uint32_t hash = 2166136261U;  // FNV-1a: the same in every process and build
  for (const char c : order_id) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 16777619U;
  }
  return static_cast<int>(hash % kStatisticsShards);
}

std::string new_write_id(int shard) {
  // The first character is the shard; the rest random (80 bits: distinct among any writes of an
  // order that could ever meet), short because every intent on a shard item is billed with it.
  return std::to_string(shard) + random_token().substr(0, 20);
}

int shard_of_write(const std::string& write_id) {
  if (write_id.size() != 21 || write_id[0] < '0' || write_id[0] >= '0' + kStatisticsShards) return -1;
  return write_id[0] - '0';
}

std::map<std::string, std::int64_t> counter_deltas(const StatisticsDelta& delta) {
  std::map<std::string, std::int64_t> deltas;
  for (const auto& [status, totals] : delta.by_status) {
    if (totals.orders != 0) deltas[count_attribute(status)] = totals.orders;
    if (totals.revenue != Money()) deltas[revenue_attribute(status)] = totals.revenue.cents();
  }
  return deltas;
}

json intent_value(const Intent& intent) {
  json d = json::object();
  for (const auto& [attribute, amount] : intent.deltas) d[attribute] = aws::N(amount);
  json c = json::object();
  for (const MarkerChange& change : intent.customers)
    c[change.customer_id] = {{"M", {{"k", aws::N(change.k)}, {"u", aws::N(change.u)}}}};
  json value = {{"o", aws::S(intent.order_id)}, {"t", aws::N(intent.at_ms)}, {"d", {{"M", d}}}, {"c", {{"M", c}}}};
  // An empty string is not stored (older DynamoDB Local refuses it): absent reads back as "".
  if (intent.is_delete && !intent.incarnation.empty()) value["i"] = aws::S(intent.incarnation);
  if (intent.is_delete) value["x"] = {{"BOOL", true}};
  return {{"M", value}};
}

std::vector<Intent> intents_on(const json& shard_item, int shard) {
  std::vector<Intent> intents;
  for (const auto& [name, value] : shard_item.items()) {
    if (!name.starts_with(kIntentPrefix)) continue;
    const auto map = value.find("M");
    if (!value.is_object() || map == value.end() || !map->is_object())
      throw StorageError("dynamodb", "CorruptItem", "statistics intent " + name + " is not a map");
    Intent intent;
    intent.write_id = name.substr(std::string(kIntentPrefix).size());
    intent.shard = shard;
    intent.order_id = string_of(*map, "o");
    intent.incarnation = string_of(*map, "i");
    intent.is_delete = map->contains("x");
    // A copy of the name: clang before 16 cannot capture a structured binding (the fuzz build).
    const std::string what = "statistics intent field " + name + ".";
    const auto field = [&what](const json& number, const char* key) { return whole_number(number, what + key); };
    intent.at_ms = map->contains("t") ? field(map->at("t"), "t") : 0;
    if (const auto d = map->find("d"); d != map->end() && d->contains("M"))
      for (const auto& [attribute, amount] : d->at("M").items()) intent.deltas[attribute] = field(amount, "d");
    if (const auto c = map->find("c"); c != map->end() && c->contains("M")) {
      for (const auto& [customer, change] : c->at("M").items()) {
        const json& fields = change.contains("M") ? change.at("M") : change;
        MarkerChange marker{customer, 0, 0};
        if (fields.contains("k")) marker.k = static_cast<int>(field(fields.at("k"), "k"));
        if (fields.contains("u")) marker.u = static_cast<int>(field(fields.at("u"), "u"));
        intent.customers.push_back(std::move(marker));
      }
    }
    if (intent.order_id.empty())
      throw StorageError("dynamodb", "CorruptItem", "statistics intent " + name + " names no order");
    intents.push_back(std::move(intent));
  }
  return intents;
}

std::string marker_token(const Intent& intent) {
  static constexpr char kDigits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::string time(8, '0');
  std::uint64_t value = static_cast<std::uint64_t>(std::max<std::int64_t>(intent.at_ms, 0));
  for (int i = 7; i >= 0 && value > 0; --i, value /= 36) time[static_cast<std::size_t>(i)] = kDigits[value % 36];
  return time + intent.write_id;
}

std::string write_of_token(const std::string& token) { return token.size() > 8 ? token.substr(8) : std::string(); }

MarkerView marker_view_of(const json* item) {
  MarkerView view;
  if (item == nullptr || !item->is_object()) return view;
  if (const auto orders = item->find(kMarkerOrdersAttr); orders != item->end())
    view.orders = whole_number(*orders, std::string("customer marker ") + kMarkerOrdersAttr);
  if (const auto writes = item->find(kMarkerWritesAttr); writes != item->end() && writes->contains("SS"))
    for (const json& id : writes->at("SS"))
      if (id.is_string()) view.tokens.insert(id.get<std::string>());
  return view;
}

int unique_change_for(std::int64_t orders, int k) {
  if (k > 0) return orders <= 0 ? 1 : 0;
  return orders == 1 ? -1 : 0;
}

json negated_counters(const Intent& intent) {
  json item = json::object();
  for (const auto& [attribute, amount] : intent.deltas) item[attribute] = aws::N(-amount);
  item[kUniqueCustomersAttr] = aws::N(-intent.unique_change());
  return item;
}

bool intent_landed(const Intent& intent, const json* order_item) {
  if (intent.is_delete) {
    if (order_item == nullptr) return true;
    return string_of(*order_item, kBornAttr) != intent.incarnation;
  }
  return order_item != nullptr && string_of(*order_item, kStatsWriteAttr) == intent.write_id;
}

std::int64_t epoch_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace managers::dynamodb
