// order-manager on DynamoDB (the process's shared DynamoDB Local): the same
// commands through --backend dynamodb or ORDER_MANAGER_TYPE, and migrate /
// export / import between SQLite and DynamoDB.

#include <unistd.h>

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include <nlohmann/json.hpp>

#include "cli/run_cli.hpp"
#include "managers/errors.hpp"
#include "managers/order_manager_dynamodb.hpp"
#include "support/dynamodb_local.hpp"
#include "support/fake_http_server.hpp"
#include "support/temp_dir.hpp"

namespace {

using nlohmann::json;
using testing_support::CliResult;
using testing_support::CliRun;
using testing_support::split_lines;

class CliDynamoDbTest : public ::testing::Test {
 protected:
  CliDynamoDbTest() {
    static int next = 0;
    table_ = "cli-" + std::to_string(::getpid()) + "-" + std::to_string(++next);
  }

  // Dummy credentials from the environment, nothing else of the caller's AWS setup.
  std::map<std::string, std::optional<std::string>> aws_env() const {
    return {{"AWS_ACCESS_KEY_ID", "AKIDEXAMPLE"}, {"AWS_SECRET_ACCESS_KEY", "cli-secret"},
            {"AWS_SESSION_TOKEN", std::nullopt}, {"AWS_PROFILE", std::nullopt},
            {"AWS_REGION", std::nullopt}, {"AWS_DEFAULT_REGION", std::nullopt},
            {"AWS_ENDPOINT_URL", std::nullopt}, {"AWS_ENDPOINT_URL_DYNAMODB", std::nullopt},
            {"AWS_CONFIG_FILE", dir_.file("no-config").string()},
            {"AWS_SHARED_CREDENTIALS_FILE", dir_.file("no-credentials").string()},
            {"AWS_EC2_METADATA_DISABLED", "true"}};
  }
  CliResult run_env(std::vector<std::string> args, std::map<std::string, std::optional<std::string>> extra = {},
                    std::string input = "") {
    CliRun run;
    run.args = std::move(args);
    run.cwd = dir_.path();
    run.env = aws_env();
    for (auto& [name, value] : extra) run.env[name] = value;
    run.input = std::move(input);
    return testing_support::run_cli(run);
  }
  // With the DynamoDB options on the command line.
  CliResult run(std::vector<std::string> args, std::string input = "") {
    args.insert(args.begin(), {"--backend", "dynamodb", "--table", table_, "--region", "us-east-1", "--endpoint-url",
                               endpoint()});
    return run_env(std::move(args), {}, std::move(input));
  }
  static std::string endpoint() { return testing_support::shared_dynamodb_local().endpoint(); }
  std::string db(const std::string& name) const { return dir_.file(name + ".db").string(); }

  testing_support::TempDir dir_;
  std::string table_;
};

TEST_F(CliDynamoDbTest, DemoGetStatsOnDynamoDb) {
  const CliResult demo = run({"demo"});
  ASSERT_EQ(demo.exit_code, 0) << demo.err;
  EXPECT_EQ(split_lines(demo.out).at(0), "Created order ORD-001 in dynamodb:" + table_ + ".");
  EXPECT_NE(demo.out.find("Total: $16.99"), std::string::npos);

  const json order = json::parse(run({"--json", "get", "ORD-001"}).out);
  EXPECT_EQ(order["total_price"], 16.99);
  EXPECT_EQ(order["metadata"], json({{"table", "5"}}));
  EXPECT_EQ(run({"stats"}).out.find("Total orders: 1\nTotal revenue: $16.99\n"), 0u);
  EXPECT_EQ(run({"get", "NOPE"}).exit_code, 1);
  EXPECT_EQ(run({"set-status", "ORD-001", "preparing"}).exit_code, 0);
  EXPECT_EQ(json::parse(run({"--json", "by-status", "PREPARING"}).out).size(), 1u);
}

TEST_F(CliDynamoDbTest, TheEnvironmentSelectsDynamoDb) {
  const CliResult result = run_env({"demo"}, {{"ORDER_MANAGER_TYPE", "DynamoDB"},
                                              {"ORDER_TABLE_NAME", table_},
                                              {"AWS_REGION", "us-east-1"},
                                              {"AWS_ENDPOINT_URL_DYNAMODB", endpoint()}});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(split_lines(result.out).at(0), "Created order ORD-001 in dynamodb:" + table_ + ".");
  EXPECT_EQ(run({"get", "ORD-001"}).exit_code, 0);  // the same table, named on the command line
}

TEST_F(CliDynamoDbTest, ABadTableNameIsAnInputError) {
  const CliResult result = run_env({"stats"}, {{"ORDER_MANAGER_TYPE", "dynamodb"}, {"ORDER_TABLE_NAME", "x"}});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err.rfind("error: ORDER_TABLE_NAME: must be a DynamoDB table name", 0), 0u) << result.err;
}

