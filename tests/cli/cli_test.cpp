// The order-manager binary, run as a user runs it: arguments in, text or JSON
// and an exit code out. Every test uses its own temporary database.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/run_cli.hpp"
#include "managers/version.hpp"
#include "support/temp_dir.hpp"

namespace {

using nlohmann::json;
using testing_support::CliResult;
using testing_support::CliRun;
using testing_support::split_lines;

// The error contract: nothing but one "error: ..." line on stderr.
::testing::AssertionResult one_error_line(const CliResult& result) {
  const auto lines = split_lines(result.err);
  if (lines.size() != 1 || result.err.back() != '\n' || lines[0].rfind("error: ", 0) != 0)
    return ::testing::AssertionFailure() << "stderr is not one 'error: ' line: [" << result.err << "]";
  return ::testing::AssertionSuccess();
}

class CliTest : public ::testing::Test {
 protected:
  // Runs with --db pointing into this test's folder.
  CliResult run(std::vector<std::string> args, std::map<std::string, std::optional<std::string>> env = {},
                std::string input = "") {
    args.insert(args.begin(), {"--db", db_path()});
    return run_raw(std::move(args), std::move(env), std::move(input));
  }
  // Runs with exactly these arguments, in this test's folder.
  CliResult run_raw(std::vector<std::string> args, std::map<std::string, std::optional<std::string>> env = {},
                    std::string input = "") {
    CliRun run;
    run.args = std::move(args);
    run.cwd = dir_.path();
    run.env = std::move(env);
    run.input = std::move(input);
    return testing_support::run_cli(run);
  }
  std::string db_path() const { return dir_.file("orders.db").string(); }

  CliResult create(const std::string& id, const std::string& customer_id, const std::string& name,
                   std::vector<std::string> items, const std::string& total, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"create", "--order-id", id, "--customer-id", customer_id, "--customer-name", name};
    for (const std::string& item : items) {
      args.push_back("--item");
      args.push_back(item);
    }
    args.push_back("--total");
    args.push_back(total);
    args.insert(args.end(), extra.begin(), extra.end());
    return run(args);
  }
  void create_ok(const std::string& id, const std::string& customer_id, const std::string& name,
                 std::vector<std::string> items, const std::string& total, std::vector<std::string> extra = {}) {
    const CliResult result = create(id, customer_id, name, std::move(items), total, std::move(extra));
    ASSERT_EQ(result.exit_code, 0) << result.err;
  }
  json json_of(const CliResult& result) {
    try {
      return json::parse(result.out);
    } catch (const json::exception& error) {
      ADD_FAILURE() << "not JSON: " << error.what() << "\n" << result.out;
      return nullptr;
    }
  }

  testing_support::TempDir dir_;
};

// --- Usage, help, version ---

TEST_F(CliTest, VersionPrintsTheLibraryVersion) {
  const CliResult result = run_raw({"--version"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.out, std::string("order-manager ") + managers::kVersion + "\n");
}

TEST_F(CliTest, HelpListsEveryCommandAndEachCommandHasHelp) {
  const CliResult help = run_raw({"--help"});
  ASSERT_EQ(help.exit_code, 0);
  const std::vector<std::string> commands = {"create", "get", "summary", "customer-orders", "last-order", "set-status",
                                             "set-ready-time", "by-status", "stats", "delete", "clear", "demo",
                                             "check", "migrate", "export", "import", "recompute-stats",
                                             "upgrade-table"};
  for (const std::string& command : commands) {
    EXPECT_NE(help.out.find(command), std::string::npos) << command;
    const CliResult own = run_raw({command, "--help"});
    EXPECT_EQ(own.exit_code, 0) << command << ": " << own.err;
    EXPECT_NE(own.out.find("order-manager " + command), std::string::npos) << own.out;
  }
  EXPECT_NE(run_raw({"create", "--help"}).out.find("NAME:QTY:UNIT_PRICE"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir_.file("conversations.db")));  // help opens nothing
}

// upgrade-table converts a DynamoDB table of the earlier module's layout
// (tests/dynamodb/boto3_legacy_table_test.py); SQLite upgrades such a file on open: nothing to do.
TEST_F(CliTest, UpgradeTableOnSqliteHasNothingToDo) {
  const CliResult result = run({"upgrade-table"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("upgrades an earlier module's database file when it opens it"), std::string::npos)
      << result.out;
}

TEST_F(CliTest, UsageErrorsExitTwoWithOneLine) {
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {}, {"frobnicate"}, {"get"}, {"get", "A", "B"}, {"--nope", "stats"}, {"by-status", "Pending", "--limit", "x"},
           {"create", "--order-id", "ORD-1"}}) {
    const CliResult result = run(args);
    EXPECT_EQ(result.exit_code, 2) << ::testing::PrintToString(args) << result.err;
    EXPECT_TRUE(one_error_line(result)) << ::testing::PrintToString(args);
  }
}

