#pragma once

#include <sys/types.h>

#include <memory>
#include <mutex>
#include <string>

namespace managers::sqlite {

// The lock the threads of one process hold, one at a time, before they ask SQLite for its write
// lock on a file.
//
// Why: SQLite's write lock is not a queue. A writer that finds it taken sleeps in the busy handler
// and tries again, so among many waiting threads one can lose every attempt for the whole busy
// timeout and fail with "database is locked" while the others write (3 processes of 8 threads on
// a loaded machine did). With this lock each process has one thread at SQLite's lock at a time,
// and busy_timeout_ms bounds only the wait for other processes, as documented.
//
// It is a plain mutex, not first come first served: a thread that just wrote may take it again
// before a sleeping one wakes. A strict queue (tickets) measured 0.6x the writes/s of no lock at
// 2 and 4 threads, every turn waiting for a thread to wake; this one keeps their throughput
// (docs/SQLITE.md, "Writers"). A thread that loses to its siblings waits longer, never fails.
class ProcessWriteLock {
 public:
  ProcessWriteLock();

  // The lock of the file at `path` in this process, shared by every manager and connection that
  // opened it (by canonical path); an in-memory database gets one of its own.
  static std::shared_ptr<ProcessWriteLock> for_file(const std::string& path);

  std::unique_lock<std::mutex> acquire() { return std::unique_lock(mutex_); }

 private:
  const pid_t maker_;  // the process whose threads share it
  std::mutex mutex_;
};

}  // namespace managers::sqlite