TEST_F(CliDynamoDbTest, AnUnreachableEndpointIsAStorageFailure) {
  const int port = testing_support::free_loopback_port();
  const CliResult result = run_env({"--backend", "dynamodb", "--table", table_, "--region", "us-east-1",
                                    "--endpoint-url", "http://127.0.0.1:" + std::to_string(port), "stats"});
  EXPECT_EQ(result.exit_code, 3) << result.err;
  EXPECT_EQ(split_lines(result.err).size(), 1u) << result.err;
}

TEST_F(CliDynamoDbTest, MigrateSqliteToDynamoDbAndBackIsExact) {
  for (int i = 0; i < 7; ++i) {
    const std::string id = "ORD-" + std::to_string(i);
    ASSERT_EQ(run_env({"--db", db("a"), "create", "--order-id", id, "--customer-id", "C" + std::to_string(i % 2),
                       "--customer-name", "Ann", "--item", "Coffee:2:3.50", "--item", "Bagel: plain:1:1.25", "--total",
                       "8.25", "--metadata", R"({"n":)" + std::to_string(i) + "}"})
                  .exit_code,
              0);
  }
  ASSERT_EQ(run_env({"--db", db("a"), "set-status", "ORD-3", "cancelled"}).exit_code, 0);

  const std::vector<std::string> aws = {"--region", "us-east-1", "--endpoint-url", endpoint()};
  std::vector<std::string> up = {"migrate", "--from", "sqlite:" + db("a"), "--to", "dynamodb:" + table_};
  up.insert(up.end(), aws.begin(), aws.end());
  const CliResult to_cloud = run_env(up);
  ASSERT_EQ(to_cloud.exit_code, 0) << to_cloud.err;
  EXPECT_EQ(split_lines(to_cloud.out).at(0), "Migrated sqlite:" + db("a") + " -> dynamodb:" + table_);
  EXPECT_NE(to_cloud.out.find("  copied:          7"), std::string::npos) << to_cloud.out;

  std::vector<std::string> down = {"migrate", "--from", "dynamodb:" + table_, "--to", "sqlite:" + db("b")};
  down.insert(down.end(), aws.begin(), aws.end());
  const CliResult back = run_env(down);
  ASSERT_EQ(back.exit_code, 0) << back.err;

  const CliResult original = run_env({"--db", db("a"), "export"});
  const CliResult returned = run_env({"--db", db("b"), "export"});
  const CliResult cloud = run({"export"});
  ASSERT_EQ(original.exit_code, 0);
  EXPECT_EQ(split_lines(original.out).size(), 7u);
  EXPECT_EQ(returned.out, original.out);
  EXPECT_EQ(cloud.out, original.out);
}

