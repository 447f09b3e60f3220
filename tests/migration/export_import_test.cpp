// export_orders / import_orders: JSON Lines, byte-exact round trips, per-line
// errors, idempotence, conflicts and the strict (all-or-nothing) mode.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <streambuf>

#include "managers/errors.hpp"
#include "managers/migration.hpp"
#include "migration/stores.hpp"

namespace {

using managers::ImportOptions;
using managers::ImportReport;
using testing_support::orders_by_id;
using testing_support::export_text;
using testing_support::make_store;
using testing_support::order_id;
using testing_support::populate;
using testing_support::import_text;
using testing_support::spec_line;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

class ExportImportTest : public ::testing::TestWithParam<std::string> {
 protected:
  std::unique_ptr<managers::OrderManagerInterface> store(const std::string& name) {
    return make_store(GetParam(), dir_, name);
  }
  testing_support::TempDir dir_;
};

TEST_P(ExportImportTest, ExportImportExportIsByteIdentical) {
  auto first = store("first");
  populate(*first, 45);
  const std::string exported = export_text(*first);

  auto second = store("second");
  const ImportReport report = import_text(*second, exported);
  EXPECT_EQ(report.read, 45);
  EXPECT_EQ(report.copied, 45);
  EXPECT_TRUE(report.problems.empty());

  EXPECT_EQ(export_text(*second), exported);
  EXPECT_EQ(orders_by_id(*second), orders_by_id(*first));
}

TEST_P(ExportImportTest, ExportIsOneCompactOrderPerLineAscendingById) {
  auto source = store("source");
  populate(*source, 12);
  const std::string text = export_text(*source);
  ASSERT_FALSE(text.empty());
  EXPECT_EQ(text.back(), '\n');

  const auto lines = lines_of(text);
  const auto orders = orders_by_id(*source);
  ASSERT_EQ(lines.size(), orders.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    EXPECT_EQ(lines[i], managers::to_json(orders[i]).dump());
    const auto json = nlohmann::json::parse(lines[i]);
    EXPECT_EQ(json["order_id"], order_id(static_cast<int>(i)));
    for (const char* key : {"order_id", "customer_id", "customer_name", "total_price", "status", "created_at",
                            "updated_at", "estimated_ready_time", "conversation_id", "metadata", "items",
                            "status_history"})
      EXPECT_TRUE(json.contains(key)) << key;
    EXPECT_TRUE(json["total_price"].is_number());
  }
}

TEST_P(ExportImportTest, EmptyStoreExportsNothing) {
  auto empty = store("empty");
  EXPECT_EQ(export_text(*empty), "");
  EXPECT_EQ(import_text(*empty, "").read, 0);
}

TEST_P(ExportImportTest, BadLinesAreReportedWithLineNumbersAndWriteNothing) {
  auto target = store("target");
  const std::string text = spec_line("ORD-A") + "\n" +         // 1 good
                           "{not json\n" +                      // 2 invalid JSON
                           "\n" +                               // 3 blank: skipped
                           spec_line("ORD-B", 0) + "\n" +       // 4 quantity 0
                           R"({"order_id":"ORD-C"})" "\n" +     // 5 missing fields
                           spec_line("ORD-D") + "\r\n" +        // 6 good, CRLF
                           "[1,2]\n";                           // 7 not an object

  const ImportReport report = import_text(*target, text);

  EXPECT_EQ(report.read, 6);
  EXPECT_EQ(report.copied, 2);
  EXPECT_EQ(report.failed, 4);
  ASSERT_EQ(report.problems.size(), 4u);
  EXPECT_EQ(report.problems[0].line, 2);
  EXPECT_NE(report.problems[0].reason.find("invalid JSON"), std::string::npos) << report.problems[0].reason;
  EXPECT_EQ(report.problems[1].line, 4);
  EXPECT_EQ(report.problems[1].order_id, "ORD-B");
  EXPECT_EQ(report.problems[1].reason, "items[0].quantity: must be a whole number from 1 to 1000000");
  EXPECT_EQ(report.problems[2].line, 5);
  EXPECT_EQ(report.problems[2].order_id, "ORD-C");
  EXPECT_NE(report.problems[2].reason.find("customer_id"), std::string::npos) << report.problems[2].reason;
  EXPECT_EQ(report.problems[3].line, 7);
  EXPECT_FALSE(report.nothing_written);

  EXPECT_TRUE(target->get_order("ORD-A").has_value());
  EXPECT_TRUE(target->get_order("ORD-D").has_value());
  EXPECT_FALSE(target->get_order("ORD-B").has_value());
  EXPECT_FALSE(target->get_order("ORD-C").has_value());
}

TEST_P(ExportImportTest, AHandWrittenSpecRecordWithoutHistoryImportsAsGiven) {
  auto target = store("target");
  ASSERT_EQ(import_text(*target, spec_line("ORD-A") + "\n").copied, 1);
  const auto order = target->get_order("ORD-A");
  ASSERT_TRUE(order.has_value());
  EXPECT_EQ(order->created_at, "2024-11-22T10:00:00.000000Z");
  EXPECT_EQ(order->total_price, managers::Money::from_cents(1200));
  EXPECT_EQ(order->items.at(0).subtotal, managers::Money::from_cents(900));
  ASSERT_EQ(order->status_history.size(), 1u);
  EXPECT_EQ(order->status_history[0].changed_at, order->created_at);
}

TEST_P(ExportImportTest, ImportingTwiceChangesNothing) {
  auto source = store("source");
  populate(*source, 15);
  const std::string text = export_text(*source);
  auto target = store("target");
  import_text(*target, text);

  const ImportReport again = import_text(*target, text);

  EXPECT_EQ(again.read, 15);
  EXPECT_EQ(again.copied, 0);
  EXPECT_EQ(again.already_present, 15);
  EXPECT_EQ(export_text(*target), text);
}

TEST_P(ExportImportTest, ADifferentStoredOrderIsAConflictUnlessOverwrite) {
  auto target = store("target");
  ASSERT_TRUE(target->create_order("ORD-A", "OTHER", "Someone Else", {{"Tea", 1, 2.00}}, 2.00));
  const auto theirs = target->get_order("ORD-A");
  const std::string text = spec_line("ORD-0") + "\n" + spec_line("ORD-A") + "\n";

  const ImportReport report = import_text(*target, text);
  EXPECT_EQ(report.copied, 1);
  EXPECT_EQ(report.conflicts, 1);
  ASSERT_EQ(report.problems.size(), 1u);
  EXPECT_EQ(report.problems[0].line, 2);
  EXPECT_EQ(report.problems[0].order_id, "ORD-A");
  EXPECT_EQ(target->get_order("ORD-A"), theirs);

  ImportOptions overwrite;
  overwrite.overwrite = true;
  const ImportReport replaced = import_text(*target, text, overwrite);
  EXPECT_EQ(replaced.already_present, 1);
  EXPECT_EQ(replaced.overwritten, 1);
  EXPECT_EQ(target->get_order("ORD-A")->customer_name, "Alice Johnson");
}

TEST_P(ExportImportTest, StrictImportWritesNothingIfAnyLineIsBad) {
  auto target = store("target");
  ImportOptions strict;
  strict.strict = true;
  const std::string text = spec_line("ORD-A") + "\n" + spec_line("ORD-B") + "\n" + spec_line("ORD-C", -1) + "\n";

  const ImportReport report = import_text(*target, text, strict);

  EXPECT_TRUE(report.nothing_written);
  EXPECT_EQ(report.read, 3);
  EXPECT_EQ(report.failed, 1);
  EXPECT_EQ(report.copied, 0);
  ASSERT_EQ(report.problems.size(), 1u);
  EXPECT_EQ(report.problems[0].line, 3);
  EXPECT_TRUE(orders_by_id(*target).empty());
}

TEST_P(ExportImportTest, StrictImportWritesEverythingWhenEveryLineIsGood) {
  auto source = store("source");
  populate(*source, 20);
  const std::string text = export_text(*source);
  auto target = store("target");
  ImportOptions strict;
  strict.strict = true;

  const ImportReport report = import_text(*target, text, strict);

  EXPECT_FALSE(report.nothing_written);
  EXPECT_EQ(report.read, 20);
  EXPECT_EQ(report.copied, 20);
  EXPECT_EQ(export_text(*target), text);
}

TEST_P(ExportImportTest, StrictImportRejectsAnIdThatAppearsTwice) {
  auto target = store("target");
  ImportOptions strict;
  strict.strict = true;
  const ImportReport report =
      import_text(*target, spec_line("ORD-A") + "\n" + spec_line("ORD-B") + "\n" + spec_line("ORD-A", 3) + "\n", strict);
  EXPECT_TRUE(report.nothing_written);
  ASSERT_EQ(report.problems.size(), 1u);
  EXPECT_EQ(report.problems[0].line, 3);
  EXPECT_NE(report.problems[0].reason.find("first on line 1"), std::string::npos) << report.problems[0].reason;
  EXPECT_TRUE(orders_by_id(*target).empty());
}

TEST_P(ExportImportTest, StrictImportTreatsAConflictAsBadUnlessOverwrite) {
  auto target = store("target");
  ASSERT_TRUE(target->create_order("ORD-B", "OTHER", "Someone Else", {{"Tea", 1, 2.00}}, 2.00));
  ImportOptions strict;
  strict.strict = true;
  const std::string text = spec_line("ORD-A") + "\n" + spec_line("ORD-B") + "\n";

  const ImportReport refused = import_text(*target, text, strict);
  EXPECT_TRUE(refused.nothing_written);
  EXPECT_EQ(refused.conflicts, 1);
  EXPECT_FALSE(target->get_order("ORD-A").has_value());

  strict.overwrite = true;
  const ImportReport replaced = import_text(*target, text, strict);
  EXPECT_FALSE(replaced.nothing_written);
  EXPECT_EQ(replaced.copied, 1);
  EXPECT_EQ(replaced.overwritten, 1);
}

INSTANTIATE_TEST_SUITE_P(Engines, ExportImportTest, ::testing::ValuesIn(testing_support::engines_under_test()),
                         [](const ::testing::TestParamInfo<std::string>& param) { return param.param; });

}  // namespace
