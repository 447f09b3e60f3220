#include "sqlite/transaction.hpp"

#include <sqlite3.h>

namespace managers::sqlite {
namespace {

constexpr char kBeginDeferred[] = "BEGIN";
constexpr char kBeginImmediate[] = "BEGIN IMMEDIATE";
constexpr char kCommit[] = "COMMIT";
constexpr char kRollback[] = "ROLLBACK";

}  // namespace

Transaction::Transaction(Connection& connection, TransactionMode mode) : connection_(connection) {
  if (mode == TransactionMode::kImmediate) process_lock_ = connection_.process_write_lock().acquire();
  Statement& begin = connection_.cached(mode == TransactionMode::kImmediate ? kBeginImmediate : kBeginDeferred);
  StatementScope scope(begin);
  connection_.step_retrying_busy(begin);
}

Transaction::~Transaction() {
  if (done_ || !connection_.in_transaction()) return;
  // Never throws: a failed rollback leaves the connection in a transaction,
  // and the pool discards such a connection instead of reusing it.
  sqlite3_stmt* rollback = nullptr;
  try {
    rollback = connection_.cached(kRollback).handle();
  } catch (...) {
    return;
  }
  sqlite3_step(rollback);
  sqlite3_reset(rollback);
}

void Transaction::commit() {
  Statement& commit = connection_.cached(kCommit);
  StatementScope scope(commit);
  connection_.step_retrying_busy(commit);
  done_ = true;
}

}  // namespace managers::sqlite
