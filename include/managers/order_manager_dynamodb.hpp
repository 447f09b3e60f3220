#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "managers/order_manager_interface.hpp"
#include "managers/table_upgrade.hpp"

namespace managers {

namespace dynamodb {
class DynamoDbOrderStore;  // the engine's store (private)
struct EngineAccess;       // tests: reaches the engine's transport and request log
}

// The spec's default table (its statistics live in "<table>-stats").
inline constexpr char kDefaultTableName[] = "orders";

enum class BillingMode { PROVISIONED, PAY_PER_REQUEST };

// How a write that changes the statistics reaches DynamoDB (docs/DYNAMODB.md, "What a write costs").
enum class DynamoDbWriteMode {
  // The default: non-transactional. An intent on one counter shard (UpdateItem, 1 WCU), the
  // conditional order write, and for creates and deletes the customer's marker (UpdateItem, 1 WCU);
  // a delete's intent is a small transaction with a check of its order. A small order's create
  // costs ~6 WCU (1.5x a plain PutItem with the three indexes), a status change ~6, a delete ~13.
  // Statistics are exact whenever no write is in flight: the reader discounts intents
  // whose order write has not landed.
  kIntents,
  // One TransactWriteItems per write (order + shard + marker): 20 WCU for a small create, 24 for
  // a status change (transactions bill twice). All processes writing one table should use the same
  // mode; after switching, run recompute_statistics() once while nothing writes.
  kTransactional,
};

// What each of the three indexes holds besides its keys. Chosen when the engine creates the table
// (and when upgrade-table builds or converts an index); the engine reads whichever of the two it
// finds (docs/DYNAMODB.md, "Index projections", has the measured trade).
enum class IndexProjection {
  // The default: whole orders (ProjectionType ALL). A list query reads its orders from the index:
  // no extra request, eventually consistent reads. Every write pays the order's size again in each
  // index it touches (a create, 4x the size of the order item).
  kAll,
  // The keys only, and status in the two customer indexes (for the status filter): an index entry
  // stays under 1 KB whatever the order's size, so a 10 KB create costs ~15 WCU instead of ~46. A
  // list query then reads its orders from the table with a consistent BatchGetItem: one more
  // request per page and 1 RCU per 4 KB of each order listed, and each listed order is current.
  // For stores of large orders that write more than they list.
  kKeys,
};

struct DynamoDbOptions {
  std::string table_name = kDefaultTableName;
  // Unset: AWS_REGION, AWS_DEFAULT_REGION, the profile's region, else the spec's "us-east-1".
  std::optional<std::string> region;
  // Unset: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, else AWS's regional endpoint.
  std::optional<std::string> endpoint_url;
  // Unset: the AWS SDKs' credential chain (environment, shared files, container, IMDS).
  std::optional<std::string> access_key_id;
  std::optional<std::string> secret_access_key;
  std::optional<std::string> session_token;
  std::optional<std::string> profile;

  // Create the table and its "<table_name>-stats" companion on first use when missing (else a
  // missing table is a ConfigurationError), and wait at most this long for them to become ACTIVE.
  bool create_table_if_missing = true;
  // Called, on the thread of the first operation, after this engine created a missing table (the
  // table and its "-stats" companion: once each), with the table's name and the region. DynamoDB keeps
  // tables per region (and DynamoDB Local per region and access key), so a missing table is a new
  // deployment — or a wrong region about to get an empty table of its own. The CLI says so on stderr.
  std::function<void(const std::string& table, const std::string& region)> on_table_created;
  int table_ready_timeout_ms = 300'000;
  BillingMode billing_mode = BillingMode::PROVISIONED;  // the spec's capacity settings
  std::int64_t read_capacity = 10;
  std::int64_t write_capacity = 10;
  std::int64_t index_read_capacity = 5;
  std::int64_t index_write_capacity = 5;

  // Called (at most once per engine, from the first operation) with one line for the user when the
  // table works but should be changed, e.g. a table of the earlier module's layout (indexes without
  // sort key) read in legacy mode. The library never prints; the CLI prints it on stderr.
  std::function<void(const std::string&)> on_warning;

