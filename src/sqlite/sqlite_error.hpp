#pragma once

#include <string>

struct sqlite3;

namespace managers::sqlite {

// "SQLITE_BUSY", "SQLITE_CONSTRAINT_PRIMARYKEY", ...: the extended code's name
// when SQLite defines one, else the primary code's, else "SQLITE_<number>".
std::string result_code_name(int code);

// Throws StorageError("sqlite", result_code_name(code), message). The message is
// sqlite3_errmsg(db) when `db` is given (call right after the failing call, on
// the thread that made it), else sqlite3_errstr(code).
[[noreturn]] void throw_storage_error(int code, sqlite3* db);
[[noreturn]] void throw_storage_error(int code, const std::string& message);

}  // namespace managers::sqlite
