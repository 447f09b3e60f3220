// OrderManager, the public SQLite engine class: the interface's rules in front
// of a SqliteOrderStore, plus the engine's own extras.

#include "managers/order_manager.hpp"

#include "sqlite/sqlite_order_store.hpp"

namespace managers {

OrderManager::OrderManager(std::string db_path) : OrderManager(SqliteOptions{.db_path = std::move(db_path)}) {}

OrderManager::OrderManager(SqliteOptions options)
    : OrderManager(std::make_unique<sqlite::SqliteOrderStore>(std::move(options))) {}

// The typed pointer is taken before the base class takes ownership of the store.
OrderManager::OrderManager(std::unique_ptr<sqlite::SqliteOrderStore>&& store) : OrderManager(store.get(), std::move(store)) {}

OrderManager::OrderManager(sqlite::SqliteOrderStore* store, std::unique_ptr<sqlite::SqliteOrderStore>&& owned)
    : OrderManagerInterface(std::move(owned)), store_(store) {}

OrderManager::~OrderManager() = default;

int OrderManager::schema_version() const { return store_->schema_version(); }

const std::string& OrderManager::db_path() const { return store_->db_path(); }

}  // namespace managers
