#pragma once

#include <mutex>

#include "sqlite/connection.hpp"

namespace managers::sqlite {

enum class TransactionMode {
  kDeferred,   // BEGIN: a read snapshot, taken by the first statement
  kImmediate,  // BEGIN IMMEDIATE: the write lock now, so the transaction cannot fail later with SQLITE_BUSY
};

// One transaction (RAII): begun in the constructor, rolled back in the
// destructor unless commit() succeeded. Every write of the engine runs in an
// IMMEDIATE transaction, so writers from any thread or process queue on
// SQLite's write lock (busy timeout plus retry) instead of failing on upgrade;
// the threads of one process first take the file's ProcessWriteLock.
class Transaction {
 public:
  Transaction(Connection& connection, TransactionMode mode);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void commit();

 private:
  std::unique_lock<std::mutex> process_lock_;  // immediate only; released after the rollback
  Connection& connection_;
  bool done_ = false;
};

}  // namespace managers::sqlite
