// Issue 17: what users type at the edges, through the binary. Each case failed before its fix:
//  4. sub-cent money was rounded silently (0.005 -> $0.00, 3.555 -> $3.56, import 16.999 -> $17.00);
//  5. `check` upgraded an earlier module's database (see CheckIsReadOnly... below);
//  6. import refused naive, offset and second-precision timestamps;
//  7. identifiers were checked trimmed but stored untrimmed; a lone U+202E was a valid name;
//  8. argument errors were CLI11's words; a repeated option or a duplicate metadata key won silently.
// Refusals exit 2 with one "error: ..." line naming the field or option and the rule, writing nothing.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include <nlohmann/json.hpp>

#include "cli/run_cli.hpp"
#include "sqlite/raw_db.hpp"
#include "support/temp_dir.hpp"

namespace {

using nlohmann::json;
using testing_support::CliResult;
using testing_support::CliRun;
using testing_support::split_lines;

class CliEdgeInput : public ::testing::Test {
 protected:
  CliResult run(std::vector<std::string> args, std::string input = "") {
    CliRun run;
    run.args = {"--db", db_path()};
    run.args.insert(run.args.end(), args.begin(), args.end());
    run.cwd = dir_.path();
    run.input = std::move(input);
    return testing_support::run_cli(run);
  }
  std::string db_path() const { return dir_.file("orders.db").string(); }
  CliResult create(const std::string& id, const std::string& name, const std::string& item, const std::string& total,
                   std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"create", "--order-id", id, "--customer-id", "C-1", "--customer-name", name,
                                     "--item", item, "--total", total};
    args.insert(args.end(), extra.begin(), extra.end());
    return run(args);
  }
  std::int64_t stored_orders() {
    const CliResult stats = run({"--json", "stats"});
    EXPECT_EQ(stats.exit_code, 0) << stats.err;
    return json::parse(stats.out).at("total_orders").get<std::int64_t>();
  }
  // Exit 2, one "error: " line containing every one of `words`, nothing on stdout.
  void expect_refused(const CliResult& result, std::vector<std::string> words) {
    EXPECT_EQ(result.exit_code, 2) << result.err;
    const auto lines = split_lines(result.err);
    ASSERT_EQ(lines.size(), 1u) << result.err;
    EXPECT_EQ(lines[0].rfind("error: ", 0), 0u) << lines[0];
    for (const std::string& word : words) EXPECT_NE(lines[0].find(word), std::string::npos) << lines[0];
    EXPECT_EQ(result.out, "");
  }
  std::string file(const std::string& name, const std::string& text) {
    const auto path = dir_.file(name);
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
  }
  // An order line in the spec's data structure (no status_history), as another program writes it.
  static json spec_line(const std::string& id, const std::string& created_at, json total = 2.0) {
    return {{"order_id", id},          {"customer_id", "C-1"},     {"customer_name", "Ann"},
            {"total_price", total},     {"status", "Pending"},      {"created_at", created_at},
            {"updated_at", created_at}, {"estimated_ready_time", nullptr}, {"conversation_id", nullptr},
            {"metadata", json::object()},
            {"items", json::array({{{"item_name", "Tea"}, {"quantity", 1}, {"unit_price", 2.0}, {"subtotal", 2.0}}})}};
  }

  testing_support::TempDir dir_;
};

// --- 4. money ---------------------------------------------------------------------------------

TEST_F(CliEdgeInput, SubCentPricesAreRefusedNotRounded) {
  expect_refused(create("M1", "Ann", "Coffee:1:0.005", "0.01"), {"items[0].unit_price", "whole number of cents", "0.005"});
  expect_refused(create("M2", "Ann", "Coffee:1:3.00", "0.001"), {"total_price", "whole number of cents"});
  expect_refused(create("M3", "Ann", "Coffee:1:3.555", "3.56"), {"unit_price", "3.555"});
  EXPECT_EQ(stored_orders(), 0);
  ASSERT_EQ(create("M4", "Ann", "Coffee:1:3.500", "3.50").exit_code, 0);  // exact, trailing zero
  EXPECT_EQ(stored_orders(), 1);
}

