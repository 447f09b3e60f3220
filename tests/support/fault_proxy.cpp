#include "support/fault_proxy.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <numeric>
#include <set>
#include <utility>

#include <nlohmann/json.hpp>

namespace testing_support {

namespace {

constexpr std::string_view kTargetPrefix = "DynamoDB_20120810.";

using nlohmann::json;

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

size_t append_to_string(char* data, size_t size, size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

size_t collect_header(char* data, size_t size, size_t count, void* out) {
  const std::string line(data, size * count);
  auto* headers = static_cast<FakeHeaders*>(out);
  if (line.starts_with("HTTP/")) {
    headers->clear();  // keep only the final response's headers
    return size * count;
  }
  const auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    value.erase(value.find_last_not_of("\r\n") + 1);
    headers->emplace_back(line.substr(0, colon), value);
  }
  return size * count;
}

// CRC-32 (IEEE, as zlib and x-amz-crc32), for replies that come without the header.
std::uint32_t crc32_of(const std::string& data) {
  std::uint32_t crc = 0xFFFFFFFFU;
  for (unsigned char byte : data) {
    crc ^= byte;
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xEDB88320U & (0U - (crc & 1U)));
  }
  return ~crc;
}

FakeResponse error_reply(int status, const std::string& type, const std::string& message) {
  return FakeResponse::json(status, R"({"__type":")" + type + R"(","message":")" + message + R"("})");
}

// Damages the body in transit: the x-amz-crc32 it carries (DynamoDB's, or added here) no longer matches.
void corrupt(FakeResponse& response) {
  const auto crc = std::find_if(response.headers.begin(), response.headers.end(),
                                [](const auto& header) { return lower(header.first) == "x-amz-crc32"; });
  if (crc == response.headers.end()) response.headers.emplace_back("x-amz-crc32", std::to_string(crc32_of(response.body)));
  if (response.body.empty()) {
    response.body = "{}";
  } else {
    char& victim = response.body[response.body.size() / 2];
    victim = static_cast<char>(victim ^ 0x01);
  }
}

// A reply whose body was rewritten here: its x-amz-crc32 must describe the new body, as DynamoDB's would.
void set_body(FakeResponse& response, std::string body) {
  response.body = std::move(body);
  std::erase_if(response.headers, [](const auto& header) { return lower(header.first) == "x-amz-crc32"; });
  response.headers.emplace_back("x-amz-crc32", std::to_string(crc32_of(response.body)));
}

json parse_or_null(const std::string& text) { return json::parse(text, nullptr, /*allow_exceptions=*/false); }

void curl_init_once() {
  static const bool done = [] { return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK; }();
  (void)done;
}

}  // namespace

std::string_view fault_name(Fault fault) {
  switch (fault) {
    case Fault::kThrottling: return "Throttling";
    case Fault::kProvisionedThroughputExceeded: return "ProvisionedThroughputExceeded";
    case Fault::kInternalServerError: return "InternalServerError";
    case Fault::kServiceUnavailable: return "ServiceUnavailable";
    case Fault::kResetBeforeForward: return "ResetBeforeForward";
    case Fault::kResetAfterForward: return "ResetAfterForward";
    case Fault::kStallBeforeForward: return "StallBeforeForward";
    case Fault::kStallAfterForward: return "StallAfterForward";
    case Fault::kCorruptBody: return "CorruptBody";
  }
  return "Unknown";
}

bool reaches_upstream(Fault fault) {
  return fault == Fault::kResetAfterForward || fault == Fault::kStallAfterForward || fault == Fault::kCorruptBody;
}

std::string operation_of(const RecordedRequest& request) {
  const std::string target = request.header("X-Amz-Target").value_or("");
  return target.starts_with(kTargetPrefix) ? target.substr(kTargetPrefix.size()) : target;
}

