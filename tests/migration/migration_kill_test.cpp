// `order-manager migrate` (the real binary) killed with SIGKILL at random points, SQLite ->
// DynamoDB Local and DynamoDB Local -> SQLite, then run again: the destination ends identical to
// the source (the two exports are the same bytes), holds no order twice, and its statistics are
// the source's. The same with --overwrite over a destination holding older versions of the
// orders: killed part-way, a run without --overwrite names exactly the orders still to replace as
// conflicts, and a run with it finishes the job.
//
// The kills are synchronised on observable progress, not on time: the test polls the destination
// until it holds the chosen number of orders identical to the source's, then kills (the number
// is random, from a seed printed on failure). Polling has a bounded deadline.

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <fcntl.h>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/run_cli.hpp"
#include "managers/order.hpp"
#include "managers/order_manager.hpp"
#include "managers/order_manager_dynamodb.hpp"
#include "migration/stores.hpp"
#include "sqlite/raw_db.hpp"
#include "support/dynamodb_local.hpp"
#include "support/temp_dir.hpp"

extern char** environ;

namespace {

using nlohmann::json;
using testing_support::CliResult;
using testing_support::CliRun;

constexpr int kOrders = 300;  // pages still to copy after any kill target, so a kill lands mid-run
constexpr int kKillsPerRun = 3;
constexpr auto kDeadline = std::chrono::seconds(120);

// Dummy credentials and nothing else of the caller's AWS setup, for the binary.
std::map<std::string, std::optional<std::string>> aws_env(const testing_support::TempDir& dir) {
  return {{"AWS_ACCESS_KEY_ID", "AKIDEXAMPLE"},
          {"AWS_SECRET_ACCESS_KEY", "migration-kill-secret"},
          {"AWS_SESSION_TOKEN", std::nullopt},
          {"AWS_PROFILE", std::nullopt},
          {"AWS_REGION", std::nullopt},
          {"AWS_DEFAULT_REGION", std::nullopt},
          {"AWS_ENDPOINT_URL", std::nullopt},
          {"AWS_ENDPOINT_URL_DYNAMODB", std::nullopt},
          {"AWS_CONFIG_FILE", dir.file("no-config").string()},
          {"AWS_SHARED_CREDENTIALS_FILE", dir.file("no-credentials").string()},
          {"AWS_EC2_METADATA_DISABLED", "true"}};
}

// The binary started without waiting for it, output to files (no pipe can fill and stall it).
// The destructor kills and reaps a child still running, so no test leaves one behind.
class RunningCli {
 public:
  RunningCli(const std::vector<std::string>& args, const std::map<std::string, std::optional<std::string>>& env,
             const std::filesystem::path& output_dir) {
    std::map<std::string, std::string> variables;
    for (char** entry = environ; *entry != nullptr; ++entry) {
      const std::string text = *entry;
      const auto equals = text.find('=');
      if (equals != std::string::npos) variables[text.substr(0, equals)] = text.substr(equals + 1);
    }
    for (const char* name : {"ORDER_MANAGER_TYPE", "ORDER_DB_PATH", "ORDER_TABLE_NAME"}) variables.erase(name);
    for (const auto& [name, value] : env) {
      if (value)
        variables[name] = *value;
      else
        variables.erase(name);
    }
    std::vector<std::string> environment;
    for (const auto& [name, value] : variables) environment.push_back(name + "=" + value);
    std::vector<char*> envp;
    for (std::string& entry : environment) envp.push_back(entry.data());
    envp.push_back(nullptr);
    std::vector<std::string> argv_text = args;
    argv_text.insert(argv_text.begin(), ORDER_MANAGER_CLI);
    std::vector<char*> argv;
    for (std::string& arg : argv_text) argv.push_back(arg.data());
    argv.push_back(nullptr);

    err_path_ = output_dir / "killed-run.err";
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, (output_dir / "killed-run.out").c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int spawned = posix_spawn(&pid_, ORDER_MANAGER_CLI, &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) throw std::runtime_error("posix_spawn " ORDER_MANAGER_CLI " failed");
  }
  ~RunningCli() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      wait();
    }
  }
  RunningCli(const RunningCli&) = delete;
  RunningCli& operator=(const RunningCli&) = delete;

  // Whether it is still running (reaps it if it ended).
  bool running() {
    if (pid_ <= 0) return false;
    int status = 0;
    const pid_t done = ::waitpid(pid_, &status, WNOHANG);
    if (done == 0) return true;
    record(status);
    return false;
  }
  // Kills it with SIGKILL and returns its exit status (128 + 9 if the kill ended it).
  int kill() {
    if (pid_ > 0) ::kill(pid_, SIGKILL);
    return wait();
  }
  std::string err() const {
    std::ifstream in(err_path_);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }

 private:
  int wait() {
    if (pid_ > 0) {
      int status = 0;
      while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
      }
      record(status);
    }
    return exit_code_;
  }
  void record(int status) {
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    pid_ = -1;
  }

  pid_t pid_ = -1;
  int exit_code_ = -1;
  std::filesystem::path err_path_;
};