// --- create / get / summary ---

TEST_F(CliTest, CreateThenGetPrintsTheSpecSummary) {
  const CliResult created = create("ORD-001", "CUST-001", "John Doe", {"Coffee:2:3.50", "Sandwich:1:8.99"}, "16.99",
                                   {"--ready-time", "2024-11-22T15:30:00", "--metadata", R"({"table":"5"})"});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  EXPECT_EQ(created.out, "Created order ORD-001.\n");
  EXPECT_EQ(created.err, "");

  const CliResult got = run({"get", "ORD-001"});
  ASSERT_EQ(got.exit_code, 0) << got.err;
  const auto lines = split_lines(got.out);
  ASSERT_EQ(lines.size(), 9u) << got.out;
  EXPECT_EQ(lines[0], "ORDER #ORD-001");
  EXPECT_EQ(lines[1], "Customer: John Doe (ID: CUST-001)");
  EXPECT_EQ(lines[2], "Status: Pending");
  EXPECT_EQ(lines[3].rfind("Created: ", 0), 0u);
  EXPECT_EQ(lines[4], "Items:");
  EXPECT_EQ(lines[5], "  - Coffee x2 @ $3.50 = $7.00");
  EXPECT_EQ(lines[6], "  - Sandwich x1 @ $8.99 = $8.99");
  EXPECT_EQ(lines[7], "Total: $16.99");
  EXPECT_EQ(lines[8], "Estimated Ready: 2024-11-22T15:30:00");

  const CliResult summary = run({"summary", "ORD-001"});
  EXPECT_EQ(summary.exit_code, 0);
  EXPECT_EQ(summary.out, got.out);
}

