#pragma once

// The one busy-retry loop of the SQLite engine: Connection::step_retrying_busy (any statement, the
// connection's busy timeout) and Statement::step (reads outside a transaction) both use it.

#include <chrono>
#include <functional>

struct sqlite3_stmt;

namespace managers::sqlite {

// sqlite3_step(statement); while that answers SQLITE_BUSY, `may_retry()` holds and `deadline` has
// not passed, resets the statement (its bindings stay) and steps it again after a pause of 1 ms,
// doubling up to 50 ms. Returns the last result code.
int step_while_busy(sqlite3_stmt* statement, std::chrono::steady_clock::time_point deadline,
                    const std::function<bool()>& may_retry);

}  // namespace managers::sqlite
