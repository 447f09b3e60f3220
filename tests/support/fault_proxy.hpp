#pragma once

// A fault-injecting HTTP proxy on 127.0.0.1 in front of DynamoDB (Local). Requests are forwarded
// unchanged (with curl) unless the test chose a fault for them: a service error reply without
// forwarding (throttling, 500, 503), a reset connection before or after forwarding (after = the
// write happened, its reply is lost), a stall past the client's request timeout before or after
// forwarding, or a reply whose body no longer matches its x-amz-crc32.
//
// A stalled request is held until the client gives up (closes the connection), the proxy is
// destroyed, or the stall limit passes, whichever comes first: no test waits on a fixed sleep.
//
// Faults are chosen per request, either by rules ("the next request whose X-Amz-Target is
// DynamoDB_20120810.TransactWriteItems") or by a function of the request (a schedule).
//
// Three behaviours of AWS that DynamoDB Local never shows, played on top of (and independent of) the
// faults: batches partly left unprocessed (withhold_batch_parts), an index lagging its table
// (set_index_lag), and provisioned write capacity enforced (provision_writes).

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "support/fake_http_server.hpp"

namespace testing_support {

enum class Fault {
  kThrottling,                     // 400 ThrottlingException; not forwarded
  kProvisionedThroughputExceeded,  // 400 ProvisionedThroughputExceededException; not forwarded
  kInternalServerError,            // 500 InternalServerError; not forwarded
  kServiceUnavailable,             // 503 ServiceUnavailable; not forwarded
  kResetBeforeForward,             // the connection is reset; not forwarded
  kResetAfterForward,              // forwarded (the write happens), then reset: the reply is lost
  kStallBeforeForward,             // no reply until the client gives up; not forwarded
  kStallAfterForward,              // forwarded (the write happens); no reply until the client gives up
  kCorruptBody,                    // forwarded; the reply's body is damaged, its x-amz-crc32 kept
};

inline constexpr std::array<Fault, 9> kAllFaults = {
    Fault::kThrottling,         Fault::kProvisionedThroughputExceeded, Fault::kInternalServerError,
    Fault::kServiceUnavailable, Fault::kResetBeforeForward,            Fault::kResetAfterForward,
    Fault::kStallBeforeForward, Fault::kStallAfterForward,             Fault::kCorruptBody};

// "Throttling", "ResetAfterForward", ... (usable in test names).
std::string_view fault_name(Fault fault);
// Whether DynamoDB receives (and so may apply) a request that meets this fault.
bool reaches_upstream(Fault fault);

// "GetItem" for a request with X-Amz-Target: DynamoDB_20120810.GetItem ("" if it has none).
std::string operation_of(const RecordedRequest& request);

// Sends `request` on to `upstream` ("http://127.0.0.1:PORT") unchanged and returns the real reply
// (a 500 "ProxyError" reply if the upstream could not be reached).
FakeResponse forward_request(const std::string& upstream, const RecordedRequest& request);

class FaultProxy {
 public:
  // Picks the fault for one request, or nullopt to forward it untouched. Called from the proxy's
  // connection threads, possibly several at once.
  using Chooser = std::function<std::optional<Fault>(const RecordedRequest&)>;

  // One fault the proxy injected.
  struct Injection {
    std::string operation;
    Fault fault;
    int upstream_status = 0;  // the status DynamoDB answered (0: the request was not forwarded)
  };

  explicit FaultProxy(std::string upstream, std::chrono::milliseconds stall_limit = std::chrono::seconds(10));
  ~FaultProxy();
  FaultProxy(const FaultProxy&) = delete;
  FaultProxy& operator=(const FaultProxy&) = delete;

  std::string url() const { return server_.url(); }

  // The next `times` requests of `operation` ("" = any operation) meet `fault`; later ones are
  // forwarded. Rules are consulted in the order they were added; each request meets at most one.
  // `body_contains` (optional) narrows the rule to requests whose body contains it (e.g. the
  // UpdateItem of a counter shard, "shard#", apart from that of a customer marker, "customer#").
  void fail_next(std::string operation, Fault fault, int times = 1, std::string body_contains = {});
  // Every request of `operation` ("" = any) meets `fault` until clear().
  void fail_every(std::string operation, Fault fault, std::string body_contains = {});
  // Replaces the rules by a function of the request.
  void set_chooser(Chooser chooser);
  // No more faults, no withheld batch parts, no index lag, no provisioned capacity: every request is
  // forwarded.
  void clear();

