// The retry budget of a versioned write, exhausted on purpose (docs/RELIABILITY.md, "Races"):
// writers on threads, and in forked processes, each with an impatient manager
// (SharedStorage::open_impatient: no wait for SQLite's write lock, one attempt per DynamoDB
// versioned write) flip one order between two non-final statuses until their budget gives out.
// What must hold:
// - a writer gives up with the typed StorageError of its engine (exhausted_budget_error():
//   SQLITE_BUSY, TransactionConflict), never anything else, never a wrong outcome;
// - the write that gave up left nothing: the history holds exactly one entry per kChanged the
//   writers were told of, after the creation entry, no two alike in a row, the last one the
//   order's status; the items and total are as created;
// - the statistics equal a recount, and a patient manager can still change the order.
// Where the writers of one process queue for the write (SQLite), the threads never give up, and
// that is what their test asserts; processes still do.
// Written against the public interface, linked into reliability_sqlite and reliability_dynamodb.

#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "managers/errors.hpp"
#include "managers/limits.hpp"
#include "managers/order.hpp"
#include "managers/order_manager_interface.hpp"
#include "managers/update_outcome.hpp"
#include "reliability/race_support.hpp"
#include "reliability/shared_storage.hpp"
#include "support/child_processes.hpp"

#if defined(__SANITIZE_THREAD__)
#define OM_BUDGET_UNDER_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define OM_BUDGET_UNDER_TSAN 1
#endif
#endif

namespace {

using managers::Order;
using managers::OrderManagerInterface;
using managers::OrderStatus;
using managers::UpdateOutcome;

// Enough changes for the budget to run out many times over, few enough that the history stays
// under its cap (limits::kMaxStatusHistory), so it can be counted exactly.
constexpr int kChangesPerWriter = 100;
constexpr int kThreadWriters = 6;
constexpr int kProcessWriters = 4;
static_assert(1 + (kThreadWriters > kProcessWriters ? kThreadWriters : kProcessWriters) * kChangesPerWriter <
              static_cast<int>(managers::limits::kMaxStatusHistory));

struct Tally {
  int changed = 0;   // kChanged outcomes
  int gave_up = 0;   // the exhausted-budget StorageError (the writer stops at its first)
  std::string unexpected;  // anything else: an other error, a refused or not-found outcome
};

// One writer: alternates between Confirmed and Preparing (odd writers start with the other one,
// so writers collide) until its budget gives out or it made kChangesPerWriter attempts.
Tally write_until_budget_runs_out(OrderManagerInterface& manager, const std::string& id, int writer) {
  const BudgetError expected = exhausted_budget_error();
  Tally tally;
  for (int i = 0; i < kChangesPerWriter; ++i) {
    const OrderStatus status = (writer + i) % 2 == 0 ? OrderStatus::CONFIRMED : OrderStatus::PREPARING;
    try {
      const managers::StatusChangeResult result = manager.change_order_status(id, status);
      if (result.outcome == UpdateOutcome::kChanged) {
        ++tally.changed;
      } else if (result.outcome != UpdateOutcome::kUnchanged) {
        tally.unexpected = "outcome " + std::to_string(static_cast<int>(result.outcome));
        return tally;
      }
    } catch (const managers::StorageError& error) {
      if (error.backend() == expected.backend && error.code() == expected.code) {
        ++tally.gave_up;
      } else {
        tally.unexpected = "StorageError " + error.backend() + "/" + error.code() + ": " + error.what();
      }
      return tally;
    } catch (const std::exception& error) {
      tally.unexpected = error.what();
      return tally;
    }
  }
  return tally;
}

class RetryBudget : public ::testing::Test {
 protected:
  std::unique_ptr<SharedStorage> storage_ = make_shared_storage();
  std::unique_ptr<OrderManagerInterface> checker_ = storage_->open();