// One store as the binary names it (sqlite:PATH, dynamodb:TABLE) and as the test opens it.
struct Store {
  std::string location;
  std::unique_ptr<managers::OrderManagerInterface> manager;
  std::vector<std::string> export_args;  // the binary's global options to export it
  std::string sqlite_path;                // set for a SQLite store
};

class MigrationKillTest : public ::testing::TestWithParam<std::string> {
 protected:
  MigrationKillTest() : seed_(std::random_device{}()), random_(seed_) {}

  Store sqlite_store(const std::string& name) {
    Store store;
    const std::string path = dir_.file(name + ".db").string();
    store.location = "sqlite:" + path;
    store.manager = std::make_unique<managers::OrderManager>(path);  // creates the file before any run
    store.export_args = {"--db", path};
    store.sqlite_path = path;
    return store;
  }
  Store dynamodb_store(const std::string& name) {
    static int next = 0;
    const std::string table = "kill-" + std::to_string(::getpid()) + "-" + std::to_string(++next) + "-" + name;
    managers::DynamoDbOptions options;
    options.table_name = table;
    options.region = "us-east-1";
    options.endpoint_url = endpoint();
    options.access_key_id = "AKIDEXAMPLE";
    options.secret_access_key = "migration-kill-secret";
    auto manager = std::make_unique<managers::OrderManagerDynamoDB>(options);
    manager->ensure_tables();  // made now, so the binary and this test never race to create them
    Store store;
    store.location = "dynamodb:" + table;
    store.manager = std::move(manager);
    store.export_args = {"--backend", "dynamodb", "--table", table};
    return store;
  }
  static std::string endpoint() { return testing_support::shared_dynamodb_local().endpoint(); }
  std::vector<std::string> aws_args() const { return {"--region", "us-east-1", "--endpoint-url", endpoint()}; }

  // The source and destination of this direction.
  void make_stores() {
    const bool up = GetParam() == "SqliteToDynamoDb";
    source_ = up ? sqlite_store("source") : dynamodb_store("source");
    destination_ = up ? dynamodb_store("destination") : sqlite_store("destination");
    testing_support::populate(*source_.manager, kOrders);
  }

  std::vector<std::string> migrate_args(bool overwrite) const {
    std::vector<std::string> args = {"--json", "migrate", "--from", source_.location, "--to", destination_.location};
    if (overwrite) args.push_back("--overwrite");
    const std::vector<std::string> aws = aws_args();
    args.insert(args.end(), aws.begin(), aws.end());
    return args;
  }

  CliResult run_to_end(const std::vector<std::string>& args) {
    CliRun run;
    run.args = args;
    run.cwd = dir_.path();
    run.env = aws_env(dir_);
    return testing_support::run_cli(run);
  }