TEST_F(CliTest, JsonPrintsTheSpecDataStructure) {
  create_ok("ORD-001", "CUST-001", "John Doe", {"Coffee:2:3.50", "Sandwich:1:8.99"}, "16.99",
            {"--metadata", R"({"table":"5"})", "--conversation-id", "CONV-9"});
  const CliResult result = run({"--json", "get", "ORD-001"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const json order = json_of(result);
  EXPECT_EQ(order["order_id"], "ORD-001");
  EXPECT_EQ(order["customer_id"], "CUST-001");
  EXPECT_EQ(order["customer_name"], "John Doe");
  EXPECT_EQ(order["total_price"], 16.99);
  EXPECT_EQ(order["status"], "Pending");
  EXPECT_TRUE(order["created_at"].is_string());
  EXPECT_TRUE(order["updated_at"].is_string());
  EXPECT_TRUE(order["estimated_ready_time"].is_null());
  EXPECT_EQ(order["conversation_id"], "CONV-9");
  EXPECT_EQ(order["metadata"], json({{"table", "5"}}));
  ASSERT_EQ(order["items"].size(), 2u);
  EXPECT_EQ(order["items"][0], json({{"item_name", "Coffee"}, {"quantity", 2}, {"unit_price", 3.5}, {"subtotal", 7.0}}));
  EXPECT_EQ(order["items"][1]["subtotal"], 8.99);
  EXPECT_EQ(order["status_history"].size(), 1u);

  // Global options may follow the command too.
  const CliResult after = run({"get", "ORD-001", "--json"});
  EXPECT_EQ(json_of(after), order);
  // create --json prints the stored order.
  const CliResult created =
      create("ORD-002", "CUST-001", "John Doe", {"Tea:1:2.00"}, "2.00", {"--json"});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  EXPECT_EQ(json_of(created)["order_id"], "ORD-002");
}

TEST_F(CliTest, ItemNamesMayContainColons) {
  create_ok("ORD-1", "C1", "Ann", {"Tea: Earl Grey: large:3:2.50"}, "7.50");
  const json order = json_of(run({"--json", "get", "ORD-1"}));
  EXPECT_EQ(order["items"][0]["item_name"], "Tea: Earl Grey: large");
  EXPECT_EQ(order["items"][0]["quantity"], 3);
  EXPECT_EQ(order["items"][0]["unit_price"], 2.5);
}

TEST_F(CliTest, AnExistingOrderIdIsRefusedWithExitOne) {
  create_ok("ORD-1", "C1", "Ann", {"Tea:1:2.00"}, "2.00");
  const CliResult again = create("ORD-1", "C2", "Bob", {"Coffee:5:1.00"}, "5.00");
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_TRUE(one_error_line(again));
  EXPECT_NE(again.err.find("ORD-1 already exists"), std::string::npos) << again.err;
  EXPECT_EQ(json_of(run({"--json", "get", "ORD-1"}))["customer_name"], "Ann");  // untouched
}

TEST_F(CliTest, InvalidInputExitsTwoNamingTheFieldAndWritesNothing) {
  struct Case {
    std::vector<std::string> items;
    std::string total;
    std::vector<std::string> extra;
    std::string error;
  };
  const std::vector<Case> cases = {
      {{"Coffee:0:3.50"}, "1.00", {}, "error: items[0].quantity: must be a whole number from 1 to 1000000\n"},
      {{"Tea:1:2.00", "Coffee:two:3.50"}, "1.00", {},
       "error: items[1].quantity: must be a whole number from 1 to 1000000, not 'two'\n"},
      {{"Coffee:1.5:3.50"}, "1.00", {}, "error: items[0].quantity: must be a whole number from 1 to 1000000, not '1.5'\n"},
      {{"Coffee"}, "1.00", {}, "error: items[0]: must be NAME:QTY:UNIT_PRICE such as Coffee:2:3.50, not 'Coffee'\n"},
      {{"Coffee:2"}, "1.00", {}, "error: items[0]: must be NAME:QTY:UNIT_PRICE such as Coffee:2:3.50, not 'Coffee:2'\n"},
      {{"Coffee:2:abc"}, "1.00", {}, "error: items[0].unit_price: must be a decimal number such as 3.50, not 'abc'\n"},
      {{"Coffee:2:-1"}, "1.00", {}, "error: items[0].unit_price: must not be negative\n"},
      {{":2:1.00"}, "1.00", {}, "error: items[0].item_name: must not be empty\n"},
      {{"Coffee:2:1.00"}, "x", {}, "error: total_price: must be a decimal number such as 3.50, not 'x'\n"},
      {{"Coffee:2:1.00"}, "2.00", {"--ready-time", "tomorrow"}, ""},
      {{"Coffee:2:1.00"}, "2.00", {"--metadata", "[1]"}, "error: metadata: must be a JSON object\n"},
      {{"Coffee:2:1.00"}, "2.00", {"--metadata", "{oops"}, ""},
  };
  for (const Case& c : cases) {
    const CliResult result = create("ORD-BAD", "C1", "Ann", c.items, c.total, c.extra);
    EXPECT_EQ(result.exit_code, 2) << ::testing::PrintToString(c.items) << result.err;
    EXPECT_TRUE(one_error_line(result));
    if (!c.error.empty()) {
      EXPECT_EQ(result.err, c.error);
    }
  }
  EXPECT_NE(create("ORD-BAD", "C1", "Ann", {"Coffee:2:1.00"}, "2.00", {"--ready-time", "tomorrow"})
                .err.find("estimated_ready_time"),
            std::string::npos);
  EXPECT_EQ(run({"get", "ORD-BAD"}).exit_code, 1);
}

TEST_F(CliTest, AMissingOrderExitsOne) {
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"get", "NOPE"}, {"summary", "NOPE"}, {"delete", "NOPE"}, {"set-status", "NOPE", "Confirmed"},
           {"set-ready-time", "NOPE", "2024-11-22T15:30:00"}, {"last-order", "NOBODY"}}) {
    const CliResult result = run(args);
    EXPECT_EQ(result.exit_code, 1) << ::testing::PrintToString(args);
    EXPECT_TRUE(one_error_line(result)) << ::testing::PrintToString(args);
    EXPECT_EQ(result.out, "");
  }
  EXPECT_EQ(run({"get", "NOPE"}).err, "error: order NOPE not found\n");
}

