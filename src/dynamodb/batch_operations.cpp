#include "dynamodb/batch_operations.hpp"

#include "dynamodb/order_writer.hpp"

namespace managers::dynamodb {
namespace {

using nlohmann::json;

constexpr int kMaxUnprocessedRounds = 12;

}  // namespace

void batch_write(RequestRunner& runner, const std::string& table, const std::vector<json>& write_requests) {
  for (std::size_t start = 0; start < write_requests.size(); start += kBatchWriteLimit) {
    const std::size_t end = std::min(write_requests.size(), start + kBatchWriteLimit);
    json pending = {{table, json(std::vector<json>(write_requests.begin() + static_cast<std::ptrdiff_t>(start),
                                                   write_requests.begin() + static_cast<std::ptrdiff_t>(end)))}};
    for (int round = 0;; ++round) {
      const json reply = runner.call("BatchWriteItem", {{"RequestItems", pending}});
      const auto unprocessed = reply.find("UnprocessedItems");
      if (unprocessed == reply.end() || !unprocessed->is_object() || unprocessed->empty()) break;
      if (round + 1 >= kMaxUnprocessedRounds)
        throw StorageError("dynamodb", "UnprocessedItems",
                           "BatchWriteItem on " + table + " left items unprocessed after " +
                               std::to_string(kMaxUnprocessedRounds) + " rounds (throughput exceeded?)");
      pending = *unprocessed;
      backoff(round, 25, 2000);
    }
  }
}

std::vector<json> batch_get(RequestRunner& runner, const std::string& table, const std::vector<json>& keys) {
  std::vector<json> items;
  json pending = {{table, {{"Keys", keys}, {"ConsistentRead", true}}}};
  for (int round = 0;; ++round) {
    const json reply = runner.call("BatchGetItem", {{"RequestItems", pending}});
    if (const auto responses = reply.find("Responses"); responses != reply.end()) {
      if (const auto found = responses->find(table); found != responses->end() && found->is_array())
        for (const json& item : *found) items.push_back(item);
    }
    const auto unprocessed = reply.find("UnprocessedKeys");
    if (unprocessed == reply.end() || !unprocessed->is_object() || unprocessed->empty()) return items;
    if (round + 1 >= kMaxUnprocessedRounds)
      throw StorageError("dynamodb", "UnprocessedKeys",
                         "BatchGetItem on " + table + " left keys unprocessed after " +
                             std::to_string(kMaxUnprocessedRounds) + " rounds (throughput exceeded?)");
    pending = *unprocessed;
    backoff(round, 25, 2000);
  }
}

}  // namespace managers::dynamodb
