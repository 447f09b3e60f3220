#pragma once

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

#include "sqlite/connection.hpp"

namespace managers::sqlite {

// The connections of one manager. Each call borrows a connection for its
// duration, so threads never share a connection (nor its prepared statements),
// readers run in parallel on their own WAL snapshots, and writers queue on
// SQLite's own write lock. Connections are opened on demand, at most
// `max_connections`; a caller beyond that waits for one to be returned.
class ConnectionPool {
 public:
  class Lease {
   public:
    Lease(ConnectionPool& pool, std::unique_ptr<Connection> connection)
        : pool_(&pool), connection_(std::move(connection)) {}
    ~Lease();
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;

    Connection& operator*() const { return *connection_; }
    Connection* operator->() const { return connection_.get(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<Connection> connection_;
  };

  ConnectionPool(ConnectionSettings settings, std::size_t max_connections);
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  Lease acquire();
  const ConnectionSettings& settings() const { return settings_; }

 private:
  void release(std::unique_ptr<Connection> connection) noexcept;

  const ConnectionSettings settings_;
  const std::size_t max_connections_;
  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<Connection>> idle_;  // most recently used last
  std::size_t open_ = 0;                            // idle + lent
};

}  // namespace managers::sqlite
