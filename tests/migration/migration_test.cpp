// migrate(): exact copies, idempotence, conflicts, resumption, progress,
// failures — on SQLite (the real engine) and on an in-memory engine that can
// inject faults.

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>

#include "managers/errors.hpp"
#include "managers/migration.hpp"
#include "migration/stores.hpp"

namespace {

using managers::MigrationOptions;
using managers::MigrationReport;
using managers::TransferCounts;
using testing_support::orders_by_id;
using testing_support::export_text;
using testing_support::make_store;
using managers::store::MemoryOrderManager;
using testing_support::order_id;
using testing_support::populate;

constexpr int kOrders = 57;

using testing_support::counts;
using testing_support::counts_of;

class MigrationTest : public ::testing::TestWithParam<std::string> {
 protected:
  std::unique_ptr<managers::OrderManagerInterface> store(const std::string& name) {
    return make_store(GetParam(), dir_, name);
  }
  MigrationOptions small_pages() {
    MigrationOptions options;
    options.page_size = 10;
    return options;
  }

  testing_support::TempDir dir_;
};

TEST_P(MigrationTest, CopiesEveryOrderExactly) {
  auto from = store("from");
  auto to = store("to");
  populate(*from, kOrders);

  const MigrationReport report = managers::migrate(*from, *to, small_pages());

  EXPECT_EQ(counts_of(report), counts(kOrders, kOrders, 0));
  EXPECT_TRUE(report.conflict_ids.empty());
  EXPECT_TRUE(report.failures.empty());
  const auto source = orders_by_id(*from);
  ASSERT_EQ(source.size(), static_cast<std::size_t>(kOrders));
  EXPECT_EQ(orders_by_id(*to), source);  // every field: items, money, status, history, timestamps, metadata
  EXPECT_EQ(to->get_order_statistics(), from->get_order_statistics());
  EXPECT_EQ(export_text(*to), export_text(*from));
}

TEST_P(MigrationTest, SecondRunChangesNothing) {
  auto from = store("from");
  auto to = store("to");
  populate(*from, kOrders);
  managers::migrate(*from, *to, small_pages());
  const std::string before = export_text(*to);

  const MigrationReport again = managers::migrate(*from, *to, small_pages());

  EXPECT_EQ(counts_of(again), counts(kOrders, 0, kOrders));
  EXPECT_EQ(export_text(*to), before);
}

TEST_P(MigrationTest, ConflictsAreReportedAndLeftAloneUnlessOverwrite) {
  auto from = store("from");
  auto to = store("to");
  populate(*from, 20);
  // The destination already has ORD-0003 and ORD-0011 with other content.
  ASSERT_TRUE(to->create_order(order_id(3), "OTHER", "Someone Else", {{"Tea", 1, 2.00}}, 2.00));
  ASSERT_TRUE(to->create_order(order_id(11), "OTHER", "Someone Else", {{"Tea", 1, 2.00}}, 2.00));
  const auto theirs = to->get_order(order_id(3));

  const MigrationReport report = managers::migrate(*from, *to, small_pages());
  EXPECT_EQ(counts_of(report), counts(20, 18, 0, 2));
  std::vector<std::string> conflict_ids = report.conflict_ids;  // in the source's listing order
  std::sort(conflict_ids.begin(), conflict_ids.end());
  EXPECT_EQ(conflict_ids, (std::vector<std::string>{order_id(3), order_id(11)}));
  EXPECT_EQ(to->get_order(order_id(3)), theirs);

  MigrationOptions overwrite = small_pages();
  overwrite.overwrite = true;
  const MigrationReport replaced = managers::migrate(*from, *to, overwrite);
  EXPECT_EQ(counts_of(replaced), counts(20, 0, 18, 0, 2));
  EXPECT_EQ(orders_by_id(*to), orders_by_id(*from));
}

TEST_P(MigrationTest, ResumesAfterBeingStoppedHalfWay) {
  auto from = store("from");
  auto to = store("to");
  populate(*from, kOrders);

  // "Killed" after the second page: the callback throws out of migrate().
  MigrationOptions stop = small_pages();
  int pages = 0;
  stop.on_progress = [&pages](const TransferCounts&) {
    if (++pages == 2) throw std::runtime_error("killed");
  };
  EXPECT_THROW(managers::migrate(*from, *to, stop), std::runtime_error);
  ASSERT_EQ(orders_by_id(*to).size(), 20u);

  const MigrationReport resumed = managers::migrate(*from, *to, small_pages());
  EXPECT_EQ(counts_of(resumed), counts(kOrders, kOrders - 20, 20));
  EXPECT_EQ(orders_by_id(*to), orders_by_id(*from));
}

TEST_P(MigrationTest, ProgressCountsGrowPageByPageAndEndAtTheReport) {
  auto from = store("from");
  auto to = store("to");
  populate(*from, 25);
  std::vector<TransferCounts> seen;
  MigrationOptions options = small_pages();
  options.on_progress = [&seen](const TransferCounts& c) { seen.push_back(c); };

  const MigrationReport report = managers::migrate(*from, *to, options);

  ASSERT_GE(seen.size(), 3u);  // 10 + 10 + 5
  EXPECT_EQ(seen[0].read, 10);
  EXPECT_EQ(seen[1].read, 20);
  for (std::size_t i = 1; i < seen.size(); ++i) EXPECT_GE(seen[i].read, seen[i - 1].read);
  EXPECT_EQ(seen.back(), counts_of(report));
  EXPECT_EQ(report.read, report.copied + report.already_present + report.conflicts + report.overwritten + report.failed);
}

TEST_P(MigrationTest, EmptySourceCopiesNothing) {
  auto from = store("from");
  auto to = store("to");
  EXPECT_EQ(counts_of(managers::migrate(*from, *to)), counts(0, 0, 0));
  EXPECT_TRUE(orders_by_id(*to).empty());
}

TEST_P(MigrationTest, ListedConflictsAreCappedButCountedExactly) {
  auto from = store("from");
  auto to = store("to");
  populate(*from, 6);
  for (int i = 0; i < 5; ++i)
    ASSERT_TRUE(to->create_order(order_id(i), "OTHER", "Someone Else", {{"Tea", 1, 2.00}}, 2.00));
  MigrationOptions options;
  options.max_listed = 2;

  const MigrationReport report = managers::migrate(*from, *to, options);

  EXPECT_EQ(report.conflicts, 5);
  EXPECT_EQ(report.conflict_ids.size(), 2u);
  EXPECT_TRUE(report.lists_truncated);
}

TEST_P(MigrationTest, MigratesIntoAnEngineOfAnotherKind) {
  auto from = store("from");
  MemoryOrderManager memory;
  populate(*from, 30);
  EXPECT_EQ(counts_of(managers::migrate(*from, memory)), counts(30, 30, 0));
  auto back = store("back");
  EXPECT_EQ(counts_of(managers::migrate(memory, *back)), counts(30, 30, 0));
  EXPECT_EQ(orders_by_id(*back), orders_by_id(*from));
}

INSTANTIATE_TEST_SUITE_P(Engines, MigrationTest, ::testing::ValuesIn(testing_support::engines_under_test()),
                         [](const ::testing::TestParamInfo<std::string>& param) { return param.param; });

}  // namespace
