// Faults and listing orders only an in-memory engine can produce on demand:
// a StorageError after N writes, a page token that does not advance, a
// listing in hash order, an invalid order in the source, a non-seekable input.

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
using managers::MigrationOptions;
using managers::MigrationReport;
using managers::TransferCounts;
using testing_support::orders_by_id;
using testing_support::export_text;
using testing_support::import_text;
using managers::store::MemoryOrderManager;
using testing_support::order_id;
using testing_support::populate;
using testing_support::spec_line;

using testing_support::counts;
using testing_support::counts_of;

// --- Faults, on the in-memory engine that can inject them. ---

TEST(MigrationFaultTest, StorageErrorStopsTheRunAndARerunCompletesIt) {
  MemoryOrderManager from;
  MemoryOrderManager to;
  populate(from, 40);
  to.store().fail_writes_after(25);
  MigrationOptions options;
  options.page_size = 10;

  try {
    managers::migrate(from, to, options);
    FAIL() << "expected a StorageError";
  } catch (const managers::StorageError& error) {
    EXPECT_EQ(error.code(), "INJECTED");
  }
  EXPECT_EQ(to.store().size(), 25u);

  to.store().fail_writes_after(-1);
  const MigrationReport report = managers::migrate(from, to, options);
  EXPECT_EQ(counts_of(report), counts(40, 15, 25));
  EXPECT_EQ(orders_by_id(to), orders_by_id(from));
}

TEST(MigrationFaultTest, AnOrderTheDestinationRejectsIsCountedFailedAndTheRestGoOn) {
  MemoryOrderManager from;
  MemoryOrderManager to;
  populate(from, 5);
  managers::Order bad = *from.get_order(order_id(2));
  bad.items[0].subtotal = managers::Money::from_cents(1);  // inconsistent with quantity x unit_price
  from.store().put_unchecked(bad);

  const MigrationReport report = managers::migrate(from, to);

  EXPECT_EQ(counts_of(report), counts(5, 4, 0, 0, 0, 1));
  ASSERT_EQ(report.failures.size(), 1u);
  EXPECT_EQ(report.failures[0].order_id, order_id(2));
  EXPECT_NE(report.failures[0].reason.find("items[0].subtotal"), std::string::npos) << report.failures[0].reason;
  EXPECT_FALSE(to.get_order(order_id(2)).has_value());
}

TEST(MigrationFaultTest, APageTokenThatDoesNotAdvanceStopsTheRun) {
  MemoryOrderManager from;
  MemoryOrderManager to;
  populate(from, 5);
  from.store().break_pagination();
  MigrationOptions options;
  options.page_size = 2;
  try {
    managers::migrate(from, to, options);
    FAIL() << "expected a StorageError";
  } catch (const managers::StorageError& error) {
    EXPECT_EQ(error.code(), "PAGINATION");
  }
}

TEST(MigrationFaultTest, ReadsAtMostOnePageBetweenProgressReports) {
  // What this measures is the step between two progress reports: migrate() reads the source a
  // page of page_size orders at a time and reports after each page, so no step exceeds a page
  // (and a full page is reached). It does not measure memory: the name used to say it did.
  MemoryOrderManager from;
  MemoryOrderManager to;
  populate(from, 35);
  int largest_page = 0;
  MigrationOptions options;
  options.page_size = 8;
  std::int64_t previous = 0;
  options.on_progress = [&](const TransferCounts& c) {
    largest_page = std::max(largest_page, static_cast<int>(c.read - previous));
    previous = c.read;
  };
  managers::migrate(from, to, options);
  EXPECT_EQ(largest_page, 8);
}


// A stream that can be read once but not rewound, like a pipe.
class PipeBuffer : public std::streambuf {
 public:
  explicit PipeBuffer(std::string text) : text_(std::move(text)) {
    setg(text_.data(), text_.data(), text_.data() + text_.size());
  }

 private:
  std::string text_;
};

TEST(StrictImportTest, NeedsAnInputThatCanBeReadTwice) {
  MemoryOrderManager target;
  PipeBuffer buffer(spec_line("ORD-A") + "\n");
  std::istream in(&buffer);
  ImportOptions strict;
  strict.strict = true;
  EXPECT_THROW(managers::import_orders(target, in, strict), managers::ValidationError);
  EXPECT_EQ(target.store().size(), 0u);
}

TEST(ExportTest, IsAscendingByIdWhateverOrderTheEngineListsIn) {
  MemoryOrderManager shuffled;
  populate(shuffled, 60);
  shuffled.store().list_in_hash_order();
  ASSERT_NE(shuffled.list_orders("", 1).orders.at(0).order_id, order_id(0));  // the listing really is out of order

  // Orders made at different times differ in their timestamps: compare via a copy.
  MemoryOrderManager copy;
  managers::migrate(shuffled, copy);
  const std::string expected = export_text(copy);
  EXPECT_EQ(export_text(shuffled), expected);

  // A tiny sort budget: sorted runs in temporary files, merged, then removed.
  testing_support::TempDir tmp;
  const char* old_tmpdir = std::getenv("TMPDIR");
  const std::string saved = old_tmpdir ? old_tmpdir : "";
  ::setenv("TMPDIR", tmp.path().c_str(), 1);
  for (std::size_t budget : {std::size_t{1}, std::size_t{2000}, std::size_t{50000}}) {
    managers::ExportOptions options;
    options.sort_memory_bytes = budget;
    options.page_size = 7;
    std::ostringstream out;
    EXPECT_EQ(managers::export_orders(shuffled, out, options), 60);
    EXPECT_EQ(out.str(), expected) << "budget " << budget;
  }
  EXPECT_TRUE(std::filesystem::is_empty(tmp.path()));
  if (old_tmpdir)
    ::setenv("TMPDIR", saved.c_str(), 1);
  else
    ::unsetenv("TMPDIR");
}

TEST(ImportTest, ReportsProgressAndTheFinalCounts) {
  MemoryOrderManager target;
  std::string text;
  for (int i = 0; i < 450; ++i) text += spec_line(order_id(i)) + "\n";
  std::vector<managers::TransferCounts> seen;
  ImportOptions options;
  options.on_progress = [&seen](const managers::TransferCounts& c) { seen.push_back(c); };
  const ImportReport report = import_text(target, text, options);
  ASSERT_GE(seen.size(), 2u);
  EXPECT_EQ(seen.back(), static_cast<const managers::TransferCounts&>(report));
  EXPECT_EQ(report.copied, 450);
}

TEST(ImportTest, StorageErrorStopsTheImportAndARerunCompletesIt) {
  MemoryOrderManager target;
  std::string text;
  for (int i = 0; i < 30; ++i) text += spec_line(order_id(i)) + "\n";
  target.store().fail_writes_after(12);
  EXPECT_THROW(import_text(target, text), managers::StorageError);
  EXPECT_EQ(target.store().size(), 12u);
  target.store().fail_writes_after(-1);
  const ImportReport report = import_text(target, text);
  EXPECT_EQ(report.already_present, 12);
  EXPECT_EQ(report.copied, 18);
}

}  // namespace