// --- queries ---

TEST_F(CliTest, CustomerOrdersAreNewestFirstWithStatusFilterAndLimit) {
  create_ok("ORD-1", "C1", "Ann", {"Tea:1:2.00"}, "2.00");
  create_ok("ORD-2", "C1", "Ann", {"Tea:2:2.00"}, "4.00");
  create_ok("ORD-3", "C1", "Ann", {"Tea:3:2.00"}, "6.00");
  create_ok("ORD-4", "C2", "Bob", {"Tea:1:2.00"}, "2.00");
  ASSERT_EQ(run({"set-status", "ORD-2", "confirmed"}).exit_code, 0);

  const CliResult all = run({"customer-orders", "Ann"});
  ASSERT_EQ(all.exit_code, 0) << all.err;
  const auto lines = split_lines(all.out);
  ASSERT_EQ(lines.size(), 3u) << all.out;
  EXPECT_EQ(lines[0].rfind("ORD-3  Pending  ", 0), 0u) << lines[0];
  EXPECT_NE(lines[0].find("Ann (C1)  3 items  $6.00"), std::string::npos) << lines[0];
  EXPECT_EQ(lines[1].rfind("ORD-2  Confirmed  ", 0), 0u);
  EXPECT_EQ(lines[2].rfind("ORD-1  ", 0), 0u);

  const json limited = json_of(run({"--json", "customer-orders", "Ann", "--limit", "2"}));
  ASSERT_EQ(limited.size(), 2u);
  EXPECT_EQ(limited[0]["order_id"], "ORD-3");
  EXPECT_EQ(limited[1]["order_id"], "ORD-2");

  const json pending = json_of(run({"--json", "customer-orders", "Ann", "--status", "PENDING", "--limit", "1"}));
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0]["order_id"], "ORD-3");

  const CliResult none = run({"customer-orders", "Nobody"});
  EXPECT_EQ(none.exit_code, 0);
  EXPECT_EQ(none.out, "No orders.\n");
  EXPECT_EQ(json_of(run({"--json", "customer-orders", "Nobody"})), json::array());

  const CliResult bad_limit = run({"customer-orders", "Ann", "--limit", "0"});
  EXPECT_EQ(bad_limit.exit_code, 2);
  EXPECT_EQ(bad_limit.err, "error: --limit: must be a whole number from 1 to 10000, not '0' (see order-manager --help)\n");
  const CliResult bad_status = run({"customer-orders", "Ann", "--status", "Lost"});
  EXPECT_EQ(bad_status.exit_code, 2);
  EXPECT_TRUE(one_error_line(bad_status));
}

TEST_F(CliTest, LastOrderLooksUpTheCustomerId) {
  create_ok("ORD-1", "C1", "Ann", {"Tea:1:2.00"}, "2.00");
  create_ok("ORD-2", "C1", "Ann", {"Tea:2:2.00"}, "4.00");
  const CliResult last = run({"last-order", "C1"});
  ASSERT_EQ(last.exit_code, 0) << last.err;
  EXPECT_EQ(split_lines(last.out).at(0), "ORDER #ORD-2");
  EXPECT_EQ(json_of(run({"--json", "last-order", "C1"}))["order_id"], "ORD-2");
  EXPECT_EQ(run({"last-order", "Ann"}).exit_code, 1);  // a name is not an id
}