  // How many destination orders are identical to their source order (read through the library).
  int identical_in_destination() {
    if (source_json_.empty())  // the source does not change while a run is being polled
      for (const managers::Order& order : testing_support::all_orders(*source_.manager))
        source_json_[order.order_id] = managers::to_json(order).dump();
    int identical = 0;
    for (const managers::Order& order : testing_support::all_orders(*destination_.manager)) {
      const auto found = source_json_.find(order.order_id);
      if (found != source_json_.end() && found->second == managers::to_json(order).dump()) ++identical;
    }
    return identical;
  }

  // Runs migrate and kills it once the destination holds `target` orders identical to the
  // source's; returns how many it held just after the kill.
  // The poll: on a SQLite destination one count query (reading every order there is slower than
  // migrate writes them, so the run would end before the kill); else the full comparison.
  int progress_in_destination(bool overwrite) {
    if (destination_.sqlite_path.empty()) return identical_in_destination();
    sqlite_testing::RawDb db(destination_.sqlite_path);
    return std::stoi(db.value(overwrite ? "SELECT count(*) FROM orders WHERE estimated_ready_time LIKE '2031-%'"
                                        : "SELECT count(*) FROM orders"));
  }

  int kill_when_destination_has(int target, bool overwrite) {
    RunningCli run(migrate_args(overwrite), aws_env(dir_), dir_.path());
    const auto deadline = std::chrono::steady_clock::now() + kDeadline;
    while (progress_in_destination(overwrite) < target) {
      if (!run.running()) {
        ADD_FAILURE() << "migrate ended (exit " << run.kill() << ") before the destination held " << target
                      << " orders: " << run.err();
        return identical_in_destination();
      }
      if (std::chrono::steady_clock::now() > deadline) {
        ADD_FAILURE() << "the destination never reached " << target << " orders";
        break;
      }
      // Paces the polling on a busy machine; the kill waits for the count, not for this.
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    const int status = run.kill();
    EXPECT_EQ(status, 128 + SIGKILL) << "migrate finished before the kill: choose smaller targets. " << run.err();
    return identical_in_destination();
  }

  // `count` random kill targets in (low, high), increasing.
  std::vector<int> targets(int low, int high, int count) {
    std::set<int> chosen;
    std::uniform_int_distribution<int> pick(low + 1, high - 1);
    while (static_cast<int>(chosen.size()) < count) chosen.insert(pick(random_));
    return {chosen.begin(), chosen.end()};
  }

  std::string exported(const Store& store) {
    std::vector<std::string> args = store.export_args;
    const std::vector<std::string> aws = aws_args();
    args.insert(args.end(), aws.begin(), aws.end());
    args.push_back("export");
    const CliResult result = run_to_end(args);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return result.out;
  }

  // Identical exports, each order once, and the same statistics.
  void expect_destination_identical() {
    const std::string from = exported(source_);
    const std::string to = exported(destination_);
    const std::vector<std::string> lines = testing_support::split_lines(to);
    EXPECT_EQ(lines.size(), static_cast<std::size_t>(kOrders));
    std::set<std::string> ids;
    for (const std::string& line : lines) ids.insert(json::parse(line).at("order_id").get<std::string>());
    EXPECT_EQ(ids.size(), lines.size()) << "an order is in the destination twice";
    EXPECT_EQ(to, from) << "the destination's export differs from the source's";
    EXPECT_EQ(managers::to_json(destination_.manager->get_order_statistics()),
              managers::to_json(source_.manager->get_order_statistics()));
  }

  testing_support::TempDir dir_;
  std::uint32_t seed_;
  std::mt19937 random_;
  Store source_;
  Store destination_;
  std::map<std::string, std::string> source_json_;  // order id -> JSON, as first read
};

TEST_P(MigrationKillTest, KilledRunsThenARerunLeaveTheDestinationIdentical) {
  SCOPED_TRACE("seed " + std::to_string(seed_));
  make_stores();
  int held = 0;
  for (int target : targets(0, kOrders * 2 / 3, kKillsPerRun)) {
    SCOPED_TRACE("kill at " + std::to_string(target));
    const int after = kill_when_destination_has(std::max(target, held + 1), /*overwrite=*/false);
    EXPECT_GE(after, held) << "a killed run lost orders an earlier run had copied";
    held = after;
    if (HasFailure()) return;
  }
  ASSERT_LT(held, kOrders);

  const CliResult finish = run_to_end(migrate_args(/*overwrite=*/false));
  ASSERT_EQ(finish.exit_code, 0) << finish.err;
  const json report = json::parse(finish.out);
  EXPECT_EQ(report["read"], kOrders);
  EXPECT_EQ(report["conflicts"], 0) << "a killed run left a half-written order: " << finish.out;
  EXPECT_EQ(report["failed"], 0);
  // What the killed runs finished counts as already there (plus at most the order each was
  // writing at the kill, which may have landed after the last look).
  EXPECT_GE(report["already_present"].get<int>(), held);
  EXPECT_LE(report["already_present"].get<int>(), held + 1);
  EXPECT_EQ(report["copied"].get<int>() + report["already_present"].get<int>(), kOrders);
  expect_destination_identical();

  const CliResult again = run_to_end(migrate_args(/*overwrite=*/false));
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(json::parse(again.out)["already_present"], kOrders);
}

TEST_P(MigrationKillTest, KilledOverwriteRunsThenARerunReplaceEveryOlderVersion) {
  SCOPED_TRACE("seed " + std::to_string(seed_));
  make_stores();
  const CliResult first = run_to_end(migrate_args(/*overwrite=*/false));
  ASSERT_EQ(first.exit_code, 0) << first.err;

  // The source moves on: every order that is not final gets a new ready time, so the
  // destination holds an older version of each of them.
  int changed = 0;
  for (const managers::Order& order : testing_support::orders_by_id(*source_.manager))
    if (source_.manager->update_order_ready_time(order.order_id, "2031-01-0" + std::to_string(1 + changed % 9) + "T12:00:00Z"))
      ++changed;
  ASSERT_GT(changed, kOrders / 2);
  const int unchanged = kOrders - changed;
  ASSERT_EQ(identical_in_destination(), unchanged);

  int held = unchanged;
  for (int target : targets(unchanged, unchanged + changed / 3, kKillsPerRun - 1)) {
    SCOPED_TRACE("kill at " + std::to_string(target));
    const int after = kill_when_destination_has(std::max(target, held + 1), /*overwrite=*/true);
    EXPECT_GE(after, held);
    held = after;
    if (HasFailure()) return;
  }
  ASSERT_LT(held, kOrders);

  // Without --overwrite, the run names exactly the orders still to replace and changes nothing.
  held = identical_in_destination();  // again: a request in flight at the kill may have landed since
  const CliResult refused = run_to_end(migrate_args(/*overwrite=*/false));
  EXPECT_EQ(refused.exit_code, 1) << refused.err;
  const json conflicts = json::parse(refused.out);
  EXPECT_EQ(conflicts["conflicts"], kOrders - held);
  EXPECT_EQ(conflicts["already_present"], held);
  EXPECT_EQ(identical_in_destination(), held);

  const CliResult finish = run_to_end(migrate_args(/*overwrite=*/true));
  ASSERT_EQ(finish.exit_code, 0) << finish.err;
  const json report = json::parse(finish.out);
  EXPECT_EQ(report["overwritten"], kOrders - held);
  EXPECT_EQ(report["already_present"], held);
  EXPECT_EQ(report["copied"], 0);
  EXPECT_EQ(report["conflicts"], 0);
  expect_destination_identical();
}

std::string direction_name(const ::testing::TestParamInfo<std::string>& param) { return param.param; }

INSTANTIATE_TEST_SUITE_P(Directions, MigrationKillTest, ::testing::Values("SqliteToDynamoDb", "DynamoDbToSqlite"),
                         direction_name);

}  // namespace