TEST_F(CliEdgeInput, ImportRefusesSubCentMoneyNamingTheField) {
  const std::string lines = spec_line("IMP-1", "2026-12-02T14:38:48.229681Z", 16.999).dump() + "\n" +
                            spec_line("IMP-2", "2026-12-02T14:38:48.229681Z", "16.999").dump() + "\n";
  const CliResult result = run({"import", file("in.jsonl", lines)});
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_NE(result.err.find("line 1 (IMP-1): total_price"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("line 2 (IMP-2): total_price"), std::string::npos) << result.err;
  EXPECT_EQ(stored_orders(), 0);
}

// --- 6. import timestamps -----------------------------------------------------------------------

TEST_F(CliEdgeInput, ImportAcceptsIso8601FormsAndStoresThemAsUtc) {
  const std::pair<const char*, const char*> cases[] = {
      {"2026-12-02T14:38:48.229681", "2026-12-02T14:38:48.229681Z"},  // the earlier module's naive form
      {"2026-12-02T14:38:48+01:00", "2026-12-02T13:38:48.000000Z"},
      {"2026-12-02T14:38:48Z", "2026-12-02T14:38:48.000000Z"},
      {"2024-11-22T15:30:00.5-02:30", "2024-11-22T18:00:00.500000Z"},
  };
  std::string lines;
  int n = 0;
  for (const auto& [given, stored] : cases) lines += spec_line("T" + std::to_string(++n), given).dump() + "\n";
  const CliResult result = run({"import", file("in.jsonl", lines)});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  n = 0;
  for (const auto& [given, stored] : cases) {
    const CliResult got = run({"--json", "get", "T" + std::to_string(++n)});
    ASSERT_EQ(got.exit_code, 0) << got.err;
    const json order = json::parse(got.out);
    EXPECT_EQ(order["created_at"], stored) << given;
    EXPECT_EQ(order["updated_at"], stored) << given;
  }
}

TEST_F(CliEdgeInput, ImportStillRefusesImpossibleDates) {
  const CliResult result = run({"import", file("in.jsonl", spec_line("BAD", "2026-02-30T10:00:00").dump() + "\n")});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("created_at"), std::string::npos) << result.err;
  EXPECT_EQ(stored_orders(), 0);
}

// --- 7. identifiers and names ----------------------------------------------------------------

TEST_F(CliEdgeInput, IdentifiersAndNamesWithSpaceAtTheEndsAreRefused) {
  expect_refused(create(" Q5 ", "Ann", "Tea:1:2.00", "2.00"), {"order_id", "must not start or end with whitespace"});
  expect_refused(run({"create", "--order-id", "Q5", "--customer-id", "C-1 ", "--customer-name", "Ann", "--item",
                      "Tea:1:2.00", "--total", "2.00"}),
                 {"customer_id", "whitespace"});
  expect_refused(create("Q5", "Ann\t", "Tea:1:2.00", "2.00"), {"customer_name"});
  expect_refused(create("Q5", "Ann", " Tea:1:2.00", "2.00"), {"items[0].item_name"});
  expect_refused(create("Q5", "Ann", "Tea:1:2.00", "2.00", {"--conversation-id", "\u00a0CONV"}), {"conversation_id"});
  EXPECT_EQ(stored_orders(), 0);
  ASSERT_EQ(create("Q5", "Ann", "Tea:1:2.00", "2.00").exit_code, 0);
  EXPECT_EQ(run({"get", "Q5"}).exit_code, 0);
}

TEST_F(CliEdgeInput, NamesOfOnlyInvisibleOrBidiControlCharactersAreRefused) {
  for (const char* name : {"\u202e", "\u200b\u200b", "\u2066\u2069", "\ufeff", "\u3000"}) {
    expect_refused(create("B1", name, "Tea:1:2.00", "2.00"), {"customer_name", "visible character"});
    expect_refused(create("B1", "Ann", std::string(name) + ":1:2.00", "2.00"), {"items[0].item_name"});
  }
  EXPECT_EQ(stored_orders(), 0);
  ASSERT_EQ(create("B1", "Zoë \u2603\ufe0f", "Tea:1:2.00", "2.00").exit_code, 0);  // visible text with a selector
}

TEST_F(CliEdgeInput, ImportAppliesTheSameIdentifierRule) {
  const CliResult result = run({"import", file("in.jsonl", spec_line("Q5 ", "2026-12-02T14:38:48Z").dump() + "\n")});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("order_id: must not start or end with whitespace"), std::string::npos) << result.err;
}

// --- 8. argument errors ----------------------------------------------------------------------

TEST_F(CliEdgeInput, LimitErrorsStateTheRule) {
  ASSERT_EQ(create("L1", "Ann", "Tea:1:2.00", "2.00").exit_code, 0);
  for (const char* bad : {"abc", "0", "-1", "10001", "1.5", "", "99999999999999999999"}) {
    SCOPED_TRACE(bad);
    expect_refused(run({"customer-orders", "Ann", "--limit", bad}), {"--limit", "must be a whole number from 1 to 10000"});
    expect_refused(run({"by-status", "Pending", "--limit", bad}), {"--limit", "must be a whole number from 1 to 10000"});
  }
  EXPECT_EQ(run({"customer-orders", "Ann", "--limit", "10000"}).exit_code, 0);
}