FakeResponse forward_request(const std::string& upstream, const RecordedRequest& request) {
  curl_init_once();
  CURL* curl = curl_easy_init();
  if (curl == nullptr) return error_reply(500, "ProxyError", "curl_easy_init failed");
  curl_slist* headers = nullptr;
  for (const auto& [name, value] : request.headers) {
    const std::string name_lower = lower(name);
    if (name_lower == "host" || name_lower == "content-length" || name_lower == "connection") continue;
    headers = curl_slist_append(headers, (name + ": " + value).c_str());
  }
  headers = curl_slist_append(headers, "Expect:");
  FakeResponse response;
  curl_easy_setopt(curl, CURLOPT_URL, (upstream + request.target).c_str());
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  if (request.method != "GET") {
    if (request.method != "POST") curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(request.body.size()));
  }
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_to_string);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, collect_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response.headers);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 10000L);
  const CURLcode code = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  if (code != CURLE_OK) return error_reply(500, "ProxyError", "forward failed");
  response.status = static_cast<int>(status);
  std::erase_if(response.headers, [](const auto& header) {
    const std::string name = lower(header.first);
    return name == "content-length" || name == "connection" || name == "transfer-encoding";
  });
  return response;
}

FaultProxy::FaultProxy(std::string upstream, std::chrono::milliseconds stall_limit)
    : upstream_(std::move(upstream)), stall_limit_(stall_limit) {
  curl_init_once();  // before any connection thread may call curl
  server_.set_handler([this](const RecordedRequest& request) { return handle(request); });
}

FaultProxy::~FaultProxy() = default;

void FaultProxy::fail_next(std::string operation, Fault fault, int times, std::string body_contains) {
  std::lock_guard lock(mutex_);
  chooser_ = nullptr;
  rules_.push_back({std::move(operation), fault, times, std::move(body_contains)});
}

void FaultProxy::fail_every(std::string operation, Fault fault, std::string body_contains) {
  std::lock_guard lock(mutex_);
  chooser_ = nullptr;
  rules_.push_back({std::move(operation), fault, -1, std::move(body_contains)});
}

void FaultProxy::set_chooser(Chooser chooser) {
  std::lock_guard lock(mutex_);
  rules_.clear();
  chooser_ = std::move(chooser);
}

void FaultProxy::clear() {
  std::lock_guard lock(mutex_);
  rules_.clear();
  chooser_ = nullptr;
  withhold_rounds_left_ = 0;
  index_lag_ = false;
  last_index_answer_.clear();
  provisioned_.reset();
  buckets_.clear();
}

void FaultProxy::withhold_batch_parts(int rounds, std::uint32_t seed) {
  std::lock_guard lock(mutex_);
  withhold_rounds_left_ = rounds;
  withhold_random_.seed(seed);
}

std::size_t FaultProxy::withheld_rounds() const {
  std::lock_guard lock(mutex_);
  return withheld_rounds_;
}

std::size_t FaultProxy::withheld_entries() const {
  std::lock_guard lock(mutex_);
  return withheld_entries_;
}

void FaultProxy::set_index_lag(bool on) {
  std::lock_guard lock(mutex_);
  index_lag_ = on;
  if (!on) last_index_answer_.clear();
}

std::size_t FaultProxy::stale_answers() const {
  std::lock_guard lock(mutex_);
  return stale_answers_;
}