  // The next `rounds` BatchWriteItem / BatchGetItem requests (-1: every one until clear()) have a
  // random, non-empty part of their batch withheld (chosen by a generator seeded with `seed`): only
  // the rest is forwarded, and DynamoDB's reply comes back with the withheld part added under
  // UnprocessedItems / UnprocessedKeys, as AWS answers under load. So the stored state is exactly
  // what the client was told was processed; if everything is withheld, nothing is forwarded.
  void withhold_batch_parts(int rounds, std::uint32_t seed);
  // Batch requests that had a part withheld, and the entries (write requests or keys) withheld.
  std::size_t withheld_rounds() const;
  std::size_t withheld_entries() const;

  // Index lag: every Query naming an IndexName is forwarded, but answered with DynamoDB's reply to
  // the previous identical request (same body) when there was one; the fresh reply is kept for the
  // next. An index thus answers as it stood one identical query earlier: missing what was written
  // since, still listing what moved away or was deleted — as a GSI, updated asynchronously on AWS,
  // can. Queries on the table itself and every other operation stay current.
  void set_index_lag(bool on);
  // Index queries answered with a stale (replayed) reply.
  std::size_t stale_answers() const;

  // Provisioned write capacity, enforced as AWS does and DynamoDB Local does not: a token bucket per
  // table and one per global secondary index, filled at its WCU per second and holding at most
  // `burst_seconds` of them. A write request (PutItem, UpdateItem, DeleteItem, TransactWriteItems,
  // BatchWriteItem) is refused with ProvisionedThroughputExceededException, not forwarded, while the
  // bucket of a table it writes or of any index of that table is empty; otherwise it is forwarded
  // asking for ReturnConsumedCapacity=INDEXES, and what DynamoDB reports is taken from the buckets
  // (which may go below zero: a big write is let through, then the table waits it off). Sustained,
  // a table then takes writes at its provisioned rate, as on AWS (AWS's adaptive capacity and the
  // 5-minute burst are not modelled beyond `burst_seconds`). Reads are not limited.
  struct ProvisionedWrites {
    double table_units_per_second = 10;  // the spec's provisioning: 10 WCU per table,
    double index_units_per_second = 5;   // 5 WCU per index
    double burst_seconds = 1;
  };
  void provision_writes(std::optional<ProvisionedWrites> provisioned);
  // Write requests refused for want of capacity, and the write units DynamoDB reported for the
  // forwarded ones (tables and indexes together, as billed).
  std::size_t throttled_writes() const;
  double consumed_write_units() const;

  std::vector<Injection> injections() const;
  std::size_t injection_count() const;
  // Requests received for `operation` ("" = all), faulted or not.
  std::size_t requests_seen(const std::string& operation = "") const;

 private:
  struct Rule {
    std::string operation;
    Fault fault;
    int remaining;  // -1: unlimited
    std::string body_contains;
  };

  std::optional<Fault> choose(const RecordedRequest& request, const std::string& operation);
  FakeResponse handle(const RecordedRequest& request);
  // nullopt when this request is not one to withhold from / to answer stale.
  std::optional<FakeResponse> withhold_part(const RecordedRequest& request, const std::string& operation);
  std::optional<FakeResponse> answer_lagging(const RecordedRequest& request, const std::string& operation);
  std::optional<FakeResponse> answer_provisioned(const RecordedRequest& request, const std::string& operation);
  // Fills every bucket for the time since the last fill (under mutex_).
  void refill_buckets();

  const std::string upstream_;
  const std::chrono::milliseconds stall_limit_;
  mutable std::mutex mutex_;
  std::vector<Rule> rules_;
  Chooser chooser_;
  std::vector<Injection> injections_;
  int withhold_rounds_left_ = 0;  // -1: unlimited
  std::mt19937 withhold_random_;
  std::size_t withheld_rounds_ = 0;
  std::size_t withheld_entries_ = 0;
  bool index_lag_ = false;
  std::map<std::string, FakeResponse> last_index_answer_;  // by request body
  std::size_t stale_answers_ = 0;
  std::optional<ProvisionedWrites> provisioned_;
  // Write units available, by "table" and "table/index"; a bucket is made full when first seen.
  std::map<std::string, double> buckets_;
  std::chrono::steady_clock::time_point buckets_filled_at_{};
  std::size_t throttled_writes_ = 0;
  double consumed_write_units_ = 0;
  // Last: destroyed first, so no connection thread outlives the state above.
  FakeHttpServer server_;
};

}  // namespace testing_support
