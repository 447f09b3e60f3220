#pragma once

// `order-manager check` on a SQLite file, without changing a byte of it. Opening the engine
// would switch the file to WAL and upgrade an earlier module's database in place; a health check
// must not, so this opens the file with SQLITE_OPEN_READONLY and says what opening it WOULD do
// ("would upgrade ...") next to what is wrong.

#include <string>

#include "managers/health_report.hpp"

namespace managers::sqlite {

// Facts (database, journal mode, schema version, what the first open would do) and problems
// (unreadable, not a database, a newer or unknown schema, a current file not in WAL mode).
// `path` must exist; nothing is created.
HealthReport check_file_read_only(const std::string& path);

}  // namespace managers::sqlite
