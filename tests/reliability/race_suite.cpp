// Races on one order, written once against OrderManagerInterface and run on every engine
// (shared_storage.hpp): racers are separate managers (own connection or HTTP client) on threads of
// this process, or forked child processes, released together. Each round races on a fresh order,
// then checks the invariants below and that get_order_statistics equals a recount.
//
// The invariants (docs/RELIABILITY.md, "Races"):
// - Final against final (Completed vs Cancelled): exactly one change wins (kChanged); the other is
//   refused (kRefusedFinal, naming the winner's status, so the spec's bool is false). The order
//   holds the winner's status and its history is [Pending, winner]: one final entry.
// - Final against non-final (Completed vs Being prepared): the order always ends Completed. The
//   history has one entry per kChanged outcome after the creation entry, ends with its only final
//   entry, and a refused change left no entry.
// - Delete against changes (status, final or not, and ready time): delete_order returns true (the
//   order existed, it is the only deleter) and every change reports kChanged (it ran before the
//   delete) or kNotFound (after). Once delete_order has returned true the order stays gone,
//   whatever the changes returned: get_order, list_orders, the status and customer lists and the
//   summary all agree it is absent (no change re-creates a deleted order — a "phantom").
// - Delete against delete: exactly one returns true.

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "managers/order.hpp"
#include "managers/order_manager_interface.hpp"
#include "managers/update_outcome.hpp"
#include "reliability/race_support.hpp"
#include "reliability/shared_storage.hpp"
#include "support/all_orders.hpp"
#include "support/child_processes.hpp"

#if defined(__SANITIZE_THREAD__)
#define OM_UNDER_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define OM_UNDER_TSAN 1
#endif
#endif

namespace {

using managers::Order;
using managers::OrderManagerInterface;
using managers::OrderStatus;
using managers::StatusChangeResult;
using managers::UpdateOutcome;
using race_testing::create_racing_order;
using race_testing::expect_statistics_match_recount;
using race_testing::run_together;

// Child processes share no memory, so ThreadSanitizer has nothing to watch in them, and it
// refuses to let a forked child of a once-threaded process run; the other builds run them.
#ifdef OM_UNDER_TSAN
#define SKIP_PROCESSES_UNDER_TSAN() GTEST_SKIP() << "process races run in the non-TSan builds"
#else
#define SKIP_PROCESSES_UNDER_TSAN() static_cast<void>(0)
#endif

// A child reports its change_order_status result through its exit code, 40..79 (so it cannot be
// mistaken for run_children's 2 for an exception, or a signal's 128 + n).
constexpr int kFirstResultCode = 40;
int encode(const StatusChangeResult& result) {
  return kFirstResultCode + 10 * static_cast<int>(result.outcome) +
         (result.status ? static_cast<int>(*result.status) : 9);
}
bool is_result_code(int code) { return code >= kFirstResultCode && code < kFirstResultCode + 40; }
StatusChangeResult decode(int code) {
  code -= kFirstResultCode;
  StatusChangeResult result;
  result.outcome = static_cast<UpdateOutcome>(code / 10);
  if (code % 10 != 9) result.status = static_cast<OrderStatus>(code % 10);
  return result;
}

std::string describe(const StatusChangeResult& result) {
  return "outcome " + std::to_string(static_cast<int>(result.outcome)) +
         (result.status ? ", status " + std::string(managers::to_string(*result.status)) : ", no status");
}

class Races : public ::testing::Test {
 protected:
  std::unique_ptr<SharedStorage> storage_ = make_shared_storage();
  std::unique_ptr<OrderManagerInterface> checker_ = storage_->open();  // reads after each round

  std::string round_id(const std::string& test, int round) { return test + "-" + std::to_string(round); }

  // Completed and Cancelled raced on `id`, with these results.
  void expect_one_final_winner(const std::string& id, const StatusChangeResult& completed,
                               const StatusChangeResult& cancelled) {
    SCOPED_TRACE(id + ": Completed got " + describe(completed) + "; Cancelled got " + describe(cancelled));
    const bool completed_won = completed.outcome == UpdateOutcome::kChanged;
    const bool cancelled_won = cancelled.outcome == UpdateOutcome::kChanged;
    ASSERT_NE(completed_won, cancelled_won) << "exactly one final status must win";
    const OrderStatus winner = completed_won ? OrderStatus::COMPLETED : OrderStatus::CANCELLED;
    const StatusChangeResult& won = completed_won ? completed : cancelled;
    const StatusChangeResult& lost = completed_won ? cancelled : completed;
    EXPECT_EQ(won.status, winner);
    EXPECT_EQ(lost.outcome, UpdateOutcome::kRefusedFinal);
    EXPECT_FALSE(lost.succeeded());  // the spec's bool: false
    EXPECT_EQ(lost.status, winner);  // the refusal names the status that refused it

    const std::optional<Order> order = checker_->get_order(id);
    ASSERT_TRUE(order.has_value());
    EXPECT_EQ(order->status, winner);
    ASSERT_EQ(order->status_history.size(), 2u);
    EXPECT_EQ(order->status_history[0].status, OrderStatus::PENDING);
    EXPECT_EQ(order->status_history[1].status, winner);
    EXPECT_EQ(order->updated_at, order->status_history[1].changed_at);
  }