std::optional<FakeResponse> FaultProxy::withhold_part(const RecordedRequest& request, const std::string& operation) {
  const bool write = operation == "BatchWriteItem";
  if (!write && operation != "BatchGetItem") return std::nullopt;
  json body = parse_or_null(request.body);
  if (!body.is_object() || !body.contains("RequestItems") || !body["RequestItems"].is_object()) return std::nullopt;
  json& tables = body["RequestItems"];
  // How many entries (write requests or keys) the batch holds over all its tables.
  std::size_t entries = 0;
  for (const json& spec : tables) {
    const json& list = write ? spec : spec.value("Keys", json::array());
    if (!list.is_array()) return std::nullopt;
    entries += list.size();
  }
  if (entries == 0) return std::nullopt;
  std::vector<bool> withheld(entries, false);
  {
    std::lock_guard lock(mutex_);
    if (withhold_rounds_left_ == 0) return std::nullopt;
    if (withhold_rounds_left_ > 0) --withhold_rounds_left_;
    // A random, non-empty part: anything from one entry to the whole batch (AWS may refuse it all).
    std::vector<std::size_t> order(entries);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::shuffle(order.begin(), order.end(), withhold_random_);
    const std::size_t count = std::uniform_int_distribution<std::size_t>(1, entries)(withhold_random_);
    for (std::size_t i = 0; i < count; ++i) withheld[order[i]] = true;
    ++withheld_rounds_;
    withheld_entries_ += count;
  }

  // Split each table's list into what is forwarded and what comes back unprocessed (the same walk
  // over the tables as above, so `next` runs along `entries`). Named variables, not structured
  // bindings: clang 14 (the fuzz build) cannot capture those in a lambda.
  json forwarded = json::object();
  json unprocessed = json::object();
  std::size_t next = 0;
  for (auto table_it = tables.begin(); table_it != tables.end(); ++table_it) {
    const std::string table = table_it.key();
    const json& spec = table_it.value();
    const json& list = write ? spec : spec.value("Keys", json::array());
    json kept = json::array();
    json held = json::array();
    for (const json& entry : list) (withheld[next++] ? held : kept).push_back(entry);
    const auto place = [&](json& into, json part) {
      if (part.empty()) return;
      if (write) {
        into[table] = std::move(part);
      } else {
        json with_keys = spec;  // ConsistentRead, ProjectionExpression, ... as asked
        with_keys["Keys"] = std::move(part);
        into[table] = std::move(with_keys);
      }
    };
    place(forwarded, std::move(kept));
    place(unprocessed, std::move(held));
  }

  FakeResponse response;
  json reply;
  if (forwarded.empty()) {
    response = FakeResponse::json(200, "{}");
    reply = json::object();
    if (!write) reply["Responses"] = json::object();
  } else {
    RecordedRequest part = request;
    body["RequestItems"] = forwarded;
    part.body = body.dump();
    response = forward_request(upstream_, part);
    if (response.status != 200) return response;  // the client resends the whole batch
    reply = parse_or_null(response.body);
    if (!reply.is_object()) return response;
  }
  const char* key = write ? "UnprocessedItems" : "UnprocessedKeys";
  json& merged = reply[key];
  if (!merged.is_object()) merged = json::object();
  for (auto part = unprocessed.begin(); part != unprocessed.end(); ++part) {
    json& into = merged[part.key()];
    if (write) {
      for (const json& entry : part.value()) into.push_back(entry);
    } else if (into.is_object() && into.contains("Keys")) {
      for (const json& entry : part.value()["Keys"]) into["Keys"].push_back(entry);
    } else {
      into = part.value();
    }
  }
  set_body(response, reply.dump());
  return response;
}

std::optional<FakeResponse> FaultProxy::answer_lagging(const RecordedRequest& request, const std::string& operation) {
  if (operation != "Query") return std::nullopt;
  {
    std::lock_guard lock(mutex_);
    if (!index_lag_) return std::nullopt;
  }
  const json body = parse_or_null(request.body);
  if (!body.is_object() || !body.contains("IndexName")) return std::nullopt;
  FakeResponse fresh = forward_request(upstream_, request);
  if (fresh.status != 200) return fresh;
  std::lock_guard lock(mutex_);
  auto [previous, first] = last_index_answer_.try_emplace(request.body, fresh);
  if (first) return fresh;
  FakeResponse stale = std::move(previous->second);
  previous->second = std::move(fresh);
  ++stale_answers_;
  return stale;
}

std::vector<FaultProxy::Injection> FaultProxy::injections() const {
  std::lock_guard lock(mutex_);
  return injections_;
}

