// The per-process queue of writers of one file (src/sqlite/write_queue.hpp): who shares a queue,
// that turns go first come first served, and that a forked child never inherits a turn.
#include "sqlite/write_queue.hpp"

#include <unistd.h>

#include <gtest/gtest.h>

#include <mutex>
#include <thread>
#include <vector>

#include "support/child_processes.hpp"
#include "support/temp_dir.hpp"

namespace {

using managers::sqlite::WriteQueue;

TEST(WriteQueue, OneFileNamedTwoWaysHasOneQueueAndMemoryDatabasesHaveTheirOwn) {
  testing_support::TempDir dir;
  const auto file = dir.file("one.db");
  const auto direct = WriteQueue::for_file(file.string());
  const auto roundabout = WriteQueue::for_file((file.parent_path() / "." / file.filename()).string());
  EXPECT_EQ(direct.get(), roundabout.get());
  EXPECT_NE(direct.get(), WriteQueue::for_file(dir.file("other.db").string()).get());
  EXPECT_NE(WriteQueue::for_file(":memory:").get(), WriteQueue::for_file(":memory:").get());
}

TEST(WriteQueue, TurnsGoInTheOrderTheyWereAskedFor) {
  WriteQueue queue;
  std::vector<int> served;
  std::mutex served_mutex;
  std::vector<std::thread> threads;
  {
    const WriteQueue::Turn first = queue.wait_for_turn();  // everyone queues behind this turn
    for (int t = 0; t < 6; ++t) {
      threads.emplace_back([&, t] {
        const WriteQueue::Turn turn = queue.wait_for_turn();
        std::lock_guard lock(served_mutex);
        served.push_back(t);
      });
      // The next thread starts only once this one holds its ticket, so the asking order is 0..5.
      while (queue.threads_in_line() != static_cast<std::uint64_t>(t) + 2) std::this_thread::yield();
    }
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(served, (std::vector<int>{0, 1, 2, 3, 4, 5}));
  EXPECT_EQ(queue.threads_in_line(), 0u);
}

TEST(WriteQueue, AForkedChildDoesNotInheritAParentsTurn) {
  testing_support::TempDir dir;
  const std::string path = dir.file("forked.db").string();
  const auto queue = WriteQueue::for_file(path);
  const WriteQueue::Turn held = queue->wait_for_turn();  // as a parent's writer thread would at fork time
  const std::vector<int> codes = testing_support::run_children(1, [&](int) {
    alarm(20);  // a child stuck behind the inherited turn dies of SIGALRM instead of hanging the test
    const auto own = WriteQueue::for_file(path);
    if (own.get() == queue.get()) return 3;
    const WriteQueue::Turn turn = own->wait_for_turn();
    return 0;
  });
  EXPECT_EQ(codes, std::vector<int>{0});
}

}  // namespace