TEST_F(CliDynamoDbTest, ExportImportExportOnDynamoDbIsByteIdentical) {
  for (int i = 0; i < 5; ++i)
    ASSERT_EQ(run({"create", "--order-id", "ORD-" + std::to_string(i), "--customer-id", "C", "--customer-name", "Bo",
                   "--item", "Tea:1:2.00", "--total", "2.00"})
                  .exit_code,
              0);
  const CliResult first = run({"export", "--output", dir_.file("one.jsonl").string()});
  ASSERT_EQ(first.exit_code, 0) << first.err;

  table_ += "-copy";
  const CliResult imported = run({"--json", "import", "--strict", dir_.file("one.jsonl").string()});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_EQ(json::parse(imported.out)["copied"], 5);
  const CliResult second = run({"export"});
  std::ifstream in(dir_.file("one.jsonl"), std::ios::binary);
  const std::string one((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(second.out, one);
}

// DynamoDB (and DynamoDB Local) keeps tables per region: a command run with the wrong region must
// not quietly create an empty table there and report "no orders". Commands that only read or change
// existing orders never create a table (a missing one is exit 2 naming table and region); commands
// that add orders create it, as the spec's engine does, and say so on stderr.
TEST_F(CliDynamoDbTest, AWrongRegionNeverGetsAnEmptyTableSilently) {
  const CliResult demo = run({"demo"});
  ASSERT_EQ(demo.exit_code, 0) << demo.err;
  EXPECT_NE(demo.err.find("note: created DynamoDB table " + table_ + " in region us-east-1"), std::string::npos)
      << demo.err;
  EXPECT_NE(demo.err.find("note: created DynamoDB table " + table_ + "-stats in region us-east-1"), std::string::npos)
      << demo.err;
  EXPECT_EQ(run({"demo"}).err.find("note: created"), std::string::npos) << "the table existed: nothing created";

  const auto in_region = [&](const std::string& region, std::vector<std::string> args) {
    args.insert(args.begin(),
                {"--backend", "dynamodb", "--table", table_, "--region", region, "--endpoint-url", endpoint()});
    return run_env(std::move(args));
  };
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"stats"}, {"get", "ORD-001"}, {"summary", "ORD-001"}, {"customer-orders", "John Doe"},
           {"last-order", "CUST-123"}, {"by-status", "Pending"}, {"export"}, {"set-status", "ORD-001", "Confirmed"},
           {"delete", "ORD-001"}, {"clear", "--yes"}, {"recompute-stats"}}) {
    const CliResult result = in_region("eu-west-1", args);
    EXPECT_EQ(result.exit_code, 2) << ::testing::PrintToString(args) << result.out << result.err;
    EXPECT_NE(result.err.find(table_), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("eu-west-1"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("does not exist"), std::string::npos) << result.err;
  }
  // Nothing was created in eu-west-1 by any of them.
  managers::DynamoDbOptions probe;
  probe.table_name = table_;
  probe.region = "eu-west-1";
  probe.endpoint_url = endpoint();
  probe.access_key_id = "AKIDEXAMPLE";
  probe.secret_access_key = "cli-secret";
  probe.create_table_if_missing = false;
  EXPECT_THROW(managers::OrderManagerDynamoDB(probe).ensure_tables(), managers::ConfigurationError);

  // Adding an order there creates the table, loudly.
  const CliResult created = in_region("eu-west-1", {"create", "--order-id", "EU-1", "--customer-id", "C",
                                                    "--customer-name", "Eve", "--item", "Tea:1:2.00", "--total", "2.00"});
  EXPECT_EQ(created.exit_code, 0) << created.err;
  EXPECT_NE(created.err.find("note: created DynamoDB table " + table_ + " in region eu-west-1"), std::string::npos)
      << created.err;
  // The us-east-1 orders are where they were, untouched.
  EXPECT_EQ(run({"get", "ORD-001"}).exit_code, 0);
  EXPECT_EQ(run({"get", "EU-1"}).exit_code, 1);
}

TEST_F(CliDynamoDbTest, CheckReportsTheTable) {
  ASSERT_EQ(run({"demo"}).exit_code, 0);
  const CliResult check = run({"check"});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_EQ(split_lines(check.out).at(0), "backend: dynamodb");
  EXPECT_EQ(split_lines(check.out).at(1), "table: " + table_);
  EXPECT_EQ(split_lines(check.out).back(), "OK");
}

