// Issue 17 item 5: `check` on a SQLite file is read-only. The earlier module's database is
// reported as "would upgrade" and left byte-identical (no upgrade, no switch to WAL, no -wal or
// -shm file left behind); a current database is inspected without a byte changing either.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "managers/order_manager.hpp"
#include "sqlite/raw_db.hpp"
#include "sqlite/read_only_check.hpp"
#include "support/temp_dir.hpp"

namespace {

using sqlite_testing::RawDb;

std::string bytes_of(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

bool has_fact(const managers::HealthReport& report, const std::string& start) {
  for (const std::string& fact : report.facts)
    if (fact.rfind(start, 0) == 0) return true;
  return false;
}

void write_legacy_database(const std::string& path) {
  RawDb db(path);
  sqlite_testing::create_legacy_schema(db);
  db.exec(
      "INSERT INTO orders VALUES ('ORD-001', 'CUST-001', 'John Doe', NULL, 16.99, 'Pending', "
      "  '2024-11-22T15:30:00.123456', '2024-11-22T15:30:00.123456', NULL, NULL);"
      "INSERT INTO order_items (order_id, item_name, quantity, unit_price, subtotal) VALUES "
      "  ('ORD-001', 'Coffee', 2, 3.50, 7.0);");
}

TEST(SqliteReadOnlyCheck, EarlierModuleDatabaseIsReportedAsWouldUpgradeAndLeftByteIdentical) {
  testing_support::TempDir dir;
  const std::string path = dir.file("conversations.db").string();
  write_legacy_database(path);
  const std::string before = bytes_of(path);
  ASSERT_FALSE(before.empty());

  const managers::HealthReport report = managers::sqlite::check_file_read_only(path);
  EXPECT_TRUE(report.ok()) << (report.problems.empty() ? "" : report.problems[0].what);
  EXPECT_TRUE(has_fact(report, "would upgrade: a database of the earlier Python module"));
  EXPECT_TRUE(has_fact(report, "schema version: 0"));
  EXPECT_TRUE(has_fact(report, "journal mode: delete"));

  EXPECT_EQ(bytes_of(path), before) << "check changed the file";
  EXPECT_FALSE(std::filesystem::exists(path + "-wal"));
  EXPECT_FALSE(std::filesystem::exists(path + "-shm"));
  RawDb db(path);
  EXPECT_EQ(db.value("PRAGMA user_version"), "0");
  EXPECT_EQ(db.value("PRAGMA journal_mode"), "delete");
}

TEST(SqliteReadOnlyCheck, CurrentDatabaseIsInspectedWithoutAByteChanging) {
  testing_support::TempDir dir;
  const std::string path = dir.file("orders.db").string();
  {
    managers::OrderManager manager(path);
    ASSERT_TRUE(manager.create_order("ORD-1", "C-1", "Ann", {{"Tea", 1, managers::Money::from_cents(200)}},
                                     managers::Money::from_cents(200)));
  }
  const std::string before = bytes_of(path);
  const managers::HealthReport report = managers::sqlite::check_file_read_only(path);
  EXPECT_TRUE(report.ok()) << (report.problems.empty() ? "" : report.problems[0].what);
  EXPECT_TRUE(has_fact(report, "schema version: 1"));
  EXPECT_TRUE(has_fact(report, "journal mode: wal"));
  EXPECT_FALSE(has_fact(report, "would "));
  EXPECT_EQ(bytes_of(path), before);
}

TEST(SqliteReadOnlyCheck, FileThatIsNotADatabaseIsAProblemAndIsNotTouched) {
  testing_support::TempDir dir;
  const std::string path = dir.file("notes.db").string();
  std::ofstream(path, std::ios::binary) << std::string(4096, 'x');
  const managers::HealthReport report = managers::sqlite::check_file_read_only(path);
  EXPECT_FALSE(report.ok());
  EXPECT_EQ(bytes_of(path), std::string(4096, 'x'));
}

}  // namespace
