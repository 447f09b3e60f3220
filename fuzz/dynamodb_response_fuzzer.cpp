// DynamoDB replies, handled as aws::DynamoDbClient handles them (x-amz-crc32 first, then the
// JSON body of a 2xx, else parse_service_error), and then by the engine's readers: GetItem,
// Query and Scan pages, BatchGetItem responses summed as statistics shards, DescribeTable
// checked against the layout, ConsumedCapacity counted by RequestRunner.
//
// The input reads like an HTTP response:
//   HTTP/1.1 400
//   x-amzn-RequestId: ABC
//   x-amz-crc32: 1234
//   <blank line>
//   {"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"..."}
//
// Invariants:
//  - crc32 agrees with a bitwise reference CRC-32, and crc32_matches accepts exactly the decimal
//    text of the body's CRC (blanks around it allowed);
//  - parse_service_error never throws; its code is non-empty and has no '#' or ':'; the status is
//    kept; CancellationReasons give one reason per entry; the message does not depend on the
//    secret key's value (a secret the reply echoes is redacted, also at the 200-byte cut);
//    RequestRunner turns it into a ServiceFailure with the same code, status and reasons;
//  - the engine's readers throw only StorageError for any reply, a Query never returns more
//    than its limit, a Scan page's token is empty or its last order id, and the DescribeTable
//    checks (differences, active, billing mode) never throw.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <typeinfo>
#include <vector>

#include <nlohmann/json.hpp>

#include "aws/attribute_value.hpp"
#include "aws/crc32.hpp"
#include "aws/errors.hpp"
#include "aws/http_client.hpp"
#include "aws/redact.hpp"
#include "aws/retry_policy.hpp"
#include "aws/service_error_parser.hpp"
#include "dynamodb/batch_operations.hpp"
#include "dynamodb/order_queries.hpp"
#include "dynamodb/request_runner.hpp"
#include "dynamodb/statistics_counters.hpp"
#include "dynamodb/table_schema.hpp"
#include "dynamodb/table_setup.hpp"
#include "dynamodb/transport.hpp"
#include "fuzz_support.hpp"
#include "managers/errors.hpp"

