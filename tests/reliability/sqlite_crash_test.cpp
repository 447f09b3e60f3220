// A writer process is killed with SIGKILL at a random moment of its work, many
// rounds over one file. After every kill: each write the writer was told had
// committed is there, complete; every order in the file is whole (an order that
// was in flight is either absent or complete, never half-present); and the file
// passes SQLite's integrity check. Synchronisation is by acknowledgements on a
// pipe, not by time; the random kill points come from a seed printed on failure.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "managers/order_manager.hpp"
#include "sqlite/raw_db.hpp"
#include "support/all_orders.hpp"
#include "support/temp_dir.hpp"

namespace {

using managers::Durability;
using managers::Money;
using managers::Order;
using managers::OrderItemInput;
using managers::OrderManager;
using managers::OrderStatus;
using managers::SqliteOptions;

constexpr int kRounds = 30;
constexpr char kReadyTime[] = "2024-11-22T16:00:00Z";

std::string order_id(int round, int n) { return "R" + std::to_string(round) + "-" + std::to_string(n); }

// Order n of a round has 1..4 items, so a lost item row shows.
std::vector<OrderItemInput> items_of(int n) {
  std::vector<OrderItemInput> items;
  for (int k = 0; k <= n % 4; ++k) items.push_back({"Item " + std::to_string(k), k + 1, Money::from_cents(100 + k)});
  return items;
}

Money total_of(int n) {
  Money total;
  for (const OrderItemInput& item : items_of(n)) total = total + item.unit_price.times(item.quantity);
  return total;
}

void acknowledge(int fd, char kind, int n) {
  const std::string line = std::string(1, kind) + " " + std::to_string(n) + "\n";
  if (write(fd, line.data(), line.size()) < 0) _exit(4);
}

// The child: creates orders, moves every other one to PREPARING and sets the ready
// time of every fourth, writing "C n" / "U n" / "T n" to `ack_fd` only after the
// call returned true. Never returns.
[[noreturn]] void run_writer(const std::string& path, Durability durability, int round, int ack_fd) {
  int code = 0;
  try {
    OrderManager manager(SqliteOptions{path, 5000, durability});
    for (int n = 0;; ++n) {
      const std::string id = order_id(round, n);
      if (!manager.create_order(id, "CUST-" + std::to_string(n % 7), "Customer", items_of(n), total_of(n))) _exit(3);
      acknowledge(ack_fd, 'C', n);
      if (n % 2 == 1) {
        if (!manager.update_order_status(id, OrderStatus::PREPARING)) _exit(3);
        acknowledge(ack_fd, 'U', n);
      }
      if (n % 4 == 3) {
        if (!manager.update_order_ready_time(id, kReadyTime)) _exit(3);
        acknowledge(ack_fd, 'T', n);
      }
    }
  } catch (...) {
    code = 5;
  }
  _exit(code);
}

using Acknowledged = std::map<char, std::set<int>>;  // kind -> order numbers

// Runs one writer until it has acknowledged `target` creates, then kills it.
Acknowledged kill_writer_after(const std::string& path, Durability durability, int round, int target) {
  int fds[2];
  EXPECT_EQ(pipe(fds), 0);
  std::fflush(nullptr);
  const pid_t child = fork();
  if (child == 0) {
    close(fds[0]);
    run_writer(path, durability, round, fds[1]);
  }
  close(fds[1]);
  Acknowledged acknowledged;
  FILE* acks = fdopen(fds[0], "r");
  char kind = 0;
  int n = 0;
  while (static_cast<int>(acknowledged['C'].size()) < target && std::fscanf(acks, " %c %d", &kind, &n) == 2)
    acknowledged[kind].insert(n);
  kill(child, SIGKILL);
  // Acknowledgements already in the pipe when the child died count too.
  while (std::fscanf(acks, " %c %d", &kind, &n) == 2) acknowledged[kind].insert(n);
  std::fclose(acks);
  int status = 0;
  waitpid(child, &status, 0);
  EXPECT_TRUE(WIFSIGNALED(status)) << "the writer stopped on its own with exit code " << WEXITSTATUS(status);
  return acknowledged;
}

// An order is whole when its items, total, status and history agree with what the writer wrote.
void expect_whole(const Order& order) {
  const int n = std::stoi(order.order_id.substr(order.order_id.find('-') + 1));
  ASSERT_EQ(order.items.size(), items_of(n).size()) << order.order_id << " is missing items";
  EXPECT_EQ(order.total_price, total_of(n)) << order.order_id;
  Money sum;
  for (const auto& item : order.items) sum = sum + item.subtotal;
  EXPECT_EQ(sum, order.total_price) << order.order_id << ": items do not add up to the total";
  ASSERT_FALSE(order.status_history.empty()) << order.order_id;
  EXPECT_EQ(order.status_history.back().status, order.status) << order.order_id;
  EXPECT_LE(order.status_history.size(), 2u) << order.order_id << ": a change was applied twice";
}

class SqliteCrash : public ::testing::TestWithParam<Durability> {};

TEST_P(SqliteCrash, AcknowledgedWritesSurviveRandomSigkillsAndNothingIsHalfWritten) {
  const unsigned seed = std::random_device{}();
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 random(seed);
  std::uniform_int_distribution<int> kill_after(1, 40);

  testing_support::TempDir dir;
  const std::string path = dir.file("crash.db").string();
  std::size_t acknowledged_total = 0;
  for (int round = 0; round < kRounds; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    Acknowledged acknowledged = kill_writer_after(path, GetParam(), round, kill_after(random));
    ASSERT_FALSE(acknowledged['C'].empty());
    acknowledged_total += acknowledged['C'].size();

    ASSERT_EQ(sqlite_testing::RawDb(path).value("PRAGMA integrity_check"), "ok");
    OrderManager manager(SqliteOptions{path, 5000, GetParam()});
    for (int n : acknowledged['C']) {
      const auto order = manager.get_order(order_id(round, n));
      ASSERT_TRUE(order.has_value()) << "acknowledged order " << n << " was lost";
      expect_whole(*order);
      if (acknowledged['U'].count(n)) {
        EXPECT_EQ(order->status, OrderStatus::PREPARING) << "acknowledged status change of " << n << " was lost";
      }
      if (acknowledged['T'].count(n)) {
        EXPECT_EQ(order->estimated_ready_time, kReadyTime) << "acknowledged ready time of " << n;
      }
    }
    // The whole file: every order whole; of this round, at most the one create in
    // flight at the kill exists unacknowledged.
    const std::vector<Order> orders = testing_support::all_orders(manager);
    int unacknowledged = 0;
    for (const Order& order : orders) {
      expect_whole(order);
      const std::string prefix = "R" + std::to_string(round) + "-";
      if (order.order_id.rfind(prefix, 0) == 0 &&
          !acknowledged['C'].count(std::stoi(order.order_id.substr(prefix.size()))))
        ++unacknowledged;
    }
    EXPECT_LE(unacknowledged, 1);
    EXPECT_GE(orders.size(), acknowledged_total);
    EXPECT_EQ(manager.get_order_statistics().total_orders, static_cast<std::int64_t>(orders.size()));
  }
  // The file is fully usable afterwards.
  OrderManager manager(SqliteOptions{path, 5000, GetParam()});
  EXPECT_TRUE(manager.create_order("AFTER-CRASH", "C", "N", {{"Tea", 1, 2.0}}, 2.0));
}

std::string durability_name(const ::testing::TestParamInfo<Durability>& param) {
  return param.param == Durability::FULL ? "Full" : "Normal";
}

INSTANTIATE_TEST_SUITE_P(Durability, SqliteCrash, ::testing::Values(Durability::FULL, Durability::NORMAL),
                         durability_name);

}  // namespace
