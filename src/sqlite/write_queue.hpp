#pragma once

#include <sys/types.h>

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

namespace managers::sqlite {

// The threads of one process that write one database file take turns here, first come first
// served, before they ask SQLite for its write lock.
//
// Why: SQLite's write lock is not a queue. A writer that finds it taken sleeps in the busy handler
// and tries again, so among many waiting threads one can lose every attempt for the whole busy
// timeout and fail with "database is locked" while the others write (3 processes of 8 threads on
// a loaded machine did). Queued here, each process has one thread at SQLite's lock at a time, and
// busy_timeout_ms bounds only the wait for other processes, as documented. Writes of one file
// are serialised by SQLite anyway, so the queue costs no throughput.
class WriteQueue {
 public:
  WriteQueue();

  // Holds the turn until destroyed; the next ticket's thread then goes.
  class Turn {
   public:
    explicit Turn(WriteQueue& queue) : queue_(&queue) {}
    ~Turn();
    Turn(Turn&& other) noexcept : queue_(other.queue_) { other.queue_ = nullptr; }
    Turn& operator=(Turn&&) = delete;
    Turn(const Turn&) = delete;
    Turn& operator=(const Turn&) = delete;

   private:
    WriteQueue* queue_;
  };

  // The queue of the file at `path` in this process, shared by every manager and connection that
  // opened it (by canonical path); an in-memory database gets a queue of its own.
  static std::shared_ptr<WriteQueue> for_file(const std::string& path);

  // Blocks until every thread that asked earlier has finished its turn.
  Turn wait_for_turn();

  // Threads holding or waiting for a turn now.
  std::uint64_t threads_in_line();

 private:
  void finish_turn();

  const pid_t maker_;  // the process whose threads take turns here
  std::mutex mutex_;
  std::condition_variable turn_finished_;
  std::uint64_t next_ticket_ = 0;
  std::uint64_t now_serving_ = 0;
};

}  // namespace managers::sqlite
