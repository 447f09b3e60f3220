// The disk fills up under a writer. A child process limits the size of the files it may
// write (RLIMIT_FSIZE, SIGXFSZ ignored: a write past the limit fails as on a full disk) and
// creates orders until one fails. That failure must be a StorageError carrying SQLite's
// code — never `false`, never a crash — and afterwards, without the limit, every order it
// acknowledged is there, whole, the file passes the integrity check and takes new orders.
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <set>
#include <string>

#include "managers/errors.hpp"
#include "managers/order_manager.hpp"
#include "sqlite/raw_db.hpp"
#include "support/temp_dir.hpp"

namespace {

using managers::OrderManager;

constexpr int kChildStorageError = 0;
constexpr int kChildReportedFalse = 3;
constexpr int kChildOtherFailure = 5;
constexpr int kChildNeverFilled = 6;

std::string order_id(int n) { return "FULL-" + std::to_string(n); }

// A few KB per order, so the limit is reached after a few dozen.
nlohmann::json padding() { return {{"note", std::string(4000, 'p')}}; }

// Writes "C n" after each acknowledged create and "E <code> <message>" for the storage error.
[[noreturn]] void run_writer(const std::string& path, int report_fd) {
  FILE* report = fdopen(report_fd, "w");
  int code = kChildNeverFilled;
  try {
    OrderManager manager(path);
    signal(SIGXFSZ, SIG_IGN);
    std::uintmax_t largest = 0;
    for (const char* suffix : {"", "-wal", "-shm"})
      if (std::filesystem::exists(path + suffix)) largest = std::max(largest, std::filesystem::file_size(path + suffix));
    const rlimit limit{static_cast<rlim_t>(largest + 256 * 1024), static_cast<rlim_t>(largest + 256 * 1024)};
    setrlimit(RLIMIT_FSIZE, &limit);
    for (int n = 0; n < 10'000; ++n) {
      if (!manager.create_order(order_id(n), "C", "Filler", {{"Tea", 1, 2.0}}, 2.0, std::nullopt, std::nullopt,
                                padding())) {
        code = kChildReportedFalse;
        break;
      }
      std::fprintf(report, "C %d\n", n);
      std::fflush(report);
    }
  } catch (const managers::StorageError& error) {
    std::fprintf(report, "E %s %s\n", error.code().c_str(), error.what());
    code = kChildStorageError;
  } catch (const std::exception& error) {
    std::fprintf(report, "X %s\n", error.what());
    code = kChildOtherFailure;
  }
  std::fclose(report);
  _exit(code);
}

TEST(SqliteDiskFull, AFullDiskIsATypedErrorAndLosesNothingAcknowledged) {
  testing_support::TempDir dir;
  const std::string path = dir.file("full.db").string();
  {
    OrderManager manager(path);
    ASSERT_TRUE(manager.create_order("BEFORE", "C", "Filler", {{"Tea", 1, 2.0}}, 2.0));
  }
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  std::fflush(nullptr);
  const pid_t child = fork();
  if (child == 0) {
    close(fds[0]);
    run_writer(path, fds[1]);
  }
  close(fds[1]);
  FILE* report = fdopen(fds[0], "r");
  std::set<int> acknowledged;
  std::string failure;
  char line[4096];
  while (std::fgets(line, sizeof line, report) != nullptr) {
    int n = 0;
    if (std::sscanf(line, "C %d", &n) == 1) acknowledged.insert(n);
    else failure = line;
  }
  std::fclose(report);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFEXITED(status)) << "the writer died of signal " << WTERMSIG(status);
  ASSERT_EQ(WEXITSTATUS(status), kChildStorageError) << failure;
  EXPECT_GT(acknowledged.size(), 5u) << "the limit was hit before the test could mean anything";
  EXPECT_EQ(failure.rfind("E SQLITE_", 0), 0u) << failure;
  EXPECT_TRUE(failure.find("FULL") != std::string::npos || failure.find("IOERR") != std::string::npos) << failure;

  EXPECT_EQ(sqlite_testing::RawDb(path).value("PRAGMA integrity_check"), "ok");
  OrderManager manager(path);
  for (int n : acknowledged) {
    const auto order = manager.get_order(order_id(n));
    ASSERT_TRUE(order.has_value()) << "acknowledged order " << n << " was lost";
    EXPECT_EQ(order->metadata, padding());
  }
  EXPECT_FALSE(manager.get_order(order_id(*acknowledged.rbegin() + 1)).has_value())
      << "the create that failed left an order behind";
  EXPECT_EQ(manager.get_order_statistics().total_orders, static_cast<std::int64_t>(acknowledged.size()) + 1);
  EXPECT_TRUE(manager.create_order("AFTER", "C", "Filler", {{"Tea", 1, 2.0}}, 2.0));
}

}  // namespace