// Every other numeric option of every command: refused in our words (never CLI11's "Could not
// convert"), naming the option and its range, before anything starts.
TEST_F(CliEdgeInput, EveryNumericOptionStatesItsRule) {
  struct NumericOption {
    std::vector<std::string> command;
    std::string option;
    std::string rule;
  };
  const std::vector<NumericOption> options = {
      {{"mcp"}, "--tools-page-size", "must be a whole number from 1 to 1000"},
      {{"serve", "--listen", "127.0.0.1:0"}, "--max-connections", "must be a whole number from 1 to 4096"},
      {{"serve", "--listen", "127.0.0.1:0"}, "--max-body-bytes", "must be a whole number from 1024 to 67108864"},
      {{"serve", "--listen", "127.0.0.1:0"}, "--request-timeout-ms", "must be a whole number from 100 to 600000"},
  };
  for (const NumericOption& numeric : options) {
    for (const char* bad : {"abc", "0", "-5", "1.5", "99999999999999999999"}) {
      SCOPED_TRACE(numeric.option + " " + bad);
      std::vector<std::string> args = numeric.command;
      args.push_back(numeric.option);
      args.push_back(bad);
      const auto result = run(args);
      expect_refused(result, {numeric.option, numeric.rule});
      EXPECT_EQ(result.err.find("Could not convert"), std::string::npos) << result.err;
    }
  }
}

TEST_F(CliEdgeInput, RepeatedSingleOptionsAreRefusedInOurWords) {
  expect_refused(create("R1", "Ann", "Tea:1:2.00", "2.00", {"--total", "3.00"}), {"--total was given 2 times; give it once"});
  expect_refused(run({"customer-orders", "Ann", "--limit", "1", "--limit", "2"}), {"--limit was given 2 times"});
  expect_refused(run({"--db", db_path(), "stats"}), {"--db was given 2 times"});
  EXPECT_EQ(stored_orders(), 0);
  // Options meant to repeat still do.
  ASSERT_EQ(run({"create", "--order-id", "R1", "--customer-id", "C", "--customer-name", "Ann", "--item", "Tea:1:2.00",
                 "--item", "Cake:1:3.00", "--total", "5.00"})
                .exit_code,
            0);
}

TEST_F(CliEdgeInput, DuplicateMetadataKeysAreRefused) {
  expect_refused(create("D1", "Ann", "Tea:1:2.00", "2.00", {"--metadata", R"({"table":"5","table":"6"})"}),
                 {"metadata", "duplicate key 'table'"});
  expect_refused(create("D1", "Ann", "Tea:1:2.00", "2.00", {"--metadata", R"({"a":{"b":1,"b":2}})"}),
                 {"metadata", "duplicate key 'b'"});
  EXPECT_EQ(stored_orders(), 0);
  // The same key in different objects is fine.
  ASSERT_EQ(create("D1", "Ann", "Tea:1:2.00", "2.00", {"--metadata", R"({"a":{"k":1},"b":{"k":2}})"}).exit_code, 0);
}

// --- 5. check is read-only --------------------------------------------------------------------

std::string bytes_of(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST_F(CliEdgeInput, CheckOnAnEarlierModuleDatabaseSaysWouldUpgradeAndChangesNoByte) {
  {
    sqlite_testing::RawDb db(db_path());
    sqlite_testing::create_legacy_schema(db);
    db.exec(
        "INSERT INTO orders VALUES ('ORD-001', 'CUST-001', 'John Doe', NULL, 16.99, 'Pending', "
        "  '2024-11-22T15:30:00.123456', '2024-11-22T15:30:00.123456', NULL, NULL);"
        "INSERT INTO order_items (order_id, item_name, quantity, unit_price, subtotal) VALUES "
        "  ('ORD-001', 'Coffee', 2, 3.50, 7.0);");
  }
  const std::string before = bytes_of(db_path());
  for (const std::vector<std::string>& args : {std::vector<std::string>{"check"}, {"--json", "check"}}) {
    const CliResult result = run(args);
    EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
    EXPECT_NE(result.out.find("would upgrade"), std::string::npos) << result.out;
    EXPECT_EQ(bytes_of(db_path()), before) << "check changed the database";
    EXPECT_FALSE(std::filesystem::exists(db_path() + "-wal"));
  }
  sqlite_testing::RawDb db(db_path());
  EXPECT_EQ(db.value("PRAGMA user_version"), "0");
}

}  // namespace
