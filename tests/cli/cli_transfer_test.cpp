// order-manager migrate / export / import, run as a user runs them.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/run_cli.hpp"
#include "support/temp_dir.hpp"

namespace {

using nlohmann::json;
using testing_support::CliResult;
using testing_support::CliRun;
using testing_support::split_lines;

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

class CliTransferTest : public ::testing::Test {
 protected:
  CliResult run(std::vector<std::string> args, std::string input = "") {
    CliRun run;
    run.args = std::move(args);
    run.cwd = dir_.path();
    run.input = std::move(input);
    return testing_support::run_cli(run);
  }
  std::string db(const std::string& name) const { return dir_.file(name + ".db").string(); }
  std::string file(const std::string& name) const { return dir_.file(name).string(); }

  // Orders ORD-00..ORD-(n-1) in `database`, with a status change on every third.
  void fill(const std::string& database, int count) {
    for (int i = 0; i < count; ++i) {
      const std::string id = "ORD-" + std::string(i < 10 ? "0" : "") + std::to_string(i);
      const CliResult created = run({"--db", database, "create", "--order-id", id, "--customer-id", "C" + std::to_string(i % 4),
                                     "--customer-name", "Customer " + std::to_string(i % 4), "--item",
                                     "Coffee:" + std::to_string(1 + i % 3) + ":3.50", "--item", "Muffin: blueberry:1:2.25",
                                     "--total", std::to_string(10 + i) + ".99", "--metadata",
                                     R"({"table":")" + std::to_string(i) + R"("})"});
      ASSERT_EQ(created.exit_code, 0) << created.err;
      if (i % 3 == 0) {
        ASSERT_EQ(run({"--db", database, "set-status", id, "confirmed"}).exit_code, 0);
      }
    }
  }
  std::string export_of(const std::string& database) {
    const CliResult result = run({"--db", database, "export"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return result.out;
  }

  testing_support::TempDir dir_;
};

TEST_F(CliTransferTest, MigrateCopiesEverythingAndASecondRunChangesNothing) {
  fill(db("a"), 12);
  const CliResult first = run({"migrate", "--from", "sqlite:" + db("a"), "--to", "SQLite:" + db("b")});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const auto lines = split_lines(first.out);
  ASSERT_EQ(lines.size(), 7u) << first.out;
  EXPECT_EQ(lines[0], "Migrated sqlite:" + db("a") + " -> sqlite:" + db("b"));
  EXPECT_EQ(lines[1], "  read:            12");
  EXPECT_EQ(lines[2], "  copied:          12");
  EXPECT_EQ(lines[3], "  already present: 0");
  EXPECT_EQ(lines[4], "  conflicts:       0");
  EXPECT_EQ(lines[5], "  overwritten:     0");
  EXPECT_EQ(lines[6], "  failed:          0");
  EXPECT_EQ(export_of(db("b")), export_of(db("a")));

  const CliResult second = run({"--json", "migrate", "--from", "sqlite:" + db("a"), "--to", "sqlite:" + db("b")});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  const json report = json::parse(second.out);
  EXPECT_EQ(report["read"], 12);
  EXPECT_EQ(report["copied"], 0);
  EXPECT_EQ(report["already_present"], 12);
  EXPECT_EQ(report["conflicts"], 0);
  EXPECT_EQ(export_of(db("b")), export_of(db("a")));
}

TEST_F(CliTransferTest, MigrateReportsConflictsWithExitOneAndOverwriteReplacesThem) {
  fill(db("a"), 5);
  ASSERT_EQ(run({"--db", db("b"), "create", "--order-id", "ORD-02", "--customer-id", "X", "--customer-name", "Other",
                 "--item", "Tea:1:1.00", "--total", "1.00"})
                .exit_code,
            0);
  const CliResult conflicted = run({"migrate", "--from", "sqlite:" + db("a"), "--to", "sqlite:" + db("b")});
  EXPECT_EQ(conflicted.exit_code, 1);
  EXPECT_NE(conflicted.out.find("  conflicts:       1"), std::string::npos) << conflicted.out;
  EXPECT_NE(conflicted.out.find("Conflicts (left alone; --overwrite replaces them): ORD-02"), std::string::npos)
      << conflicted.out;
  EXPECT_EQ(json::parse(run({"--db", db("b"), "--json", "get", "ORD-02"}).out)["customer_name"], "Other");

  const CliResult replaced =
      run({"migrate", "--from", "sqlite:" + db("a"), "--to", "sqlite:" + db("b"), "--overwrite", "--json"});
  EXPECT_EQ(replaced.exit_code, 0) << replaced.err;
  EXPECT_EQ(json::parse(replaced.out)["overwritten"], 1);
  EXPECT_EQ(export_of(db("b")), export_of(db("a")));
}

TEST_F(CliTransferTest, MigrateRejectsAMalformedStore) {
  for (const std::string& from : {std::string("sqlite"), std::string("mysql:x.db"), std::string("sqlite:")}) {
    const CliResult result = run({"migrate", "--from", from, "--to", "sqlite:" + db("b")});
    EXPECT_EQ(result.exit_code, 2) << from;
    EXPECT_EQ(split_lines(result.err).size(), 1u) << result.err;
    EXPECT_EQ(result.err.rfind("error: --from: ", 0), 0u) << result.err;
  }
  EXPECT_EQ(run({"migrate", "--from", "sqlite:" + db("a")}).exit_code, 2);  // --to is required
}

TEST_F(CliTransferTest, ExportImportExportIsByteIdentical) {
  fill(db("a"), 15);
  const CliResult exported = run({"--db", db("a"), "export", "--output", file("orders.jsonl")});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_EQ(exported.out, "Exported 15 orders to " + file("orders.jsonl") + ".\n");
  EXPECT_FALSE(std::filesystem::exists(file("orders.jsonl.partial")));
  const std::string text = read_file(file("orders.jsonl"));
  EXPECT_EQ(split_lines(text).size(), 15u);
  EXPECT_EQ(text, export_of(db("a")));  // stdout and file carry the same bytes

  const CliResult imported = run({"--db", db("b"), "import", file("orders.jsonl")});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_EQ(split_lines(imported.out).at(0), "Imported " + file("orders.jsonl") + " into sqlite:" + db("b"));
  EXPECT_NE(imported.out.find("  imported:        15"), std::string::npos) << imported.out;

  EXPECT_EQ(export_of(db("b")), text);

  // stdin works too, and importing again changes nothing.
  const CliResult again = run({"--db", db("b"), "--json", "import", "-"}, text);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(json::parse(again.out)["already_present"], 15);
}

TEST_F(CliTransferTest, ImportReportsBadLinesWithTheirNumbersAndExitsTwo) {
  fill(db("a"), 3);
  auto lines = split_lines(export_of(db("a")));
  ASSERT_EQ(lines.size(), 3u);
  json broken = json::parse(lines[1]);
  broken["items"][0]["quantity"] = 0;
  write_file(file("in.jsonl"), lines[0] + "\n" + broken.dump() + "\n\nnot json\n" + lines[2] + "\n");

  const CliResult result = run({"--db", db("b"), "import", file("in.jsonl")});
  EXPECT_EQ(result.exit_code, 2);
  const auto errors = split_lines(result.err);
  ASSERT_EQ(errors.size(), 2u) << result.err;
  EXPECT_EQ(errors[0], "error: line 2 (ORD-01): items[0].quantity: must be a whole number from 1 to 1000000");
  EXPECT_EQ(errors[1].rfind("error: line 4: invalid JSON: ", 0), 0u) << errors[1];
  EXPECT_NE(result.out.find("  imported:        2"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("  failed:          2"), std::string::npos) << result.out;
  EXPECT_EQ(run({"--db", db("b"), "get", "ORD-00"}).exit_code, 0);
  EXPECT_EQ(run({"--db", db("b"), "get", "ORD-01"}).exit_code, 1);
  EXPECT_EQ(run({"--db", db("b"), "get", "ORD-02"}).exit_code, 0);
}

TEST_F(CliTransferTest, StrictImportWritesNothingWhenALineIsBad) {
  fill(db("a"), 3);
  const std::string good = export_of(db("a"));
  write_file(file("bad.jsonl"), good + "{\"order_id\": \"ORD-99\"}\n");

  const CliResult refused = run({"--db", db("b"), "import", "--strict", file("bad.jsonl")});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_EQ(split_lines(refused.out).at(0), "Checked " + file("bad.jsonl") + ": nothing written (--strict)");
  EXPECT_EQ(split_lines(refused.err).size(), 1u) << refused.err;
  EXPECT_EQ(refused.err.rfind("error: line 4 (ORD-99): ", 0), 0u) << refused.err;
  EXPECT_EQ(export_of(db("b")), "");

  write_file(file("good.jsonl"), good);
  const CliResult accepted = run({"--db", db("b"), "--json", "import", "--strict", file("good.jsonl")});
  EXPECT_EQ(accepted.exit_code, 0) << accepted.err;
  EXPECT_EQ(json::parse(accepted.out)["copied"], 3);
  EXPECT_EQ(export_of(db("b")), good);

  const CliResult from_pipe = run({"--db", db("c"), "import", "--strict", "-"}, good);
  EXPECT_EQ(from_pipe.exit_code, 2);
  EXPECT_EQ(split_lines(from_pipe.err).size(), 1u) << from_pipe.err;
}

TEST_F(CliTransferTest, ImportOfAMissingFileExitsTwo) {
  const CliResult result = run({"--db", db("b"), "import", file("nope.jsonl")});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err.rfind("error: cannot read ", 0), 0u) << result.err;
}

TEST_F(CliTransferTest, ExportToAnUnwritablePlaceExitsTwoAndLeavesNothing) {
  fill(db("a"), 1);
  const CliResult result = run({"--db", db("a"), "export", "--output", file("no/such/folder/out.jsonl")});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(split_lines(result.err).size(), 1u) << result.err;
}

TEST_F(CliTransferTest, ProgressIsPlainTextWhenNotATerminal) {
  fill(db("a"), 3);
  const CliResult result = run({"migrate", "--from", "sqlite:" + db("a"), "--to", "sqlite:" + db("b")});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.err.find('\r'), std::string::npos);  // no bar redrawing into a pipe
  EXPECT_EQ(result.err.find("\033["), std::string::npos);
}

}  // namespace