// --index-projection: the indexes of a table a command creates, and what upgrade-table converts
// them to (online; the orders and their answers stay the same).
TEST_F(CliDynamoDbTest, IndexProjectionForNewTablesAndUpgradeTable) {
  ASSERT_EQ(run({"--index-projection", "keys", "demo"}).exit_code, 0);
  const CliResult keys = run({"check"});
  EXPECT_EQ(keys.exit_code, 0) << keys.out << keys.err;
  EXPECT_NE(keys.out.find("index status_index: ACTIVE, projection KEYS_ONLY"), std::string::npos) << keys.out;
  EXPECT_NE(keys.out.find("index customer_id_index: ACTIVE, projection INCLUDE"), std::string::npos) << keys.out;
  const std::string listed = run({"--json", "customer-orders", "John Doe"}).out;

  // Unset, upgrade-table leaves a projection the engine reads as it is.
  EXPECT_NE(run({"upgrade-table", "--yes"}).out.find("nothing to do"), std::string::npos);
  const CliResult upgrade = run({"--index-projection", "all", "upgrade-table", "--yes"});
  ASSERT_EQ(upgrade.exit_code, 0) << upgrade.err;
  EXPECT_NE(upgrade.err.find("drop index customer_name_index (projection INCLUDE; rebuilt with ALL)"), std::string::npos)
      << upgrade.err;
  const CliResult all = run({"check"});
  EXPECT_NE(all.out.find("index status_index: ACTIVE, projection ALL"), std::string::npos) << all.out;
  EXPECT_EQ(run({"--json", "customer-orders", "John Doe"}).out, listed);

  const CliResult bad = run({"--index-projection", "some", "check"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--index-projection: some not in {all,keys}"), std::string::npos) << bad.err;
}

// Credentials and tokens never reach what the tool prints, whether things go well, the
// endpoint is unreachable, or a hostile endpoint echoes back every header it was sent.
TEST_F(CliDynamoDbTest, SecretsAndTokensNeverAppearInOutputOrErrors) {
  const std::string secret = "cli-secret-8f3a1c9e77d2b4a6";
  const std::string token = "cli-session-token-0b7e55d1c3a9f2e4";
  const std::map<std::string, std::optional<std::string>> credentials = {{"AWS_SECRET_ACCESS_KEY", secret},
                                                                         {"AWS_SESSION_TOKEN", token}};
  auto expect_clean = [&](const CliResult& result, const std::string& what) {
    for (const std::string& text : {result.out, result.err}) {
      EXPECT_EQ(text.find(secret), std::string::npos) << what << " printed the secret: " << text;
      EXPECT_EQ(text.find(token), std::string::npos) << what << " printed the session token: " << text;
    }
  };
  auto on = [&](const std::string& endpoint_url, std::vector<std::string> args) {
    args.insert(args.begin(), {"--backend", "dynamodb", "--table", table_, "--region", "us-east-1", "--endpoint-url",
                               endpoint_url});
    return run_env(args, credentials);
  };

  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"demo"}, {"check"}, {"--json", "check"}, {"stats"}, {"--json", "get", "ORD-001"}, {"export"}}) {
    const CliResult result = on(endpoint(), args);
    EXPECT_EQ(result.exit_code, 0) << ::testing::PrintToString(args) << result.err;
    expect_clean(result, ::testing::PrintToString(args));
  }

  const int closed_port = testing_support::free_loopback_port();
  const CliResult unreachable = on("http://127.0.0.1:" + std::to_string(closed_port), {"stats"});
  EXPECT_EQ(unreachable.exit_code, 3);
  expect_clean(unreachable, "unreachable endpoint");

  // An endpoint that answers every request with an error quoting all it received.
  testing_support::FakeHttpServer echo;
  echo.set_handler([](const testing_support::RecordedRequest& request) {
    std::string everything = request.method + " " + request.target;
    for (const auto& [name, value] : request.headers) everything += " " + name + ": " + value;
    everything += " " + request.body;
    return testing_support::FakeResponse::json(
        400, json{{"__type", "com.amazon.coral.validate#ValidationException"}, {"message", everything}}.dump());
  });
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"stats"}, {"get", "ORD-001"}, {"check"}, {"demo"}}) {
    const CliResult result = on(echo.url(), args);
    EXPECT_NE(result.exit_code, 0) << ::testing::PrintToString(args);
    expect_clean(result, "echoing endpoint, " + ::testing::PrintToString(args));
    // The echo did reach the user, with the token blanked out.
    EXPECT_NE((result.out + result.err).find("[redacted]"), std::string::npos)
        << ::testing::PrintToString(args) << result.out << result.err;
  }
  bool token_was_sent = false;
  for (const auto& request : echo.requests())
    token_was_sent = token_was_sent || request.header("X-Amz-Security-Token") == token;
  EXPECT_TRUE(token_was_sent) << "the echo never saw the token, so the check above proved nothing";
}

}  // namespace