TEST_F(CliTest, ByStatusIsOldestFirst) {
  create_ok("ORD-B", "C1", "Ann", {"Tea:1:2.00"}, "2.00");
  create_ok("ORD-A", "C2", "Bob", {"Tea:1:2.00"}, "2.00");
  create_ok("ORD-C", "C3", "Cy", {"Tea:1:2.00"}, "2.00");
  ASSERT_EQ(run({"set-status", "ORD-A", "Being prepared"}).exit_code, 0);
  ASSERT_EQ(run({"set-status", "ORD-C", "preparing"}).exit_code, 0);

  const json preparing = json_of(run({"--json", "by-status", "PREPARING"}));
  ASSERT_EQ(preparing.size(), 2u);
  EXPECT_EQ(preparing[0]["order_id"], "ORD-A");
  EXPECT_EQ(preparing[1]["order_id"], "ORD-C");
  const CliResult pending = run({"by-status", "pending", "--limit", "1"});
  EXPECT_EQ(split_lines(pending.out).size(), 1u);
  EXPECT_EQ(pending.out.rfind("ORD-B  Pending", 0), 0u) << pending.out;
  EXPECT_EQ(run({"by-status", "Lost"}).exit_code, 2);
}

// --- updates ---

TEST_F(CliTest, SetStatusAcceptsValueOrNameAndRefusesLeavingAFinalStatus) {
  create_ok("ORD-1", "C1", "Ann", {"Tea:1:2.00"}, "2.00");
  const CliResult ready = run({"set-status", "ORD-1", "ready for PICKUP"});
  ASSERT_EQ(ready.exit_code, 0) << ready.err;
  EXPECT_EQ(ready.out, "Order ORD-1 status: Ready for pickup.\n");
  EXPECT_EQ(run({"set-status", "ORD-1", "READY"}).exit_code, 0);  // no-op
  EXPECT_EQ(run({"set-status", "ORD-1", "completed"}).exit_code, 0);

  const CliResult refused = run({"set-status", "ORD-1", "Pending"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_EQ(refused.err, "error: order ORD-1 is Completed, which is final; status change refused\n");

  const CliResult invalid = run({"set-status", "ORD-1", "Shipped"});
  EXPECT_EQ(invalid.exit_code, 2);
  EXPECT_TRUE(one_error_line(invalid));
  EXPECT_NE(invalid.err.find("'Being prepared' (PREPARING)"), std::string::npos) << invalid.err;

  const json order = json_of(run({"--json", "get", "ORD-1"}));
  EXPECT_EQ(order["status"], "Completed");
  EXPECT_EQ(order["status_history"].size(), 3u);  // Pending, Ready for pickup, Completed
}

TEST_F(CliTest, SetReadyTime) {
  create_ok("ORD-1", "C1", "Ann", {"Tea:1:2.00"}, "2.00");
  const CliResult set = run({"--json", "set-ready-time", "ORD-1", "2024-11-22T15:30:00+01:00"});
  ASSERT_EQ(set.exit_code, 0) << set.err;
  EXPECT_EQ(json_of(set)["estimated_ready_time"], "2024-11-22T15:30:00+01:00");
  const CliResult bad = run({"set-ready-time", "ORD-1", "soon"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.err.rfind("error: estimated_ready_time: ", 0), 0u) << bad.err;
}

// --- stats, delete, clear ---

TEST_F(CliTest, StatsInTextAndJson) {
  // The spec's integration example: Espresso 1 x 3.00, Pastry 2 x 4.50, total 12.00.
  create_ok("ORD-12345", "CUST-67890", "Alice Johnson", {"Espresso:1:3.00", "Pastry:2:4.50"}, "12.00");
  create_ok("ORD-2", "CUST-2", "Bob", {"Tea:1:5.00"}, "5.00");
  ASSERT_EQ(run({"set-status", "ORD-12345", "PREPARING"}).exit_code, 0);
  ASSERT_EQ(run({"set-status", "ORD-2", "Cancelled"}).exit_code, 0);

  const CliResult text = run({"stats"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_EQ(text.out,
            "Total orders: 2\n"
            "Total revenue: $12.00\n"
            "Unique customers: 2\n"
            "Status breakdown:\n"
            "  Being prepared: 1\n"
            "  Cancelled: 1\n");

  const json stats = json_of(run({"--json", "stats"}));
  EXPECT_EQ(stats["total_orders"], 2);
  EXPECT_EQ(stats["total_revenue"], 12.0);
  EXPECT_EQ(stats["status_breakdown"], json({{"Being prepared", 1}, {"Cancelled", 1}}));
  EXPECT_EQ(stats["unique_customers"], 2);

  const CliResult empty = run_raw({"--db", dir_.file("empty.db").string(), "stats"});
  EXPECT_EQ(empty.out, "Total orders: 0\nTotal revenue: $0.00\nUnique customers: 0\nStatus breakdown: none\n");
}

TEST_F(CliTest, DeleteRemovesTheOrder) {
  create_ok("ORD-1", "C1", "Ann", {"Tea:1:2.00"}, "2.00");
  const CliResult deleted = run({"delete", "ORD-1"});
  EXPECT_EQ(deleted.exit_code, 0);
  EXPECT_EQ(deleted.out, "Deleted order ORD-1.\n");
  EXPECT_EQ(run({"get", "ORD-1"}).exit_code, 1);
  EXPECT_EQ(run({"delete", "ORD-1"}).exit_code, 1);
}

TEST_F(CliTest, ClearNeedsYes) {
  create_ok("ORD-1", "C1", "Ann", {"Tea:1:2.00"}, "2.00");
  const CliResult refused = run({"clear"});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_TRUE(one_error_line(refused));
  EXPECT_NE(refused.err.find("--yes"), std::string::npos);
  EXPECT_EQ(run({"get", "ORD-1"}).exit_code, 0);

  const CliResult cleared = run({"clear", "--yes"});
  EXPECT_EQ(cleared.exit_code, 0) << cleared.err;
  EXPECT_EQ(cleared.out, "Deleted every order in sqlite:" + db_path() + ".\n");
  EXPECT_EQ(run({"get", "ORD-1"}).exit_code, 1);
}

// --- demo ---

TEST_F(CliTest, DemoRunsTheQuickStartAndIsSafeToRepeat) {
  const CliResult first = run_raw({"demo"});  // the default database, in the working folder
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_TRUE(std::filesystem::exists(dir_.file("conversations.db")));
  const auto lines = split_lines(first.out);
  ASSERT_EQ(lines.size(), 10u) << first.out;
  EXPECT_EQ(lines[0], "Created order ORD-001 in sqlite:conversations.db.");
  EXPECT_EQ(lines[1], "ORDER #ORD-001");
  EXPECT_EQ(lines[2], "Customer: John Doe (ID: CUST-001)");
  EXPECT_EQ(lines[3], "Status: Pending");
  EXPECT_EQ(lines[6], "  - Coffee x2 @ $3.50 = $7.00");
  EXPECT_EQ(lines[7], "  - Sandwich x1 @ $8.99 = $8.99");
  EXPECT_EQ(lines[8], "Total: $16.99");
  EXPECT_EQ(lines[9], "Estimated Ready: 2024-11-22T15:30:00");

  const CliResult second = run_raw({"demo"});
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(split_lines(second.out).at(0),
            "Order ORD-001 already exists in sqlite:conversations.db; showing it as stored.");
  EXPECT_EQ(split_lines(second.out).at(1), "ORDER #ORD-001");

  const CliResult as_json = run_raw({"demo", "--json"});
  EXPECT_EQ(as_json.exit_code, 0);
  EXPECT_EQ(json_of(as_json)["metadata"], json({{"table", "5"}}));
  EXPECT_NE(as_json.err.find("already exists"), std::string::npos);  // notes go to stderr with --json
}

// --- configuration: options, environment, the factory ---

TEST_F(CliTest, TheDatabaseComesFromDbElseOrderDbPathElseConversationsDb) {
  const std::string env_db = dir_.file("env.db").string();
  ASSERT_EQ(run_raw({"demo"}, {{"ORDER_DB_PATH", env_db}}).exit_code, 0);
  EXPECT_TRUE(std::filesystem::exists(env_db));
  EXPECT_FALSE(std::filesystem::exists(dir_.file("conversations.db")));

  const std::string flag_db = dir_.file("flag.db").string();
  ASSERT_EQ(run_raw({"--db", flag_db, "demo"}, {{"ORDER_DB_PATH", env_db}}).exit_code, 0);
  EXPECT_TRUE(std::filesystem::exists(flag_db));

  ASSERT_EQ(run_raw({"stats"}).exit_code, 0);
  EXPECT_TRUE(std::filesystem::exists(dir_.file("conversations.db")));
}

TEST_F(CliTest, TheBackendComesFromTheFlagElseOrderManagerType) {
  const CliResult env_sqlite = run({"stats"}, {{"ORDER_MANAGER_TYPE", "SQLite"}});
  EXPECT_EQ(env_sqlite.exit_code, 0) << env_sqlite.err;

  const CliResult bad_env = run({"stats"}, {{"ORDER_MANAGER_TYPE", "mysql"}});
  EXPECT_EQ(bad_env.exit_code, 2);
  EXPECT_EQ(bad_env.err,
            "error: ORDER_MANAGER_TYPE: unknown order manager type 'mysql'; accepted values: sqlite, dynamodb\n");

  const CliResult flag_wins = run({"--backend", "sqlite", "stats"}, {{"ORDER_MANAGER_TYPE", "mysql"}});
  EXPECT_EQ(flag_wins.exit_code, 0) << flag_wins.err;

  const CliResult bad_flag = run({"--backend", "oracle", "stats"});
  EXPECT_EQ(bad_flag.exit_code, 2);
  EXPECT_EQ(bad_flag.err, "error: --backend: unknown order manager type 'oracle'; accepted values: sqlite, dynamodb\n");
}

TEST_F(CliTest, AStorageFailureExitsThree) {
  {
    std::ofstream garbage(dir_.file("garbage.db"), std::ios::binary);
    garbage << std::string(8192, 'x');
  }
  const CliResult result = run_raw({"--db", dir_.file("garbage.db").string(), "stats"});
  EXPECT_EQ(result.exit_code, 3) << result.out << result.err;
  EXPECT_TRUE(one_error_line(result));

  const CliResult no_folder = run_raw({"--db", dir_.file("missing/folder/x.db").string(), "stats"});
  EXPECT_EQ(no_folder.exit_code, 3) << no_folder.err;
  EXPECT_TRUE(one_error_line(no_folder));
}

TEST_F(CliTest, CheckReportsTheSqliteDatabase) {
  const CliResult before = run({"check"});
  EXPECT_EQ(before.exit_code, 0) << before.err;
  EXPECT_NE(before.out.find("does not exist yet"), std::string::npos) << before.out;
  EXPECT_FALSE(std::filesystem::exists(db_path()));  // check creates nothing

  create_ok("ORD-1", "C1", "Ann", {"Tea:1:2.00"}, "2.00");
  const CliResult after = run({"check"});
  EXPECT_EQ(after.exit_code, 0) << after.err;
  const auto lines = split_lines(after.out);
  ASSERT_GE(lines.size(), 4u) << after.out;
  EXPECT_EQ(lines[0], "backend: sqlite");
  EXPECT_EQ(lines[1], "database: " + db_path());
  EXPECT_EQ(lines[2].rfind("schema version: ", 0), 0u) << after.out;
  EXPECT_NE(lines[2], "schema version: 0");
  EXPECT_EQ(lines.back(), "OK");
  const json report = json_of(run({"--json", "check"}));
  EXPECT_EQ(report["ok"], true);

  const CliResult no_folder = run_raw({"--db", dir_.file("missing/x.db").string(), "check"});
  EXPECT_EQ(no_folder.exit_code, 3);
  EXPECT_NE(no_folder.out.find("problem: the folder"), std::string::npos) << no_folder.out;
}

}  // namespace
