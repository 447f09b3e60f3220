#include "support/fault_proxy.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <utility>

namespace testing_support {

namespace {

constexpr std::string_view kTargetPrefix = "DynamoDB_20120810.";

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

void FaultProxy::fail_next(std::string operation, Fault fault, int times) {
  std::lock_guard lock(mutex_);
  chooser_ = nullptr;
  rules_.push_back({std::move(operation), fault, times});
}

void FaultProxy::fail_every(std::string operation, Fault fault) {
  std::lock_guard lock(mutex_);
  chooser_ = nullptr;
  rules_.push_back({std::move(operation), fault, -1});
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
        if (rule.remaining > 0) --rule.remaining;
        return rule.fault;
      }
      return std::nullopt;
    }
    chooser = chooser_;
  }
  return chooser(request);  // outside the lock: it may take its time or use its own
}

FakeResponse FaultProxy::handle(const RecordedRequest& request) {
  const std::string operation = operation_of(request);
  const std::optional<Fault> fault = choose(request, operation);
  if (!fault) return forward_request(upstream_, request);

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
