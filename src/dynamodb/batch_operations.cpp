#include "dynamodb/batch_operations.hpp"

#include "dynamodb/order_writer.hpp"

namespace managers::dynamodb {
namespace {

using nlohmann::json;

constexpr int kMaxUnprocessedRounds = 12;

// Sends `operation` with `pending` as its RequestItems and resends whatever
// DynamoDB hands back under `unprocessed_key`, with backoff, until nothing is
// left; `on_reply` sees every reply. Throws after kMaxUnprocessedRounds.
template <typename OnReply>
void send_until_processed(RequestRunner& runner, const char* operation, const char* unprocessed_key,
                          const std::string& table, json pending, OnReply on_reply) {
  for (int round = 0;; ++round) {
    const json reply = runner.call(operation, {{"RequestItems", pending}});
    on_reply(reply);
    const auto unprocessed = reply.find(unprocessed_key);
    if (unprocessed == reply.end() || !unprocessed->is_object() || unprocessed->empty()) return;
    if (round + 1 >= kMaxUnprocessedRounds)
      throw StorageError("dynamodb", unprocessed_key,
                         std::string(operation) + " on " + table + " left " + unprocessed_key + " after " +
                             std::to_string(kMaxUnprocessedRounds) + " rounds (throughput exceeded?)");
    pending = *unprocessed;
    backoff(round, 25, 2000);
  }
}

}  // namespace

void set_projection(json& request, const std::vector<std::string>& attributes) {
  if (attributes.empty()) return;
  std::string expression;
  json& names = request["ExpressionAttributeNames"];
  if (!names.is_object()) names = json::object();
  for (std::size_t i = 0; i < attributes.size(); ++i) {
    const std::string name = "#p" + std::to_string(i);
    expression += (i == 0 ? "" : ", ") + name;
    names[name] = attributes[i];
  }
  request["ProjectionExpression"] = std::move(expression);
}

void batch_write(RequestRunner& runner, const std::string& table, const std::vector<json>& write_requests) {
  for (std::size_t start = 0; start < write_requests.size(); start += kBatchWriteLimit) {
    const std::size_t end = std::min(write_requests.size(), start + kBatchWriteLimit);
    json pending = {{table, json(std::vector<json>(write_requests.begin() + static_cast<std::ptrdiff_t>(start),
                                                   write_requests.begin() + static_cast<std::ptrdiff_t>(end)))}};
    send_until_processed(runner, "BatchWriteItem", "UnprocessedItems", table, std::move(pending), [](const json&) {});
  }
}

std::vector<json> batch_get(RequestRunner& runner, const std::string& table, const std::vector<json>& keys,
                            const std::vector<std::string>& projection) {
  std::map<std::string, std::vector<std::string>> projections;
  if (!projection.empty()) projections[table] = projection;
  std::map<std::string, std::vector<json>> items = batch_get_tables(runner, {{table, keys}}, projections);
  return std::move(items[table]);
}

std::map<std::string, std::vector<json>> batch_get_tables(RequestRunner& runner,
                                                         const std::map<std::string, std::vector<json>>& keys,
                                                         const std::map<std::string, std::vector<std::string>>& projections) {
  std::map<std::string, std::vector<json>> items;
  json pending = json::object();
  std::string tables;
  for (const auto& [table, table_keys] : keys) {
    if (table_keys.empty()) continue;
    json entry = {{"Keys", table_keys}, {"ConsistentRead", true}};
    if (const auto projection = projections.find(table); projection != projections.end())
      set_projection(entry, projection->second);
    pending[table] = std::move(entry);
    tables += (tables.empty() ? "" : ", ") + table;
  }
  if (pending.empty()) return items;
  send_until_processed(runner, "BatchGetItem", "UnprocessedKeys", tables, std::move(pending), [&](const json& reply) {
    if (const auto responses = reply.find("Responses"); responses != reply.end() && responses->is_object())
      for (const auto& [table, found] : responses->items())
        if (found.is_array())
          for (const json& item : found) items[table].push_back(item);
  });
  return items;
}

}  // namespace managers::dynamodb