  // After delete_order(id) returned true, nothing shows the order any more.
  void expect_gone(const std::string& id) {
    EXPECT_FALSE(checker_->get_order(id).has_value()) << id << " came back after its delete";
    for (const Order& order : testing_support::all_orders(*checker_)) EXPECT_NE(order.order_id, id) << "list_orders";
    for (OrderStatus status : managers::kAllOrderStatuses)
      for (const Order& order : checker_->get_orders_by_status(status))
        EXPECT_NE(order.order_id, id) << "get_orders_by_status(" << managers::to_string(status) << ")";
    EXPECT_TRUE(checker_->get_customer_orders("Customer " + id).empty()) << id;
    EXPECT_FALSE(checker_->get_customer_last_order("CUST-" + id).has_value()) << id;
    EXPECT_EQ(checker_->format_order_summary(id), "Order not found.");
  }
};

TEST_F(Races, CompletedAgainstCancelledFromTwoThreadsHasOneWinner) {
  auto first = storage_->open();
  auto second = storage_->open();
  for (int round = 0; round < race_rounds(); ++round) {
    const std::string id = round_id("final", round);
    ASSERT_TRUE(create_racing_order(*checker_, id));
    StatusChangeResult completed;
    StatusChangeResult cancelled;
    run_together({[&] { completed = first->change_order_status(id, OrderStatus::COMPLETED); },
                  [&] { cancelled = second->change_order_status(id, OrderStatus::CANCELLED); }});
    expect_one_final_winner(id, completed, cancelled);
    expect_statistics_match_recount(*checker_, id);
    if (HasFailure()) return;
  }
}

TEST_F(Races, CompletedAgainstCancelledFromTwoProcessesHasOneWinner) {
  SKIP_PROCESSES_UNDER_TSAN();
  for (int round = 0; round < race_rounds(); ++round) {
    const std::string id = round_id("final-processes", round);
    ASSERT_TRUE(create_racing_order(*checker_, id));
    const std::vector<int> codes = testing_support::run_children(2, [&](int child) {
      const auto manager = storage_->open();
      return encode(manager->change_order_status(id, child == 0 ? OrderStatus::COMPLETED : OrderStatus::CANCELLED));
    });
    ASSERT_EQ(codes.size(), 2u);
    for (int code : codes) ASSERT_TRUE(is_result_code(code)) << "child failed with exit code " << code;
    expect_one_final_winner(id, decode(codes[0]), decode(codes[1]));
    expect_statistics_match_recount(*checker_, id);
    if (HasFailure()) return;
  }
}

TEST_F(Races, FinalAgainstNonFinalAlwaysEndsFinalWithOneFinalEntry) {
  auto first = storage_->open();
  auto second = storage_->open();
  for (int round = 0; round < race_rounds(); ++round) {
    const std::string id = round_id("mixed", round);
    ASSERT_TRUE(create_racing_order(*checker_, id));
    StatusChangeResult completed;
    StatusChangeResult preparing;
    run_together({[&] { completed = first->change_order_status(id, OrderStatus::COMPLETED); },
                  [&] { preparing = second->change_order_status(id, OrderStatus::PREPARING); }});
    SCOPED_TRACE(id + ": Completed got " + describe(completed) + "; Being prepared got " + describe(preparing));
    // Completed always applies: nothing final stood in its way.
    EXPECT_EQ(completed.outcome, UpdateOutcome::kChanged);
    // Being prepared either went first (changed) or found Completed (refused).
    EXPECT_TRUE(preparing.outcome == UpdateOutcome::kChanged || preparing.outcome == UpdateOutcome::kRefusedFinal);

    const std::optional<Order> order = checker_->get_order(id);
    ASSERT_TRUE(order.has_value());
    EXPECT_EQ(order->status, OrderStatus::COMPLETED);
    std::vector<OrderStatus> expected_history{OrderStatus::PENDING};
    if (preparing.outcome == UpdateOutcome::kChanged) expected_history.push_back(OrderStatus::PREPARING);
    expected_history.push_back(OrderStatus::COMPLETED);
    std::vector<OrderStatus> history;
    for (const auto& entry : order->status_history) history.push_back(entry.status);
    EXPECT_EQ(history, expected_history);
    expect_statistics_match_recount(*checker_, id);
    if (HasFailure()) return;
  }
}

TEST_F(Races, DeleteAgainstStatusAndReadyTimeChangesLeavesNoPhantom) {
  auto deleter = storage_->open();
  auto status_changer = storage_->open();
  auto time_changer = storage_->open();
  auto bystander = storage_->open();
  // An order nobody touches: the counts around the raced ones must stay right.
  ASSERT_TRUE(create_racing_order(*bystander, "bystander"));
  for (int round = 0; round < race_rounds(); ++round) {
    const std::string id = round_id("delete", round);
    // Alternate rounds race the delete against a final and a non-final status.
    const OrderStatus target = round % 2 == 0 ? OrderStatus::CONFIRMED : OrderStatus::COMPLETED;
    ASSERT_TRUE(create_racing_order(*checker_, id));
    bool deleted = false;
    StatusChangeResult status;
    UpdateOutcome ready_time = UpdateOutcome::kUnchanged;
    run_together({[&] { deleted = deleter->delete_order(id); },
                  [&] { status = status_changer->change_order_status(id, target); },
                  [&] { ready_time = time_changer->change_order_ready_time(id, "2030-01-01T12:00:00"); }});
    SCOPED_TRACE(id + ": status change got " + describe(status) + ", ready time change got outcome " +
                 std::to_string(static_cast<int>(ready_time)));
    EXPECT_TRUE(deleted);
    EXPECT_TRUE(status.outcome == UpdateOutcome::kChanged || status.outcome == UpdateOutcome::kNotFound);
    if (status.outcome == UpdateOutcome::kChanged) {
      EXPECT_EQ(status.status, target);
    } else {
      EXPECT_FALSE(status.status.has_value());
    }
    EXPECT_TRUE(ready_time == UpdateOutcome::kChanged || ready_time == UpdateOutcome::kNotFound);
    expect_gone(id);
    // A later change still finds nothing, and does not create it either.
    EXPECT_EQ(status_changer->change_order_status(id, OrderStatus::READY).outcome, UpdateOutcome::kNotFound);
    EXPECT_FALSE(checker_->get_order(id).has_value());
    EXPECT_EQ(checker_->get_order_statistics().total_orders, 1);  // the bystander only
    expect_statistics_match_recount(*checker_, id);
    if (HasFailure()) return;
  }
}

TEST_F(Races, DeleteAgainstStatusChangeFromTwoProcessesLeavesNoPhantom) {
  SKIP_PROCESSES_UNDER_TSAN();
  for (int round = 0; round < race_rounds(); ++round) {
    const std::string id = round_id("delete-processes", round);
    const OrderStatus target = round % 2 == 0 ? OrderStatus::READY : OrderStatus::CANCELLED;
    ASSERT_TRUE(create_racing_order(*checker_, id));
    const std::vector<int> codes = testing_support::run_children(2, [&](int child) {
      const auto manager = storage_->open();
      if (child == 0) return manager->delete_order(id) ? 1 : 0;
      return encode(manager->change_order_status(id, target));
    });
    ASSERT_EQ(codes.size(), 2u);
    EXPECT_EQ(codes[0], 1) << "delete_order in the child returned false (or the child failed)";
    ASSERT_TRUE(is_result_code(codes[1])) << "child failed with exit code " << codes[1];
    const StatusChangeResult status = decode(codes[1]);
    SCOPED_TRACE(id + ": status change got " + describe(status));
    EXPECT_TRUE(status.outcome == UpdateOutcome::kChanged || status.outcome == UpdateOutcome::kNotFound);
    expect_gone(id);
    EXPECT_EQ(checker_->get_order_statistics().total_orders, 0);
    expect_statistics_match_recount(*checker_, id);
    if (HasFailure()) return;
  }
}

TEST_F(Races, DeleteAgainstDeleteHasOneWinner) {
  auto first = storage_->open();
  auto second = storage_->open();
  for (int round = 0; round < race_rounds(); ++round) {
    const std::string id = round_id("double-delete", round);
    ASSERT_TRUE(create_racing_order(*checker_, id));
    bool first_deleted = false;
    bool second_deleted = false;
    run_together({[&] { first_deleted = first->delete_order(id); },
                  [&] { second_deleted = second->delete_order(id); }});
    EXPECT_NE(first_deleted, second_deleted) << id << ": exactly one delete_order must return true";
    expect_gone(id);
    expect_statistics_match_recount(*checker_, id);
    if (HasFailure()) return;
  }
}

}  // namespace
