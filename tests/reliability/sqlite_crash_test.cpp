// A writer process is killed with SIGKILL in the middle of its work. Every order
// it was told was committed must be there, complete, and the file must pass
// SQLite's integrity check: nothing acknowledged is lost, nothing half-written
// appears. Synchronisation is by the acknowledgements on a pipe, not by time.
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <set>
#include <string>

#include "managers/order_manager.hpp"
#include "support/temp_dir.hpp"

namespace {

using managers::Durability;
using managers::OrderManager;
using managers::OrderStatus;
using managers::SqliteOptions;

std::string order_id(int n) { return "ORD-" + std::to_string(n); }

// The child: creates orders and moves every other one to PREPARING, writing
// "C <n>" / "U <n>" to `ack_fd` only after the call returned true. Never returns.
[[noreturn]] void run_writer(const std::string& path, Durability durability, int ack_fd) {
  int code = 0;
  try {
    OrderManager manager(SqliteOptions{path, 5000, durability});
    for (int n = 0;; ++n) {
      const bool created = manager.create_order(order_id(n), "CUST-" + std::to_string(n % 7), "Customer",
                                                {{"Coffee", 2, 3.50}, {"Sandwich", 1, 8.99}}, 16.99);
      if (!created) _exit(3);
      const std::string created_line = "C " + std::to_string(n) + "\n";
      if (write(ack_fd, created_line.data(), created_line.size()) < 0) _exit(4);
      if (n % 2 == 1 && manager.update_order_status(order_id(n), OrderStatus::PREPARING)) {
        const std::string updated_line = "U " + std::to_string(n) + "\n";
        if (write(ack_fd, updated_line.data(), updated_line.size()) < 0) _exit(4);
      }
    }
  } catch (...) {
    code = 5;
  }
  _exit(code);
}

struct Acknowledged {
  std::set<int> created;
  std::set<int> updated;
};

// Runs the writer until it has acknowledged `target` creates, then kills it.
Acknowledged kill_writer_after(const std::string& path, Durability durability, int target) {
  int fds[2];
  EXPECT_EQ(pipe(fds), 0);
  const pid_t child = fork();
  if (child == 0) {
    close(fds[0]);
    run_writer(path, durability, fds[1]);
  }
  close(fds[1]);
  Acknowledged acknowledged;
  FILE* acks = fdopen(fds[0], "r");
  char kind = 0;
  int n = 0;
  while (static_cast<int>(acknowledged.created.size()) < target && std::fscanf(acks, " %c %d", &kind, &n) == 2)
    (kind == 'C' ? acknowledged.created : acknowledged.updated).insert(n);
  kill(child, SIGKILL);
  // Acknowledgements already in the pipe when the child died count too.
  while (std::fscanf(acks, " %c %d", &kind, &n) == 2) (kind == 'C' ? acknowledged.created : acknowledged.updated).insert(n);
  std::fclose(acks);
  int status = 0;
  waitpid(child, &status, 0);
  EXPECT_TRUE(WIFSIGNALED(status)) << "the writer stopped on its own with exit code " << WEXITSTATUS(status);
  return acknowledged;
}

std::string integrity_check(const std::string& path) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &statement, nullptr);
  std::string result = sqlite3_step(statement) == SQLITE_ROW
                           ? reinterpret_cast<const char*>(sqlite3_column_text(statement, 0))
                           : sqlite3_errmsg(db);
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return result;
}

class SqliteCrash : public ::testing::TestWithParam<Durability> {};

TEST_P(SqliteCrash, AcknowledgedWritesSurviveSigkillAndNothingIsHalfWritten) {
  testing_support::TempDir dir;
  const std::string path = dir.file("crash.db").string();
  const Acknowledged acknowledged = kill_writer_after(path, GetParam(), 300);
  ASSERT_GE(acknowledged.created.size(), 300u);

  EXPECT_EQ(integrity_check(path), "ok");
  OrderManager manager(SqliteOptions{path, 5000, GetParam()});
  for (int n : acknowledged.created) {
    const auto order = manager.get_order(order_id(n));
    ASSERT_TRUE(order.has_value()) << "acknowledged order " << n << " was lost";
    ASSERT_EQ(order->items.size(), 2u) << "order " << n << " lost items";
    EXPECT_EQ(order->total_price, managers::Money("16.99"));
    if (acknowledged.updated.count(n)) {
      EXPECT_EQ(order->status, OrderStatus::PREPARING) << "acknowledged update of " << n << " was lost";
      EXPECT_EQ(order->status_history.size(), 2u);
    }
  }
  // At most the one order in flight when the kill came may exist unacknowledged,
  // and if it does, it is whole.
  const auto statistics = manager.get_order_statistics();
  EXPECT_LE(statistics.total_orders, static_cast<std::int64_t>(acknowledged.created.size()) + 1);
  const int in_flight = *acknowledged.created.rbegin() + 1;
  if (const auto order = manager.get_order(order_id(in_flight))) {
    EXPECT_EQ(order->items.size(), 2u);
  }

  // The file is fully usable afterwards.
  EXPECT_TRUE(manager.create_order("AFTER-CRASH", "C", "N", {{"Tea", 1, 2.0}}, 2.0));
}

std::string durability_name(const ::testing::TestParamInfo<Durability>& param) {
  return param.param == Durability::FULL ? "Full" : "Normal";
}

INSTANTIATE_TEST_SUITE_P(Durability, SqliteCrash, ::testing::Values(Durability::FULL, Durability::NORMAL),
                         durability_name);

}  // namespace