std::size_t FaultProxy::injection_count() const {
  std::lock_guard lock(mutex_);
  return injections_.size();
}

std::size_t FaultProxy::requests_seen(const std::string& operation) const {
  const std::vector<RecordedRequest> requests = server_.requests();
  if (operation.empty()) return requests.size();
  return static_cast<std::size_t>(std::count_if(requests.begin(), requests.end(), [&](const RecordedRequest& request) {
    return operation_of(request) == operation;
  }));
}

std::optional<Fault> FaultProxy::choose(const RecordedRequest& request, const std::string& operation) {
  Chooser chooser;
  {
    std::lock_guard lock(mutex_);
    if (!chooser_) {
      for (Rule& rule : rules_) {
        if (rule.remaining == 0 || (!rule.operation.empty() && rule.operation != operation)) continue;
        if (!rule.body_contains.empty() && request.body.find(rule.body_contains) == std::string::npos) continue;
        if (rule.remaining > 0) --rule.remaining;
        return rule.fault;
      }
      return std::nullopt;
    }
    chooser = chooser_;
  }
  return chooser(request);  // outside the lock: it may take its time or use its own
}

void FaultProxy::provision_writes(std::optional<ProvisionedWrites> provisioned) {
  std::lock_guard lock(mutex_);
  provisioned_ = provisioned;
  buckets_.clear();
  buckets_filled_at_ = std::chrono::steady_clock::now();
}

std::size_t FaultProxy::throttled_writes() const {
  std::lock_guard lock(mutex_);
  return throttled_writes_;
}

double FaultProxy::consumed_write_units() const {
  std::lock_guard lock(mutex_);
  return consumed_write_units_;
}

void FaultProxy::refill_buckets() {
  const auto now = std::chrono::steady_clock::now();
  const double seconds = std::chrono::duration<double>(now - buckets_filled_at_).count();
  buckets_filled_at_ = now;
  for (auto& [name, units] : buckets_) {
    const double rate = name.find('/') == std::string::npos ? provisioned_->table_units_per_second
                                                            : provisioned_->index_units_per_second;
    units = std::min(units + rate * seconds, rate * provisioned_->burst_seconds);
  }
}

std::optional<FakeResponse> FaultProxy::answer_provisioned(const RecordedRequest& request,
                                                          const std::string& operation) {
  static const std::set<std::string> kWrites = {"PutItem", "UpdateItem", "DeleteItem", "TransactWriteItems",
                                                "BatchWriteItem"};
  {
    // Most tests never provision: they pay nothing here (no parse of the body).
    std::lock_guard lock(mutex_);
    if (!provisioned_ || !kWrites.contains(operation)) return std::nullopt;
  }
  json body = parse_or_null(request.body);
  if (!body.is_object()) return std::nullopt;
  // The tables the request writes.
  std::set<std::string> tables;
  if (body.contains("TableName") && body["TableName"].is_string()) tables.insert(body["TableName"].get<std::string>());
  if (body.contains("RequestItems") && body["RequestItems"].is_object())
    for (auto it = body["RequestItems"].begin(); it != body["RequestItems"].end(); ++it) tables.insert(it.key());
  if (body.contains("TransactItems") && body["TransactItems"].is_array())
    for (const json& item : body["TransactItems"])
      if (item.is_object())
        for (auto action = item.begin(); action != item.end(); ++action)
          if (action->is_object() && action->contains("TableName") && (*action)["TableName"].is_string())
            tables.insert((*action)["TableName"].get<std::string>());
  {
    std::lock_guard lock(mutex_);
    if (!provisioned_) return std::nullopt;
    refill_buckets();
    for (const auto& [name, units] : buckets_) {
      const std::string table = name.substr(0, name.find('/'));
      if (tables.contains(table) && units <= 0) {
        ++throttled_writes_;
        return error_reply(400, "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
                           "The level of configured provisioned throughput for the table was exceeded "
                           "(fault proxy: provisioned write capacity)");
      }
    }
  }
  RecordedRequest forwarded = request;
  body["ReturnConsumedCapacity"] = "INDEXES";
  forwarded.body = body.dump();
  FakeResponse response = forward_request(upstream_, forwarded);
  const json reply = parse_or_null(response.body);
  if (response.status != 200 || !reply.is_object() || !reply.contains("ConsumedCapacity")) return response;
  const json& consumed = reply["ConsumedCapacity"];
  std::lock_guard lock(mutex_);
  refill_buckets();
  const auto take = [&](const std::string& name, double units, double rate) {
    // A bucket seen for the first time starts full.
    const auto [slot, fresh] = buckets_.try_emplace(name, rate * provisioned_->burst_seconds);
    slot->second -= units;
  };
  for (const json& entry : consumed.is_array() ? consumed : json::array({consumed})) {
    if (!entry.is_object() || !entry.contains("TableName")) continue;
    const std::string table = entry["TableName"].get<std::string>();
    consumed_write_units_ += entry.value("CapacityUnits", 0.0);
    take(table, entry.contains("Table") ? entry["Table"].value("CapacityUnits", 0.0) : entry.value("CapacityUnits", 0.0),
         provisioned_->table_units_per_second);
    if (entry.contains("GlobalSecondaryIndexes") && entry["GlobalSecondaryIndexes"].is_object())
      for (auto index = entry["GlobalSecondaryIndexes"].begin(); index != entry["GlobalSecondaryIndexes"].end(); ++index)
        take(table + "/" + index.key(), index.value().value("CapacityUnits", 0.0), provisioned_->index_units_per_second);
  }
  return response;
}

