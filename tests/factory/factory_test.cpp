// OrderManagerFactory: parsing the type, the environment variables, explicit
// values winning, and one clear ConfigurationError for a bad value.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>

#include "managers/errors.hpp"
#include "managers/order_manager.hpp"
#include "managers/order_manager_factory.hpp"
#include "support/temp_dir.hpp"

namespace {

using managers::ConfigurationError;
using managers::OrderManagerConfig;
using managers::OrderManagerFactory;
using managers::OrderManagerType;

using Vars = std::map<std::string, std::optional<std::string>>;

// Sets (or unsets, for nullopt) variables for one test and restores them after.
class ScopedEnv {
 public:
  explicit ScopedEnv(const Vars& values) {
    for (const auto& [name, value] : values) {
      const char* old = std::getenv(name.c_str());
      saved_[name] = old ? std::optional<std::string>(old) : std::nullopt;
      set(name, value);
    }
  }
  ~ScopedEnv() {
    for (const auto& [name, value] : saved_) set(name, value);
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  static void set(const std::string& name, const std::optional<std::string>& value) {
    if (value)
      ::setenv(name.c_str(), value->c_str(), 1);
    else
      ::unsetenv(name.c_str());
  }
  std::map<std::string, std::optional<std::string>> saved_;
};

// No ORDER_* variable set.
ScopedEnv clean_env() {
  return ScopedEnv(Vars{{"ORDER_MANAGER_TYPE", std::nullopt}, {"ORDER_DB_PATH", std::nullopt}, {"ORDER_TABLE_NAME", std::nullopt}});
}

std::string message_of(const std::function<void()>& call) {
  try {
    call();
  } catch (const ConfigurationError& error) {
    return error.what();
  }
  return "(no ConfigurationError)";
}

TEST(ParseOrderManagerTypeTest, AcceptsBothTypesInAnyCase) {
  EXPECT_EQ(managers::parse_order_manager_type("sqlite"), OrderManagerType::SQLITE);
  EXPECT_EQ(managers::parse_order_manager_type("SQLite"), OrderManagerType::SQLITE);
  EXPECT_EQ(managers::parse_order_manager_type(" DYNAMODB "), OrderManagerType::DYNAMODB);
  EXPECT_EQ(managers::parse_order_manager_type("DynamoDB"), OrderManagerType::DYNAMODB);
  EXPECT_EQ(managers::to_string(OrderManagerType::SQLITE), "sqlite");
  EXPECT_EQ(managers::to_string(OrderManagerType::DYNAMODB), "dynamodb");
}

TEST(ParseOrderManagerTypeTest, RejectsAnythingElseNamingTheSourceAndTheAcceptedValues) {
  const std::string message = message_of([] { managers::parse_order_manager_type("mysql", "--backend"); });
  EXPECT_EQ(message, "--backend: unknown order manager type 'mysql'; accepted values: sqlite, dynamodb");
  EXPECT_THROW(managers::parse_order_manager_type(""), ConfigurationError);
  EXPECT_THROW(managers::parse_order_manager_type("sqlite3"), ConfigurationError);
}

TEST(ResolveFromEnvTest, DefaultsAreSqliteConversationsDbAndOrders) {
  const ScopedEnv env = clean_env();
  const OrderManagerConfig config = OrderManagerFactory::resolve_from_env();
  EXPECT_EQ(config.type, OrderManagerType::SQLITE);
  EXPECT_EQ(config.db_path, "conversations.db");
  EXPECT_EQ(config.table_name, "orders");
  EXPECT_FALSE(config.region.has_value());  // left to the engine's AWS chain
  EXPECT_FALSE(config.endpoint_url.has_value());
}

TEST(ResolveFromEnvTest, ReadsTheVariables) {
  const ScopedEnv env(Vars{{"ORDER_MANAGER_TYPE", "DynamoDB"}, {"ORDER_DB_PATH", "/tmp/x.db"}, {"ORDER_TABLE_NAME", "orders-test"}});
  const OrderManagerConfig config = OrderManagerFactory::resolve_from_env();
  EXPECT_EQ(config.type, OrderManagerType::DYNAMODB);
  EXPECT_EQ(config.db_path, "/tmp/x.db");
  EXPECT_EQ(config.table_name, "orders-test");
}

TEST(ResolveFromEnvTest, ExplicitValuesWinOverTheEnvironment) {
  const ScopedEnv env(Vars{{"ORDER_MANAGER_TYPE", "dynamodb"}, {"ORDER_DB_PATH", "env.db"}, {"ORDER_TABLE_NAME", "env-table"}});
  OrderManagerConfig overrides;
  overrides.type = OrderManagerType::SQLITE;
  overrides.db_path = "mine.db";
  overrides.table_name = "my-table";
  overrides.region = "us-west-2";
  const OrderManagerConfig config = OrderManagerFactory::resolve_from_env(overrides);
  EXPECT_EQ(config.type, OrderManagerType::SQLITE);
  EXPECT_EQ(config.db_path, "mine.db");
  EXPECT_EQ(config.table_name, "my-table");
  EXPECT_EQ(config.region, "us-west-2");
}

TEST(ResolveFromEnvTest, AnExplicitTypeMeansABadVariableIsNeverRead) {
  const ScopedEnv env(Vars{{"ORDER_MANAGER_TYPE", "bogus"}});
  OrderManagerConfig overrides;
  overrides.type = OrderManagerType::SQLITE;
  EXPECT_EQ(OrderManagerFactory::resolve_from_env(overrides).type, OrderManagerType::SQLITE);
}

TEST(ResolveFromEnvTest, EmptyVariablesCountAsUnset) {
  const ScopedEnv env(Vars{{"ORDER_MANAGER_TYPE", ""}, {"ORDER_DB_PATH", ""}, {"ORDER_TABLE_NAME", ""}});
  const OrderManagerConfig config = OrderManagerFactory::resolve_from_env();
  EXPECT_EQ(config.type, OrderManagerType::SQLITE);
  EXPECT_EQ(config.db_path, "conversations.db");
  EXPECT_EQ(config.table_name, "orders");
}

TEST(ResolveFromEnvTest, ABadValueNamesTheVariableAndTheAcceptedValues) {
  {
    const ScopedEnv env(Vars{{"ORDER_MANAGER_TYPE", "postgres"}});
    EXPECT_EQ(message_of([] { OrderManagerFactory::resolve_from_env(); }),
              "ORDER_MANAGER_TYPE: unknown order manager type 'postgres'; accepted values: sqlite, dynamodb");
  }
  {
    const ScopedEnv env(Vars{{"ORDER_MANAGER_TYPE", std::nullopt}, {"ORDER_TABLE_NAME", "no spaces allowed"}});
    const std::string message = message_of([] { OrderManagerFactory::resolve_from_env(); });
    EXPECT_EQ(message.rfind("ORDER_TABLE_NAME: must be a DynamoDB table name", 0), 0u) << message;
    EXPECT_NE(message.find("'no spaces allowed'"), std::string::npos) << message;
  }
}

TEST(ResolveFromEnvTest, ABadExplicitValueNamesTheField) {
  const ScopedEnv env = clean_env();
  OrderManagerConfig empty_path;
  empty_path.db_path = "";
  EXPECT_EQ(message_of([&] { OrderManagerFactory::resolve_from_env(empty_path); }).rfind("db_path: ", 0), 0u);
  OrderManagerConfig short_table;
  short_table.table_name = "ab";
  EXPECT_EQ(message_of([&] { OrderManagerFactory::resolve_from_env(short_table); }).rfind("table_name: ", 0), 0u);
  OrderManagerConfig blank_region;
  blank_region.region = " ";
  EXPECT_EQ(message_of([&] { OrderManagerFactory::create(OrderManagerType::DYNAMODB, blank_region); }).rfind("region: ", 0),
            0u);
}

TEST(CreateTest, BuildsTheSqliteEngineOnTheGivenFile) {
  const ScopedEnv env = clean_env();
  testing_support::TempDir dir;
  OrderManagerConfig config;
  config.db_path = dir.file("explicit.db").string();
  auto manager = OrderManagerFactory::create(OrderManagerType::SQLITE, config);
  ASSERT_NE(manager, nullptr);
  EXPECT_EQ(manager->backend_name(), "sqlite");
  auto* sqlite = dynamic_cast<managers::OrderManager*>(manager.get());
  ASSERT_NE(sqlite, nullptr);
  EXPECT_EQ(sqlite->db_path(), config.db_path);
  EXPECT_TRUE(manager->create_order("ORD-001", "CUST-001", "John Doe", {{"Coffee", 2, 3.50}}, 7.00));
  EXPECT_TRUE(std::filesystem::exists(dir.file("explicit.db")));
}

TEST(CreateTest, CreateIgnoresTheEnvironment) {
  testing_support::TempDir dir;
  const ScopedEnv env(Vars{{"ORDER_MANAGER_TYPE", "dynamodb"}, {"ORDER_DB_PATH", dir.file("env.db").string()}});
  OrderManagerConfig config;
  config.db_path = dir.file("arg.db").string();
  auto manager = OrderManagerFactory::create(OrderManagerType::SQLITE, config);
  EXPECT_EQ(manager->backend_name(), "sqlite");
  EXPECT_EQ(dynamic_cast<managers::OrderManager&>(*manager).db_path(), dir.file("arg.db").string());
}

TEST(CreateFromEnvTest, UsesOrderDbPath) {
  testing_support::TempDir dir;
  const ScopedEnv env(Vars{{"ORDER_MANAGER_TYPE", "SQLITE"}, {"ORDER_DB_PATH", dir.file("from-env.db").string()}});
  auto manager = OrderManagerFactory::create_from_env();
  EXPECT_EQ(manager->backend_name(), "sqlite");
  EXPECT_TRUE(manager->create_order("ORD-001", "CUST-001", "John Doe", {{"Coffee", 2, 3.50}}, 7.00));
  EXPECT_TRUE(std::filesystem::exists(dir.file("from-env.db")));
}

TEST(CreateFromEnvTest, TheSqliteTuningIsPassedThroughButNotItsPath) {
  testing_support::TempDir dir;
  const ScopedEnv env = clean_env();
  OrderManagerConfig config;
  config.db_path = dir.file("tuned.db").string();
  config.sqlite.db_path = dir.file("ignored.db").string();
  config.sqlite.busy_timeout_ms = 1234;
  auto manager = OrderManagerFactory::create_from_env(config);
  EXPECT_EQ(dynamic_cast<managers::OrderManager&>(*manager).db_path(), config.db_path);
}

TEST(CreateFromEnvTest, TheSqliteOptionsPathIsUsedWhenDbPathIsUnset) {
  testing_support::TempDir dir;
  const ScopedEnv env(Vars{{"ORDER_MANAGER_TYPE", std::nullopt}, {"ORDER_DB_PATH", dir.file("env.db").string()}});
  OrderManagerConfig config;
  config.sqlite.db_path = dir.file("options.db").string();  // set by the caller: explicit, the variable is not read
  EXPECT_EQ(OrderManagerFactory::resolve_from_env(config).db_path, config.sqlite.db_path);
  auto manager = OrderManagerFactory::create(OrderManagerType::SQLITE, config);
  EXPECT_EQ(dynamic_cast<managers::OrderManager&>(*manager).db_path(), config.sqlite.db_path);
  config.sqlite.db_path = "";
  EXPECT_EQ(message_of([&] { OrderManagerFactory::resolve_from_env(config); }).rfind("sqlite.db_path: ", 0), 0u);
}

TEST(ResolveFromEnvTest, OneTableNameRuleLeavesRoomForTheStatsTable) {
  const ScopedEnv env = clean_env();
  OrderManagerConfig config;
  config.table_name = std::string(249, 'a');  // "<name>-stats" is 255, DynamoDB's limit
  EXPECT_NO_THROW(OrderManagerFactory::resolve_from_env(config));
  config.table_name = std::string(250, 'a');
  const std::string message = message_of([&] { OrderManagerFactory::resolve_from_env(config); });
  EXPECT_EQ(message.rfind("table_name: must be a DynamoDB table name: 3 to 249 characters", 0), 0u) << message;
}

TEST(ParseOrderManagerTypeTest, EveryEngineNameRoundTrips) {
  for (const OrderManagerType type : {OrderManagerType::SQLITE, OrderManagerType::DYNAMODB})
    EXPECT_EQ(managers::parse_order_manager_type(managers::to_string(type)), type);
}

}  // namespace
