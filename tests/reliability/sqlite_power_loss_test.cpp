// Power cuts under the SQLite engine, hundreds of rounds over one file. In each round a forked
// child installs the power-cut VFS (power_loss_vfs.hpp) as SQLite's default, opens the file with
// the unchanged engine and runs a fixed sequence of writes, telling the parent on a pipe after
// each one returned; the VFS cuts the power before a random write or sync (else after the last
// write), keeping on disk only what was synced (plus, in half the rounds, a random part of the
// rest). The parent copies what is on disk, as a machine rebooted after the cut would find it,
// opens the copy with the normal VFS and checks:
// - the file passes PRAGMA integrity_check and every order is whole (items, total, history);
// - the writes that survived are a prefix of the sequence: nothing after a lost write survived;
// - at Durability::FULL every acknowledged write survived (at most the one in flight is extra);
// - at NORMAL the lost ones are a tail: every write acknowledged before the last sync survived,
//   and across the rounds some acknowledged write was lost (else the cut would prove nothing);
// - the statistics count exactly the orders that survived, earlier rounds' included.
// The next round goes on with the original file, so recovery after a cut also runs under cuts.
// The random choices come from one seed, printed; OM_POWER_LOSS_SEED=<n> repeats a run.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "managers/order_manager.hpp"
#include "reliability/power_loss_vfs.hpp"
#include "reliability/race_support.hpp"
#include "sqlite/raw_db.hpp"
#include "support/all_orders.hpp"
#include "support/temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
using managers::Durability;
using managers::Money;
using managers::Order;
using managers::OrderItemInput;
using managers::OrderManager;
using managers::OrderStatus;
using managers::SqliteOptions;

constexpr int kRounds = 150;           // per durability level
constexpr int kWritesPerRound = 40;    // the child's sequence, if no cut comes first
constexpr std::uint64_t kLatestCut = 500;  // the cut comes before VFS operation 1..kLatestCut
constexpr int kFullCheckEvery = 25;    // rounds between checks of every order in the file
constexpr int kPowerCutExit = 42;
constexpr char kReadyTime[] = "2024-11-22T16:00:00Z";

// The child's writes, in order: create order n; move every other one to PREPARING; set the
// ready time of every fourth.
struct Write {
  char kind;  // 'C' create, 'U' status, 'T' ready time
  int n;
};

std::vector<Write> write_sequence() {
  std::vector<Write> writes;
  for (int n = 0; static_cast<int>(writes.size()) < kWritesPerRound; ++n) {
    writes.push_back({'C', n});
    if (n % 2 == 1) writes.push_back({'U', n});
    if (n % 4 == 3) writes.push_back({'T', n});
  }
  writes.resize(kWritesPerRound);
  return writes;
}

std::string order_id(int round, int n) { return "R" + std::to_string(round) + "-" + std::to_string(n); }

// Order n has 1..4 items, so a lost item row shows.
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

// ---- the child ----

// What the child has acknowledged, and how many acknowledgements preceded the last sync: those
// writes were on disk before it, so no cut may lose them, whatever the durability level.
int acknowledged_writes = 0;
int acknowledged_before_last_sync = 0;

void send(int fd, const std::string& line) {
  if (write(fd, line.data(), line.size()) < 0) _exit(4);
}

[[noreturn]] void run_child(const std::string& path, Durability durability, int round,
                            const power_loss::Settings& cut, int pipe_fd) {
  power_loss::Settings settings = cut;
  settings.after_sync = [] { acknowledged_before_last_sync = acknowledged_writes; };
  settings.after_cut = [pipe_fd] {
    send(pipe_fd, "S " + std::to_string(acknowledged_before_last_sync) + "\n");
    _exit(kPowerCutExit);
  };
  power_loss::install(std::move(settings));
  try {
    OrderManager manager(SqliteOptions{path, 5000, durability});
    for (const Write& w : write_sequence()) {
      const std::string id = order_id(round, w.n);
      const bool done = w.kind == 'C'   ? manager.create_order(id, "CUST-" + std::to_string(w.n % 7), "Customer",
                                                               items_of(w.n), total_of(w.n))
                        : w.kind == 'U' ? manager.update_order_status(id, OrderStatus::PREPARING)
                                        : manager.update_order_ready_time(id, kReadyTime);
      if (!done) _exit(3);
      send(pipe_fd, "A\n");
      ++acknowledged_writes;
    }
  } catch (const std::exception& error) {
    std::fprintf(stderr, "child: %s\n", error.what());
    _exit(5);
  }
  power_loss::cut_now();
}