  DynamoDbWriteMode write_mode = DynamoDbWriteMode::kIntents;
  // The indexes' projection. Unset: kAll for a table (or index) the engine creates, and upgrade_table()
  // leaves a sorted index's projection as it is. Set: new tables and indexes get it, and
  // upgrade_table() replaces each index projecting otherwise, one at a time, online.
  std::optional<IndexProjection> index_projection;
  // kIntents: an intent older than this is settled for good by the next get_order_statistics
  // (applied or reverted with conditional writes). It must stay well past the AWS layer's whole
  // retry time for one request (a few tens of seconds at most), so that no write of the intent is
  // still on its way. Tests lower it.
  std::int64_t intent_settle_after_ms = 600'000;

  int max_attempts = 3;  // per request, the SDKs' standard retry mode
  int connect_timeout_ms = 3000;
  int request_timeout_ms = 10000;
};

// What the engine has sent since it was made (or since reset_counters()).
struct DynamoDbCounters {
  std::int64_t requests = 0;  // HTTP requests, retries included
  std::int64_t retries = 0;
  double read_capacity_units = 0;   // as reported by ReturnConsumedCapacity (table + indexes)
  double write_capacity_units = 0;
  std::map<std::string, std::int64_t> calls;  // API calls by operation ("GetItem"), before retries
};

// The DynamoDB engine (the spec's OrderManagerDynamoDB). docs/DYNAMODB.md describes the table
// design, consistency, the IAM policy and the cost of each method.
// Construction sends nothing; the tables are checked (and created) by the first operation or by
// ensure_tables(). Reads of one order are strongly consistent; the list queries read a GSI and are
// eventually consistent on AWS. list_orders walks the table in DynamoDB's scan order, not by order_id.
// check_health() reports the credential source and region (never the secret), endpoint
// reachability, table and index shapes, billing mode and capacity.
// Thread safety: one instance may be shared by any number of threads.
class OrderManagerDynamoDB final : public OrderManagerInterface {
 public:
  explicit OrderManagerDynamoDB(std::string table_name = kDefaultTableName,
                                std::optional<std::string> region = std::nullopt);
  explicit OrderManagerDynamoDB(DynamoDbOptions options);
  ~OrderManagerDynamoDB() override;

  const std::string& table_name() const;
  const std::string& region() const;
  DynamoDbCounters counters() const;
  void reset_counters();

  // Checks (and, if allowed, creates) both tables now instead of on first use. Throws
  // ConfigurationError for a table of another layout or a missing one that may not be created.
  void ensure_tables();
  // Rebuilds the statistics table from a full Scan of the orders (for statistics put out of step
  // by clear_all_orders racing with writers, or by items written around the engine) and returns
  // the statistics it found. Run it while nothing else writes: it is not atomic with writers.
  OrderStatistics recompute_statistics();

  // A table of the earlier Python module's layout (its GSIs keyed on the attribute alone) is read
  // in legacy mode: correct, but every list query reads the whole partition and sorts it here,
  // and statistics are counted by a Scan (docs/DYNAMODB.md, "Legacy tables"). upgrade_table()
  // converts it in place, online and resumably; pending_upgrade() says what it would do (empty:
  // nothing, the table is the engine's layout). Both send only DescribeTable / GetItem to decide.
  std::vector<std::string> pending_upgrade();
  // Returns false when there was nothing to do. `progress` (optional) hears each step.
  bool upgrade_table(const UpgradeProgressHandler& progress = {});

 private:
  friend struct dynamodb::EngineAccess;
  explicit OrderManagerDynamoDB(std::unique_ptr<dynamodb::DynamoDbOrderStore>&& store);
  OrderManagerDynamoDB(dynamodb::DynamoDbOrderStore* store, std::unique_ptr<dynamodb::DynamoDbOrderStore>&& owned);
  dynamodb::DynamoDbOrderStore* store_;  // owned by the base class
};

}  // namespace managers