  // `give_ups_expected`: whether some writer must have exhausted its budget (else none may have).
  void expect_nothing_half_written(const std::string& id, const std::vector<Tally>& tallies,
                                   bool give_ups_expected = true) {
    int changed = 0;
    int gave_up = 0;
    for (std::size_t w = 0; w < tallies.size(); ++w) {
      EXPECT_EQ(tallies[w].unexpected, "") << "writer " << w;
      changed += tallies[w].changed;
      gave_up += tallies[w].gave_up;
    }
    if (give_ups_expected)
      EXPECT_GT(gave_up, 0) << "no writer exhausted its budget in " << tallies.size() << " x " << kChangesPerWriter
                            << " changes: the test proves nothing";
    else
      EXPECT_EQ(gave_up, 0) << "writers of one process queue for the write: none may be refused";
    RecordProperty("changed", changed);
    RecordProperty("gave_up", gave_up);

    const std::optional<Order> order = checker_->get_order(id);
    ASSERT_TRUE(order.has_value());
    // One entry per acknowledged change: a write that gave up added none (and took none away).
    ASSERT_EQ(order->status_history.size(), static_cast<std::size_t>(1 + changed));
    EXPECT_EQ(order->status_history.front().status, OrderStatus::PENDING);
    for (std::size_t i = 1; i < order->status_history.size(); ++i) {
      const OrderStatus status = order->status_history[i].status;
      EXPECT_TRUE(status == OrderStatus::CONFIRMED || status == OrderStatus::PREPARING) << "entry " << i;
      EXPECT_NE(status, order->status_history[i - 1].status) << "entry " << i << " repeats the one before it";
    }
    EXPECT_EQ(order->status, order->status_history.back().status);
    EXPECT_EQ(order->updated_at, order->status_history.back().changed_at);
    ASSERT_EQ(order->items.size(), 1u);
    EXPECT_EQ(order->total_price, managers::Money::from_cents(250));
    race_testing::expect_statistics_match_recount(*checker_, id);

    // Nothing is left stuck: a patient writer changes it at once.
    EXPECT_EQ(checker_->change_order_status(id, OrderStatus::READY).outcome, UpdateOutcome::kChanged);
  }
};

TEST_F(RetryBudget, WritersOnThreadsExhaustItOrQueueAndLeaveNothingHalfWritten) {
  const std::string id = "budget-threads";
  ASSERT_TRUE(race_testing::create_racing_order(*checker_, id));
  std::vector<std::unique_ptr<OrderManagerInterface>> managers;
  for (int w = 0; w < kThreadWriters; ++w) managers.push_back(storage_->open_impatient());
  std::vector<Tally> tallies(kThreadWriters);
  std::vector<std::function<void()>> writers;
  for (int w = 0; w < kThreadWriters; ++w)
    writers.push_back([&, w] { tallies[w] = write_until_budget_runs_out(*managers[w], id, w); });
  race_testing::run_together(writers);
  expect_nothing_half_written(id, tallies, /*give_ups_expected=*/!writers_of_one_process_queue());
}

TEST_F(RetryBudget, WritersInProcessesExhaustItWithATypedErrorAndNothingHalfWritten) {
#ifdef OM_BUDGET_UNDER_TSAN
  GTEST_SKIP() << "process writers run in the non-TSan builds";
#endif
  const std::string id = "budget-processes";
  ASSERT_TRUE(race_testing::create_racing_order(*checker_, id));
  // Each child reports its tally on this pipe, one short line (a write under PIPE_BUF is atomic).
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  const std::vector<int> codes = testing_support::run_children(kProcessWriters, [&](int child) {
    close(fds[0]);
    const auto manager = storage_->open_impatient();
    const Tally tally = write_until_budget_runs_out(*manager, id, child);
    char line[64];
    const int length = std::snprintf(line, sizeof line, "%d %d %d %d\n", child, tally.changed, tally.gave_up,
                                     tally.unexpected.empty() ? 0 : 1);
    if (!tally.unexpected.empty()) std::fprintf(stderr, "writer %d: %s\n", child, tally.unexpected.c_str());
    return write(fds[1], line, static_cast<std::size_t>(length)) == length ? 0 : 3;
  });
  close(fds[1]);
  for (std::size_t c = 0; c < codes.size(); ++c) EXPECT_EQ(codes[c], 0) << "child " << c;
  std::vector<Tally> tallies(kProcessWriters);
  FILE* lines = fdopen(fds[0], "r");
  int child = 0, changed = 0, gave_up = 0, unexpected = 0, reported = 0;
  while (std::fscanf(lines, "%d %d %d %d", &child, &changed, &gave_up, &unexpected) == 4) {
    if (child < 0 || child >= kProcessWriters) {
      ADD_FAILURE() << "a child reported as writer " << child;
      break;
    }
    tallies[static_cast<std::size_t>(child)] = {changed, gave_up, unexpected != 0 ? "see the child's stderr" : ""};
    ++reported;
  }
  std::fclose(lines);
  ASSERT_EQ(reported, kProcessWriters);
  expect_nothing_half_written(id, tallies);
}

}  // namespace