struct RoundResult {
  int acknowledged = 0;
  int durable_floor = 0;  // acknowledged before the child's last sync
  int exit_code = -1;
};

RoundResult run_round(const std::string& path, Durability durability, int round, const power_loss::Settings& cut) {
  int fds[2];
  EXPECT_EQ(pipe(fds), 0);
  std::fflush(nullptr);
  const pid_t child = fork();
  if (child == 0) {
    close(fds[0]);
    run_child(path, durability, round, cut, fds[1]);
  }
  close(fds[1]);
  RoundResult result;
  FILE* lines = fdopen(fds[0], "r");
  char line[64];
  while (std::fgets(line, sizeof line, lines) != nullptr) {
    if (line[0] == 'A') ++result.acknowledged;
    if (line[0] == 'S') result.durable_floor = std::atoi(line + 2);
  }
  std::fclose(lines);
  int status = 0;
  waitpid(child, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

// ---- the checks ----

// What reading the copy shows of write w.
bool survived(OrderManager& manager, int round, const Write& w) {
  const std::optional<Order> order = manager.get_order(order_id(round, w.n));
  if (!order) return false;
  if (w.kind == 'C') return true;
  if (w.kind == 'U') return order->status == OrderStatus::PREPARING;
  return order->estimated_ready_time == kReadyTime;
}

// An order is whole when its items, total, status and history agree with what the child wrote.
void expect_whole(const Order& order) {
  const int n = std::stoi(order.order_id.substr(order.order_id.find('-') + 1));
  ASSERT_EQ(order.items.size(), items_of(n).size()) << order.order_id << " is missing items";
  EXPECT_EQ(order.total_price, total_of(n)) << order.order_id;
  Money sum;
  for (const auto& item : order.items) sum = sum + item.subtotal;
  EXPECT_EQ(sum, order.total_price) << order.order_id << ": items do not add up to the total";
  ASSERT_FALSE(order.status_history.empty()) << order.order_id;
  EXPECT_EQ(order.status_history.front().status, OrderStatus::PENDING) << order.order_id;
  EXPECT_EQ(order.status_history.back().status, order.status) << order.order_id;
  EXPECT_EQ(order.status_history.size(), order.status == OrderStatus::PREPARING ? 2u : 1u) << order.order_id;
}

// The files as the rebooted machine finds them, copied so that checking them (which recovers and
// checkpoints the WAL) leaves the original for the next round to recover under cuts.
void copy_disk(const std::string& from, const std::string& to) {
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(to + suffix);
  for (const char* suffix : {"", "-wal"})
    if (fs::exists(from + suffix)) fs::copy_file(from + suffix, to + suffix);
}

std::uint32_t run_seed() {
  if (const char* chosen = std::getenv("OM_POWER_LOSS_SEED")) return static_cast<std::uint32_t>(std::stoul(chosen));
  return std::random_device{}();
}

class SqlitePowerLoss : public ::testing::TestWithParam<Durability> {};

TEST_P(SqlitePowerLoss, WhatSurvivesACutIsAWholePrefixOfTheAcknowledgedWrites) {
  const bool full = GetParam() == Durability::FULL;
  const std::uint32_t seed = run_seed();
  std::cout << "power-loss seed " << seed << " (OM_POWER_LOSS_SEED=" << seed << " repeats it)" << std::endl;
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 random(seed);
  std::uniform_int_distribution<std::uint64_t> cut_point(1, kLatestCut);

  testing_support::TempDir dir;
  const std::string path = dir.file("power.db").string();
  const std::string copy = dir.file("rebooted.db").string();
  const std::vector<Write> writes = write_sequence();
  std::int64_t expected_orders = 0;  // orders that survived, all rounds
  int acknowledged_total = 0;
  int lost_acknowledged_total = 0;
  int rounds_with_loss = 0;
  int in_flight_survived = 0;
  const auto started = std::chrono::steady_clock::now();

  for (int round = 0; round < kRounds; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    power_loss::Settings cut;
    cut.cut_before_operation = cut_point(random);
    cut.seed = static_cast<std::uint32_t>(random());
    cut.keep_some_unsynced = round % 2 == 1;
    const RoundResult result = run_round(path, GetParam(), round, cut);
    ASSERT_EQ(result.exit_code, kPowerCutExit) << "the child failed before the cut";
    acknowledged_total += result.acknowledged;

    copy_disk(path, copy);
    if (fs::exists(copy)) {
      ASSERT_EQ(sqlite_testing::RawDb(copy).value("PRAGMA integrity_check"), "ok");
    }
    OrderManager manager(SqliteOptions{copy, 5000, GetParam()});

    // The writes that survived: a prefix, at most one past the acknowledged ones (the one the
    // cut interrupted may have reached the disk before its acknowledgement).
    const int looked_at = std::min<int>(result.acknowledged + 2, kWritesPerRound);
    int prefix = 0;
    while (prefix < looked_at && survived(manager, round, writes[prefix])) ++prefix;
    for (int i = prefix; i < looked_at; ++i)
      EXPECT_FALSE(survived(manager, round, writes[i]))
          << "write " << i << " survived though write " << prefix << " before it was lost";
    EXPECT_LE(prefix, result.acknowledged + 1);
    EXPECT_GE(prefix, result.durable_floor) << "a write acknowledged before a sync was lost";
    if (full) {
      EXPECT_GE(prefix, result.acknowledged) << "an acknowledged write was lost at FULL";
    }
    if (prefix < result.acknowledged) {
      ++rounds_with_loss;
      lost_acknowledged_total += result.acknowledged - prefix;
    }
    if (prefix > result.acknowledged) ++in_flight_survived;

    for (int i = 0; i < prefix; ++i) {
      if (writes[i].kind != 'C') continue;
      ++expected_orders;
      const std::optional<Order> order = manager.get_order(order_id(round, writes[i].n));
      ASSERT_TRUE(order.has_value());
      expect_whole(*order);
    }
    EXPECT_EQ(manager.get_order_statistics().total_orders, expected_orders)
        << "the file holds orders that did not survive, or lost some of an earlier round";
    if (round % kFullCheckEvery == kFullCheckEvery - 1 || round == kRounds - 1) {
      for (const Order& order : testing_support::all_orders(manager)) expect_whole(order);
      race_testing::expect_statistics_match_recount(manager, "round " + std::to_string(round));
    }
    if (HasFailure()) return;
  }

  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << kRounds << " cuts in " << seconds << " s: " << acknowledged_total << " writes acknowledged, "
            << lost_acknowledged_total << " of them lost in " << rounds_with_loss << " rounds, the one in flight kept "
            << in_flight_survived << " times, " << expected_orders << " orders survived" << std::endl;
  if (!full) {
    // At NORMAL a commit does not sync the WAL: a cut that drops unsynced writes loses the
    // latest acknowledged ones. If it never did, the cut is not cutting anything.
    EXPECT_GT(rounds_with_loss, 0) << "no acknowledged write was ever lost at NORMAL: the power cut is not biting";
  }
}

std::string durability_name(const ::testing::TestParamInfo<Durability>& param) {
  return param.param == Durability::FULL ? "Full" : "Normal";
}

INSTANTIATE_TEST_SUITE_P(Durability, SqlitePowerLoss, ::testing::Values(Durability::FULL, Durability::NORMAL),
                         durability_name);

}  // namespace
