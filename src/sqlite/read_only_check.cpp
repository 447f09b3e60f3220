#include "sqlite/read_only_check.hpp"

#include "managers/errors.hpp"
#include "sqlite/connection.hpp"
#include "sqlite/schema.hpp"
#include "sqlite/statement.hpp"

namespace managers::sqlite {

HealthReport check_file_read_only(const std::string& path) {
  HealthReport report;
  report.facts.push_back("database: " + path);
  try {
    ConnectionSettings settings;
    settings.path = path;
    settings.read_only = true;
    Connection connection(settings);
    // Asking for the mode does not change it (only "PRAGMA journal_mode = X" would).
    Statement journal = connection.prepare("PRAGMA journal_mode");
    std::string mode = "unknown";
    {
      StatementScope scope(journal);
      if (journal.step()) mode = journal.string(0);
    }
    const schema::Inspection found = schema::inspect(connection);
    report.facts.push_back("schema version: " + std::to_string(found.version));
    report.facts.push_back("journal mode: " + mode);
    report.facts.push_back("access: read-only (check changes nothing in the file)");
    const std::string target = std::to_string(schema::kVersion);
    switch (found.state) {
      case schema::State::kCurrent:
        if (mode != "wal")
          report.problems.push_back({"journal mode is " + mode + ", not wal",
                                     "run: sqlite3 <file> 'PRAGMA journal_mode=WAL'"});
        break;
      case schema::State::kNoTables:
        report.facts.push_back("would create: the order tables (schema version " + target +
                               ") on the first command that opens the file");
        break;
      case schema::State::kLegacy:
        report.facts.push_back("would upgrade: a database of the earlier Python module (schema version 0) "
                               "to schema version " + target +
                               " in WAL mode, in place, on the first command that opens the file "
                               "(back it up first if other programs still use it)");
        break;
      case schema::State::kOutdated:
        report.facts.push_back("would upgrade: schema version " + std::to_string(found.version) + " to " + target +
                               " (kMigrations), in place, on the first command that opens the file");
        break;
      case schema::State::kNewer:
      case schema::State::kForeign:
        report.problems.push_back({"database " + path + " " + found.problem,
                                   "point --db / ORDER_DB_PATH at an order database"});
        break;
    }
  } catch (const StorageError& error) {
    report.problems.push_back({error.what(), "check that the file is readable and is an SQLite database "
                                             "(restore it from a backup if it is corrupt)"});
  }
  return report;
}

}  // namespace managers::sqlite
