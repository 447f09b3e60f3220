// Hostile input through the order-manager binary: arguments and import lines that look like
// SQL, carry control bytes, are huge or deeply nested, or are numbers that are not numbers.
// Each either round-trips exactly or ends with exit code 2 and ONE short "error: ..." line
// naming the field (never a crash, never a second line injected by the input), writing nothing.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "cli/run_cli.hpp"
#include "support/temp_dir.hpp"

namespace {

using nlohmann::json;
using testing_support::CliResult;
using testing_support::CliRun;
using testing_support::split_lines;

class CliHostileInput : public ::testing::Test {
 protected:
  CliResult run(std::vector<std::string> args, std::string input = "") {
    CliRun run;
    run.args = {"--db", dir_.file("orders.db").string()};
    run.args.insert(run.args.end(), args.begin(), args.end());
    run.cwd = dir_.path();
    run.input = std::move(input);
    return testing_support::run_cli(run);
  }
  CliResult create(const std::string& id, const std::string& name, const std::string& item, const std::string& total,
                   std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"create", "--order-id", id, "--customer-id", "C-" + id, "--customer-name", name,
                                     "--item", item, "--total", total};
    args.insert(args.end(), extra.begin(), extra.end());
    return run(args);
  }
  std::int64_t stored_orders() {
    const CliResult stats = run({"--json", "stats"});
    EXPECT_EQ(stats.exit_code, 0) << stats.err;
    return json::parse(stats.out).at("total_orders").get<std::int64_t>();
  }
  // Exit code 2, one short error line that names `field`.
  void expect_refused(const CliResult& result, const std::string& field) {
    EXPECT_EQ(result.exit_code, 2) << result.err.substr(0, 300);
    const auto lines = split_lines(result.err);
    ASSERT_EQ(lines.size(), 1u) << "stderr is not one line: " << result.err.substr(0, 300);
    EXPECT_EQ(lines[0].rfind("error: ", 0), 0u) << lines[0];
    EXPECT_NE(lines[0].find(field), std::string::npos) << "does not name " << field << ": " << lines[0];
    EXPECT_LT(lines[0].size(), 400u) << "the error echoes too much of the input";
    EXPECT_EQ(result.out, "");
  }
  std::string file(const std::string& name, const std::string& text) {
    const auto path = dir_.file(name);
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
  }

  testing_support::TempDir dir_;
};

TEST_F(CliHostileInput, InjectionAndUnicodeArgumentsRoundTripExactly) {
  const std::vector<std::string> texts = {"'; DROP TABLE orders; --", "\" OR \"1\"=\"1", "%", "_", "\\",
                                          "محمد 山田 👩‍👩‍👧‍👦", "\u202eevil\u202c", "#id = :v"};
  for (std::size_t k = 0; k < texts.size(); ++k) {
    const std::string id = "ORD-" + std::to_string(k);
    const CliResult created = create(id, texts[k], texts[k] + ":1:2.50", "2.50", {"--metadata", json{{texts[k], texts[k]}}.dump()});
    ASSERT_EQ(created.exit_code, 0) << texts[k] << ": " << created.err;
  }
  for (std::size_t k = 0; k < texts.size(); ++k) {
    SCOPED_TRACE(texts[k]);
    const CliResult got = run({"--json", "get", "ORD-" + std::to_string(k)});
    ASSERT_EQ(got.exit_code, 0) << got.err;
    const json order = json::parse(got.out);
    EXPECT_EQ(order["customer_name"], texts[k]);
    EXPECT_EQ(order["items"][0]["item_name"], texts[k]);
    EXPECT_EQ(order["metadata"], (json{{texts[k], texts[k]}}));
    const CliResult by_name = run({"--json", "customer-orders", texts[k]});
    ASSERT_EQ(by_name.exit_code, 0) << by_name.err;
    EXPECT_EQ(json::parse(by_name.out).size(), 1u) << "a wildcard or quote matched other customers";
    const CliResult summary = run({"summary", "ORD-" + std::to_string(k)});
    EXPECT_NE(summary.out.find("Customer: " + texts[k] + " (ID: C-ORD-"), std::string::npos) << summary.out;
  }
}

