// The lock the writer threads of one process share per file (src/sqlite/process_write_lock.hpp):
// who shares one, and that a forked child never inherits it held. That it keeps one process's
// threads from spending their busy timeout on each other is tested end to end in
// tests/reliability/sqlite_concurrency_test.cpp.
#include "sqlite/process_write_lock.hpp"

#include <unistd.h>

#include <gtest/gtest.h>

#include <vector>

#include "support/child_processes.hpp"
#include "support/temp_dir.hpp"

namespace {

using managers::sqlite::ProcessWriteLock;

TEST(ProcessWriteLock, OneFileNamedTwoWaysHasOneLockAndMemoryDatabasesHaveTheirOwn) {
  testing_support::TempDir dir;
  const auto file = dir.file("one.db");
  const auto direct = ProcessWriteLock::for_file(file.string());
  const auto roundabout = ProcessWriteLock::for_file((file.parent_path() / "." / file.filename()).string());
  EXPECT_EQ(direct.get(), roundabout.get());
  EXPECT_NE(direct.get(), ProcessWriteLock::for_file(dir.file("other.db").string()).get());
  EXPECT_NE(ProcessWriteLock::for_file(":memory:").get(), ProcessWriteLock::for_file(":memory:").get());
}

TEST(ProcessWriteLock, AForkedChildDoesNotInheritItHeld) {
  testing_support::TempDir dir;
  const std::string path = dir.file("forked.db").string();
  const auto lock = ProcessWriteLock::for_file(path);
  const auto held = lock->acquire();  // as a parent's writer thread would hold it at fork time
  const std::vector<int> codes = testing_support::run_children(1, [&](int) {
    alarm(20);  // a child stuck on the inherited lock dies of SIGALRM instead of hanging the test
    const auto own = ProcessWriteLock::for_file(path);
    if (own.get() == lock.get()) return 3;
    const auto taken = own->acquire();
    return 0;
  });
  EXPECT_EQ(codes, std::vector<int>{0});
}

}  // namespace
