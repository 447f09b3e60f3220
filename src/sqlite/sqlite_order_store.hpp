#pragma once

// The SQLite store: each operation of the store contract as SQL on a pooled
// connection. Domain rules live in OrderManagerInterface, not here.

#include <string>

#include "managers/order_manager.hpp"
#include "sqlite/connection_pool.hpp"
#include "store/order_store.hpp"

namespace managers::sqlite {

class SqliteOrderStore final : public store::OrderStore {
 public:
  // Opens (and creates or upgrades) the database. Throws ConfigurationError for
  // bad options or a file of a newer schema, StorageError for an unreadable file.
  explicit SqliteOrderStore(SqliteOptions options);

  std::string backend_name() const override { return "sqlite"; }
  std::vector<std::pair<std::string, std::string>> location() const override {
    return {{"db_path", options_.db_path}};
  }
  // The file, its schema version, journal mode and durability; a problem if the
  // file cannot be read.
  HealthReport check_health() override;

  OM_ORDER_STORE_OVERRIDES

  // PRAGMA user_version of the opened file.
  int schema_version() const { return schema_version_; }
  const std::string& db_path() const { return options_.db_path; }

 private:
  SqliteOptions options_;
  ConnectionPool pool_;
  int schema_version_ = 0;
};

}  // namespace managers::sqlite