TEST_F(CliHostileInput, BadValuesExitTwoWithOneShortLineNamingTheField) {
  expect_refused(create("O", "Ann", "Tea:1:2.00", "1\nerror: injected second line"), "total_price");
  expect_refused(create("O", "Ann", "Tea:1:2.00", "1e400"), "total_price");
  expect_refused(create("O", "Ann", "Tea:1:2.00", "NaN"), "total_price");
  expect_refused(create("O", "Ann", "Tea:1:2.00", "99999999999999999999999"), "total_price");
  expect_refused(create("O", "Ann", "Tea:1:2.00", "-0.01"), "total_price");
  expect_refused(create("O", "Ann", "Tea:99999999999999999999:2.00", "2.00"), "items[0].quantity");
  expect_refused(create("O", "Ann", "Tea:1:inf", "2.00"), "items[0].unit_price");
  expect_refused(create("O", "Ann\x1b[2J", "Tea:1:2.00", "2.00"), "customer_name");
  expect_refused(create("O", std::string(100'000, 'n'), "Tea:1:2.00", "2.00"), "customer_name");
  expect_refused(create(std::string(100'000, 'i'), "Ann", "Tea:1:2.00", "2.00"), "order_id");
  expect_refused(create("O", "Ann", "Tea:1:2.00", "2.00", {"--ready-time", std::string(100'000, '9')}),
                 "estimated_ready_time");
  expect_refused(create("O", "Ann", "Tea:1:2.00", "2.00", {"--ready-time", "2024-11-22T15:30:00\nerror: x"}),
                 "estimated_ready_time");
  expect_refused(create("O", "Ann", "Tea:1:2.00", "2.00", {"--metadata", R"({"x": NaN})"}), "metadata");
  expect_refused(create("O", "Ann", "Tea:1:2.00", "2.00", {"--metadata", R"({"x": 1e400})"}), "metadata");
  expect_refused(create("O", "Ann", "Tea:1:2.00", "2.00", {"--metadata", R"({"x": 1e-400})"}), "metadata");
  expect_refused(create("O", "Ann", "Tea:1:2.00", "2.00", {"--metadata", std::string(60'000, '[')}), "metadata");
  std::string deep = "{\"a\":";
  for (int i = 0; i < 20'000; ++i) deep += "{\"a\":";
  deep += "1" + std::string(20'001, '}');
  expect_refused(create("O", "Ann", "Tea:1:2.00", "2.00", {"--metadata", deep}), "metadata");
  expect_refused(create("O", "Ann", "Tea:1:2.00", "2.00", {"--metadata", json{{"blob", std::string(20'000, 'x')}}.dump()}),
                 "metadata");
  expect_refused(run({"set-status", "O", "Confirmed'; DROP TABLE orders; --"}), "status");
  expect_refused(run({"customer-orders", "Ann", "--limit", "-1"}), "limit");
  EXPECT_EQ(stored_orders(), 0);
}

TEST_F(CliHostileInput, HostileImportLinesAreReportedOneLineEachAndTheGoodOnesLand) {
  const json good = json::parse(R"({"order_id":"GOOD","customer_id":"C","customer_name":"Ann",
      "items":[{"item_name":"Tea","quantity":1,"unit_price":2.5,"subtotal":2.5}],"total_price":2.5,
      "status":"Pending","created_at":"2024-11-22T15:30:00.000000Z","updated_at":"2024-11-22T15:30:00.000000Z",
      "conversation_id":null,"estimated_ready_time":null,"metadata":{},
      "status_history":[{"status":"Pending","changed_at":"2024-11-22T15:30:00.000000Z"}]})");
  auto with = [&](const std::string& id, const std::string& key, const json& value) {
    json line = good;
    line["order_id"] = id;
    line[key] = value;
    return line.dump();
  };
  const std::vector<std::string> lines = {
      good.dump(),
      std::string(1'000'000, '['),                                          // 2: deep nesting, not JSON
      with("B3", "customer_name", std::string("Ann\0Lee", 7)),             // 3: NUL
      with("B4", "customer_name", std::string(1'000'000, 'n')),            // 4: huge
      with("B5\nerror: injected", "customer_name", "Ann"),                 // 5: newline in the id
      with("B6", "metadata", json::parse(std::string(30, '[') + std::string(30, ']'))),  // 6: not an object
      with("B7", "total_price", "1e400"),                                  // 7
      "1e999",                                                             // 8: not an object
      with("B9", "status", "'; DROP TABLE orders; --"),                    // 9
  };
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  const CliResult result = run({"import", file("hostile.jsonl", text)});
  EXPECT_EQ(result.exit_code, 2);
  // Besides the errors, stderr may hold "progress: ..." lines: a run slower than the progress
  // interval (under ASan) prints them, as it should for a long import. Everything else is an error.
  std::vector<std::string> errors;
  for (std::string& line : split_lines(result.err))
    if (!line.starts_with("progress: ")) errors.push_back(std::move(line));
  ASSERT_EQ(errors.size(), lines.size() - 1) << result.err.substr(0, 2000);
  for (std::size_t i = 0; i < errors.size(); ++i) {
    EXPECT_EQ(errors[i].rfind("error: line " + std::to_string(i + 2), 0), 0u) << errors[i].substr(0, 300);
    EXPECT_LT(errors[i].size(), 400u) << errors[i].substr(0, 300);
  }
  EXPECT_NE(errors[1].find("customer_name"), std::string::npos) << errors[1];
  EXPECT_NE(errors[2].find("customer_name"), std::string::npos) << errors[2];
  EXPECT_NE(errors[5].find("total_price"), std::string::npos) << errors[5];
  EXPECT_NE(errors[7].find("status"), std::string::npos) << errors[7];
  EXPECT_EQ(stored_orders(), 1);
  EXPECT_EQ(run({"get", "GOOD"}).exit_code, 0);
}

}  // namespace
