#include "sqlite/busy_retry.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <thread>

namespace managers::sqlite {

int step_while_busy(sqlite3_stmt* statement, std::chrono::steady_clock::time_point deadline,
                    const std::function<bool()>& may_retry) {
  auto pause = std::chrono::milliseconds(1);
  for (;;) {
    const int rc = sqlite3_step(statement);
    if ((rc & 0xff) != SQLITE_BUSY || !may_retry() || std::chrono::steady_clock::now() >= deadline) return rc;
    sqlite3_reset(statement);  // keeps the bindings
    std::this_thread::sleep_for(pause);  // back off before trying the lock again
    pause = std::min(pause * 2, std::chrono::milliseconds(50));
  }
}

}  // namespace managers::sqlite