namespace {

using nlohmann::json;
namespace ddb = managers::dynamodb;

// Two secret keys of the same length, each of 40 distinct characters: an occurrence of one can
// neither overlap itself nor straddle a replaced occurrence.
constexpr std::string_view kSecretA = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN";
constexpr std::string_view kSecretB = "0123456789OPQRSTUVWXYZ+/!$%&()*,-.;<=>?@";

// --- The input as an HTTP response ---------------------------------------------------------

aws::http::Response read_response(std::string_view text) {
  aws::http::Response response;
  std::string_view status_line = fuzz::take_line(text);  // "HTTP/1.1 200 OK" or just "200"
  if (status_line.substr(0, 5) == "HTTP/") {
    const auto space = status_line.find(' ');
    status_line.remove_prefix(space == std::string_view::npos ? status_line.size() : space + 1);
  }
  int status = 0;
  std::from_chars(status_line.data(), status_line.data() + std::min<std::size_t>(status_line.size(), 3), status);
  response.status = status;
  while (!text.empty()) {
    const std::string_view line = fuzz::take_line(text);
    if (line.empty()) break;
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string name(line.substr(0, colon));
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    response.headers.emplace_back(std::move(name), std::string(value));
  }
  response.body = std::string(text);
  return response;
}

// --- CRC-32 ----------------------------------------------------------------------------------

std::uint32_t reference_crc32(std::string_view data) {
  std::uint32_t crc = 0xffffffffu;
  for (unsigned char byte : data) {
    crc ^= byte;
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

bool reference_crc32_matches(std::string_view body, std::string_view header) {
  while (!header.empty() && header.front() == ' ') header.remove_prefix(1);
  while (!header.empty() && header.back() == ' ') header.remove_suffix(1);
  if (header.empty()) return false;
  std::uint64_t value = 0;
  for (char c : header) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
    if (value > 0xffffffffu) return false;
  }
  return value == reference_crc32(body);
}

void check_crc(const aws::http::Response& response) {
  const std::uint32_t crc = aws::crc32(response.body);
  FUZZ_CHECK(crc == reference_crc32(response.body));
  FUZZ_CHECK(aws::crc32_matches(response.body, std::to_string(crc)));
  FUZZ_CHECK(aws::crc32_matches(response.body, " " + std::to_string(crc) + " "));
  FUZZ_CHECK(!aws::crc32_matches(response.body, std::to_string(crc ^ 1u)));
  if (const auto header = response.header("x-amz-crc32"))
    FUZZ_CHECK_MSG(aws::crc32_matches(response.body, *header) == reference_crc32_matches(response.body, *header),
                   "x-amz-crc32: '" + *header + "'");
}

// --- A transport that replays the reply once -------------------------------------------------

class ReplayTransport : public ddb::Transport {
 public:
  explicit ReplayTransport(json reply) : reply_(std::move(reply)) {}
  explicit ReplayTransport(aws::ServiceError error) : error_(std::move(error)) {}

  // The first call gets the reply (or the error); later ones an empty reply, so that a reader
  // following LastEvaluatedKey stops.
  json call(std::string_view, const json&) override {
    if (++calls_ > 1) return json::object();
    if (error_) throw *error_;
    return reply_;
  }
  ddb::TransportStats stats() const override { return {calls_, 0}; }
  std::string region() const override { return "us-east-1"; }
  std::string endpoint() const override { return "http://dynamodb.invalid"; }
  std::string credential_source() const override { return "none"; }

 private:
  json reply_;
  std::optional<aws::ServiceError> error_;
  std::int64_t calls_ = 0;
};

template <typename Read>
void expect_only_storage_errors(const json& reply, const char* reader, Read read) {
  ddb::RequestRunner runner(std::make_unique<ReplayTransport>(reply));
  try {
    read(runner);
  } catch (const managers::StorageError&) {
    // CorruptItem, UnexpectedReply, ...: documented for a reply that is not what DynamoDB sends.
  } catch (const std::exception& error) {
    FUZZ_FAIL(std::string(reader) + " threw " + typeid(error).name() + ": " + error.what());
  }
}

void check_readers(const json& reply) {
  expect_only_storage_errors(reply, "GetItem", [](ddb::RequestRunner& runner) {
    (void)ddb::get_order(runner, "orders", "ORD-001");
  });
  expect_only_storage_errors(reply, "Query", [](ddb::RequestRunner& runner) {
    ddb::IndexQuery query;
    query.index = ddb::kCustomerIdIndex;
    query.key_attribute = ddb::kCustomerIdAttr;
    query.key_value = "CUST-001";
    query.newest_first = true;
    query.limit = 2;
    const std::vector<managers::Order> orders = ddb::query_index(runner, "orders", query);
    FUZZ_CHECK(orders.size() <= 2);
  });
  expect_only_storage_errors(reply, "Scan", [](ddb::RequestRunner& runner) {
    const managers::OrderPage page = ddb::scan_page(runner, "orders", "", 3);
    FUZZ_CHECK(page.next_page_token.empty() ||
               (!page.orders.empty() && page.next_page_token == page.orders.back().order_id));
  });
  expect_only_storage_errors(reply, "BatchGetItem", [&reply](ddb::RequestRunner&) {
    // batch_get resends UnprocessedKeys after a backoff pause: left out to keep the fuzzer fast.
    json once = reply;
    if (once.is_object()) once.erase("UnprocessedKeys");
    ddb::RequestRunner runner(std::make_unique<ReplayTransport>(once));
    const std::vector<json> items = ddb::batch_get(runner, "orders-stats", {ddb::shard_key_value(0)});
    const managers::OrderAggregates aggregates = ddb::aggregates_from_shards(items);
    for (const auto& [status, totals] : aggregates.by_status) FUZZ_CHECK(totals.orders != 0);
  });
  expect_only_storage_errors(reply, "DescribeTable", [](ddb::RequestRunner& runner) {
    const std::optional<json> table = ddb::describe_table(runner, "orders");
    FUZZ_CHECK(table && table->is_object());
    (void)ddb::orders_table_differences(*table);
    (void)ddb::stats_table_differences(*table);
    (void)ddb::table_is_active(*table);
    FUZZ_CHECK(!ddb::billing_mode_of(*table).empty());
  });
  expect_only_storage_errors(reply, "PutItem", [](ddb::RequestRunner& runner) {
    (void)runner.call("PutItem", {{"TableName", "orders"}, {"Item", {{"order_id", aws::S("ORD-001")}}}});
    const managers::DynamoDbCounters counters = runner.counters();
    FUZZ_CHECK(counters.calls.at("PutItem") == 1 && counters.requests == 1);
  });
}

// --- Error replies ---------------------------------------------------------------------------

aws::ServiceError parse_error(const aws::http::Response& response, std::string_view secret) {
  aws::Credentials credentials;
  credentials.access_key_id = "AKIDFUZZ";
  credentials.secret_access_key = std::string(secret);
  try {
    return aws::parse_service_error(response, aws::Redactor(credentials));
  } catch (const std::exception& error) {
    FUZZ_FAIL(std::string("parse_service_error threw: ") + error.what());
  }
}

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  for (auto pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size()))
    text.replace(pos, from.size(), to);
  return text;
}