FakeResponse FaultProxy::handle(const RecordedRequest& request) {
  const std::string operation = operation_of(request);
  const std::optional<Fault> fault = choose(request, operation);
  if (!fault) {
    if (std::optional<FakeResponse> partial = withhold_part(request, operation)) return std::move(*partial);
    if (std::optional<FakeResponse> limited = answer_provisioned(request, operation)) return std::move(*limited);
    if (std::optional<FakeResponse> lagging = answer_lagging(request, operation)) return std::move(*lagging);
    return forward_request(upstream_, request);
  }

  Injection injection{operation, *fault, 0};
  FakeResponse response;
  switch (*fault) {
    case Fault::kThrottling:
      response = error_reply(400, "com.amazon.coral.availability#ThrottlingException", "injected: rate exceeded");
      break;
    case Fault::kProvisionedThroughputExceeded:
      response = error_reply(400, "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
                             "injected: the level of configured provisioned throughput was exceeded");
      break;
    case Fault::kInternalServerError:
      response = error_reply(500, "com.amazonaws.dynamodb.v20120810#InternalServerError", "injected: internal error");
      break;
    case Fault::kServiceUnavailable:
      response = error_reply(503, "com.amazonaws.dynamodb.v20120810#ServiceUnavailable", "injected: unavailable");
      break;
    case Fault::kResetBeforeForward:
      response = FakeResponse::reset();
      break;
    case Fault::kResetAfterForward:
      injection.upstream_status = forward_request(upstream_, request).status;
      response = FakeResponse::reset();
      break;
    case Fault::kStallBeforeForward:
      // Answered only if the client is still waiting at the stall limit.
      response = error_reply(503, "com.amazonaws.dynamodb.v20120810#ServiceUnavailable", "injected: stall limit");
      response.delay = stall_limit_;
      break;
    case Fault::kStallAfterForward:
      response = forward_request(upstream_, request);
      injection.upstream_status = response.status;
      response.delay = stall_limit_;
      break;
    case Fault::kCorruptBody:
      response = forward_request(upstream_, request);
      injection.upstream_status = response.status;
      corrupt(response);
      break;
  }
  {
    std::lock_guard lock(mutex_);
    injections_.push_back(std::move(injection));
  }
  return response;
}

}  // namespace testing_support
