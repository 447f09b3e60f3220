#include "sqlite/connection_pool.hpp"

#include <sqlite3.h>

#include <algorithm>

namespace managers::sqlite {

ConnectionPool::Lease::~Lease() {
  if (connection_) pool_->release(std::move(connection_));
}

namespace {

// SQLite keeps process-wide memory statistics behind one global mutex, which
// every allocation takes: with it on, reads from two threads reached 1.44x one
// thread, without it 1.64x (docs/PERFORMANCE.md). It can only be switched off
// before SQLite initialises; if the application already uses SQLite, the call
// fails harmlessly (SQLITE_MISUSE) and its choice stands. The price:
// sqlite3_memory_used() and the soft heap limit stop counting.
void disable_memory_statistics_once() {
  static const int result = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)result;
}

}  // namespace

ConnectionPool::ConnectionPool(ConnectionSettings settings, std::size_t max_connections)
    : settings_(std::move(settings)), max_connections_(std::max<std::size_t>(max_connections, 1)) {
  disable_memory_statistics_once();
}

ConnectionPool::Lease ConnectionPool::acquire() {
  {
    std::unique_lock lock(mutex_);
    returned_.wait(lock, [this] { return !idle_.empty() || open_ < max_connections_; });
    if (!idle_.empty()) {
      std::unique_ptr<Connection> connection = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(connection));
    }
    ++open_;
  }
  // Opening touches the file system: do it outside the lock.
  try {
    return Lease(*this, std::make_unique<Connection>(settings_));
  } catch (...) {
    {
      std::lock_guard lock(mutex_);
      --open_;
    }
    returned_.notify_one();
    throw;
  }
}

void ConnectionPool::release(std::unique_ptr<Connection> connection) noexcept {
  // A connection still inside a transaction (a rollback that failed) is closed,
  // never handed to the next caller.
  const bool reusable = !connection->in_transaction();
  if (!reusable) connection.reset();
  {
    std::lock_guard lock(mutex_);
    if (reusable)
      idle_.push_back(std::move(connection));
    else
      --open_;
  }
  returned_.notify_one();
}

}  // namespace managers::sqlite