void check_error_reply(const aws::http::Response& response) {
  const aws::ServiceError error = parse_error(response, kSecretA);
  const std::string& code = error.code();
  FUZZ_CHECK_MSG(!code.empty() && code.find('#') == std::string::npos && code.find(':') == std::string::npos,
                 "code '" + code + "'");
  FUZZ_CHECK(error.http_status() == static_cast<int>(response.status));
  const std::string_view code_text = std::string_view(code).substr(0, code.find('\0'));  // what() is a C string
  FUZZ_CHECK(std::string_view(error.what()).substr(0, code_text.size()) == code_text);

  const json doc = json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  std::size_t expected_reasons = 0;
  if (doc.is_object())
    if (const auto reasons = doc.find("CancellationReasons"); reasons != doc.end() && reasons->is_array())
      expected_reasons = reasons->size();
  FUZZ_CHECK(error.cancellation_reasons().size() == expected_reasons);
  if (!doc.is_object()) FUZZ_CHECK(error.message().size() <= 200);

  (void)aws::classify_service_error(code, error.http_status());

  // The message must not depend on the secret's value: the same reply echoing another secret
  // (every occurrence replaced) gives the same message. Skipped when the reply already holds
  // the other secret, or JSON escapes that could spell a secret without its bytes.
  const bool comparable = response.body.find('\\') == std::string::npos &&
                          response.body.find(kSecretB) == std::string::npos;
  if (comparable) {
    aws::http::Response echoed = response;
    echoed.body = replace_all(echoed.body, kSecretA, kSecretB);
    for (auto& [name, value] : echoed.headers) value = replace_all(value, kSecretA, kSecretB);
    const aws::ServiceError other = parse_error(echoed, kSecretB);
    FUZZ_CHECK_MSG(other.message() == error.message(),
                   "the message depends on the secret:\n  " + error.message() + "\n  " + other.message());
  }

  // The engine's view of it.
  ddb::RequestRunner runner(std::make_unique<ReplayTransport>(error));
  try {
    (void)runner.call("PutItem", {{"TableName", "orders"}});
    FUZZ_FAIL("RequestRunner swallowed a service error");
  } catch (const ddb::ServiceFailure& failure) {
    FUZZ_CHECK(failure.backend() == "dynamodb" && failure.code() == code &&
               failure.http_status() == error.http_status() &&
               failure.cancellation_reasons() == error.cancellation_reasons());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const aws::http::Response response = read_response(fuzz::text_of(data, size));
  check_crc(response);
  // As DynamoDbClient::attempt: a damaged body is never parsed, whatever its status.
  if (const auto crc = response.header("x-amz-crc32"); crc && !aws::crc32_matches(response.body, *crc)) return 0;
  if (response.status >= 200 && response.status < 300) {
    if (response.body.empty()) {
      check_readers(json::object());
      return 0;
    }
    const json reply = json::parse(response.body, nullptr, /*allow_exceptions=*/false);
    if (!reply.is_discarded()) check_readers(reply);
    return 0;
  }
  check_error_reply(response);
  return 0;
}
