// Edges of the shared interface, written once and run on every engine (shared_storage.hpp):
// - the status-history cap (limits::kMaxStatusHistory): a change past the cap keeps the creation
//   entry and drops the oldest change after it;
// - list_orders page tokens that name a deleted order (the walk goes on where it would have) or
//   the last order of the walk (an empty last page);
// - a list_orders walk while other orders are inserted and deleted: every order present the whole
//   time is seen exactly once, and nothing is seen twice.

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "managers/limits.hpp"
#include "managers/order.hpp"
#include "managers/order_manager_interface.hpp"
#include "reliability/race_support.hpp"
#include "reliability/shared_storage.hpp"
#include "support/all_orders.hpp"

namespace {

using managers::Order;
using managers::OrderManagerInterface;
using managers::OrderPage;
using managers::OrderStatus;
using managers::StatusChange;
using race_testing::create_racing_order;

class Edges : public ::testing::Test {
 protected:
  std::unique_ptr<SharedStorage> storage_ = make_shared_storage();
  std::unique_ptr<OrderManagerInterface> manager_ = storage_->open();

  // The ids of a whole walk from `token`, page by page (at most `max_pages` pages, so a walk that
  // never ends fails instead of hanging).
  std::vector<std::string> walk_ids(std::string token, int page_size, int max_pages = 1000) {
    std::vector<std::string> ids;
    for (int pages = 0; pages < max_pages; ++pages) {
      const OrderPage page = manager_->list_orders(token, page_size);
      for (const Order& order : page.orders) ids.push_back(order.order_id);
      token = page.next_page_token;
      if (token.empty()) return ids;
    }
    ADD_FAILURE() << "list_orders walk did not end within " << max_pages << " pages";
    return ids;
  }
};

TEST_F(Edges, StatusHistoryCapKeepsCreationEntryAndDropsOldestChange) {
  constexpr std::size_t kCap = managers::limits::kMaxStatusHistory;
  // An order whose history is exactly full (its creation entry and kCap - 1 changes, one
  // microsecond apart), stored with import_order: the same order kCap - 1 update_order_status calls
  // would leave, without their cost (each call rewrites the whole history: quadratic over HTTP).
  ASSERT_TRUE(create_racing_order(*manager_, "capped"));
  Order order = *manager_->get_order("capped");
  order.order_id = "capped-full";
  order.created_at = "2020-01-01T00:00:00.000000Z";
  order.status_history = {{OrderStatus::PENDING, order.created_at}};
  for (std::size_t n = 1; n < kCap; ++n) {
    const std::string micros = std::to_string(1'000'000 + n).substr(1);  // six digits
    order.status_history.push_back(
        {n % 2 == 0 ? OrderStatus::CONFIRMED : OrderStatus::PREPARING, "2020-01-01T00:00:00." + micros + "Z"});
  }
  order.status = order.status_history.back().status;
  order.updated_at = order.status_history.back().changed_at;
  ASSERT_TRUE(manager_->import_order(order));
  std::vector<StatusChange> full = manager_->get_order("capped-full")->status_history;
  ASSERT_EQ(full, order.status_history);

  // The kCap-th and the (kCap + 1)-th change: each keeps the creation entry, drops the oldest
  // change after it, and appends the new one.
  for (const OrderStatus next : {OrderStatus::READY, OrderStatus::COMPLETED}) {
    ASSERT_TRUE(manager_->update_order_status("capped-full", next));
    const Order changed = *manager_->get_order("capped-full");
    ASSERT_EQ(changed.status_history.size(), kCap);
    std::vector<StatusChange> expected{full.front()};
    expected.insert(expected.end(), full.begin() + 2, full.end());
    EXPECT_EQ(std::vector<StatusChange>(changed.status_history.begin(), changed.status_history.end() - 1), expected);
    EXPECT_EQ(changed.status_history.back().status, next);
    EXPECT_EQ(changed.status_history.back().changed_at, changed.updated_at);
    EXPECT_EQ(changed.status, next);
    full = changed.status_history;
  }
  EXPECT_EQ(full.front(), (StatusChange{OrderStatus::PENDING, "2020-01-01T00:00:00.000000Z"}));
  // The capped history is still a valid order: it can be stored again (import validates it).
  Order copy = *manager_->get_order("capped-full");
  copy.order_id = "capped-copy";
  EXPECT_TRUE(manager_->import_order(copy));
  EXPECT_EQ(manager_->get_order("capped-copy")->status_history, full);
}

TEST_F(Edges, PageTokenNamingADeletedOrderContinuesTheWalk) {
  constexpr int kOrders = 23;
  constexpr int kPageSize = 5;
  for (int i = 0; i < kOrders; ++i) ASSERT_TRUE(create_racing_order(*manager_, "page-" + std::to_string(100 + i)));
  const std::vector<std::string> whole = walk_ids("", kPageSize);
  ASSERT_EQ(whole.size(), static_cast<std::size_t>(kOrders));

  // Stop after the first page, delete the order its token names, resume from that token.
  const OrderPage first = manager_->list_orders("", kPageSize);
  ASSERT_FALSE(first.next_page_token.empty());
  const std::string deleted = first.next_page_token;
  ASSERT_TRUE(manager_->delete_order(deleted));
  const std::vector<std::string> rest = walk_ids(deleted, kPageSize);
  const auto at = std::find(whole.begin(), whole.end(), deleted);
  ASSERT_NE(at, whole.end()) << "the token is not an id of the walk";
  EXPECT_EQ(rest, std::vector<std::string>(at + 1, whole.end()));
}

TEST_F(Edges, PageTokenNamingTheLastOrderGivesAnEmptyLastPage) {
  for (int i = 0; i < 12; ++i) ASSERT_TRUE(create_racing_order(*manager_, "end-" + std::to_string(100 + i)));
  const std::vector<std::string> whole = walk_ids("", 4);
  ASSERT_EQ(whole.size(), 12u);
  // Past the end: nothing follows the walk's last order, deleted or not.
  EXPECT_TRUE(walk_ids(whole.back(), 4, 3).empty());
  ASSERT_TRUE(manager_->delete_order(whole.back()));
  EXPECT_TRUE(walk_ids(whole.back(), 4, 3).empty());
  // And a walk from its predecessor now ends there too.
  EXPECT_TRUE(walk_ids(whole[whole.size() - 2], 4, 3).empty());
}

TEST_F(Edges, WalkDuringInsertsAndDeletesSeesEveryStayingOrderOnce) {
  // Staying orders and churning ones interleave in id order ("walk-007-s", "walk-007-c"), so
  // inserts and deletes happen on both sides of every page boundary (on SQLite; on DynamoDB the
  // hash order mixes them anyway).
  constexpr int kStaying = 40;
  constexpr int kWalks = 3;
  constexpr int kPageSize = 4;
  auto staying_id = [](int i) { return "walk-" + std::to_string(100 + i) + "-s"; };
  auto churning_id = [](int i) { return "walk-" + std::to_string(100 + i % kStaying) + "-c" + std::to_string(i / kStaying); };
  std::set<std::string> staying;
  for (int i = 0; i < kStaying; ++i) {
    ASSERT_TRUE(create_racing_order(*manager_, staying_id(i)));
    staying.insert(staying_id(i));
  }

  std::atomic<bool> walking{true};
  std::atomic<int> churned{0};  // churn steps done; bumped (and notified) on failure too
  std::atomic<bool> churn_failed{false};
  std::exception_ptr churn_error;  // set before churn_failed
  std::thread churner([&] {
    try {
      const auto writer = storage_->open();
      // Insert one, delete the one inserted kStaying / 2 steps earlier, until the walks end.
      for (int i = 0; walking.load(); ++i) {
        if (!create_racing_order(*writer, churning_id(i))) throw std::runtime_error("churn create refused");
        if (i >= kStaying / 2 && !writer->delete_order(churning_id(i - kStaying / 2)))
          throw std::runtime_error("churn delete found nothing");
        churned.store(i + 1);
        churned.notify_all();
      }
    } catch (...) {
      churn_error = std::current_exception();
      churn_failed.store(true);
      churned.fetch_add(1);
      churned.notify_all();
    }
  });
  // Blocks until the churn has taken at least one more step than `mark` (a wait on progress, not
  // on time), so every page boundary of the walks sees an insert and a delete.
  auto wait_for_churn_after = [&](int mark) {
    while (churned.load() <= mark && !churn_failed.load()) churned.wait(mark);
  };
  wait_for_churn_after(kStaying / 2);

  int pages = 0;
  for (int walk = 0; walk < kWalks && !churn_failed.load(); ++walk) {
    std::map<std::string, int> seen;
    std::string token;
    do {
      const OrderPage page = manager_->list_orders(token, kPageSize);
      for (const Order& order : page.orders) ++seen[order.order_id];
      token = page.next_page_token;
      if (++pages > 10'000) ADD_FAILURE() << "the walks do not end";  // not ASSERT: the churner must be stopped
      wait_for_churn_after(churned.load());
    } while (!token.empty() && !churn_failed.load() && pages <= 10'000);
    for (const std::string& id : staying) EXPECT_EQ(seen[id], 1) << "walk " << walk << ": " << id;
    for (const auto& [id, times] : seen) {
      EXPECT_LE(times, 1) << "walk " << walk << " saw " << id << " " << times << " times";
      EXPECT_TRUE(staying.contains(id) || id.find("-c") != std::string::npos) << "walk " << walk << ": unknown " << id;
    }
  }
  walking.store(false);
  churner.join();
  if (churn_error) std::rethrow_exception(churn_error);
  RecordProperty("pages_walked_during_churn", pages);
  race_testing::expect_statistics_match_recount(*manager_, "the churn");
}

}  // namespace
