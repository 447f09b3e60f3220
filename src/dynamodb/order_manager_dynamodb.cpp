// OrderManagerDynamoDB, the public DynamoDB engine class: the interface's rules
// in front of a DynamoDbOrderStore, plus the engine's own extras.

#include "managers/order_manager_dynamodb.hpp"

#include "domain/statistics.hpp"
#include "dynamodb/dynamodb_order_store.hpp"

namespace managers {

OrderManagerDynamoDB::OrderManagerDynamoDB(std::string table_name, std::optional<std::string> region)
    : OrderManagerDynamoDB([&] {
        DynamoDbOptions options;
        options.table_name = std::move(table_name);
        options.region = std::move(region);
        return options;
      }()) {}

OrderManagerDynamoDB::OrderManagerDynamoDB(DynamoDbOptions options)
    : OrderManagerDynamoDB(std::make_unique<dynamodb::DynamoDbOrderStore>(std::move(options))) {}

// The typed pointer is taken before the base class takes ownership of the store.
OrderManagerDynamoDB::OrderManagerDynamoDB(std::unique_ptr<dynamodb::DynamoDbOrderStore>&& store)
    : OrderManagerDynamoDB(store.get(), std::move(store)) {}

OrderManagerDynamoDB::OrderManagerDynamoDB(dynamodb::DynamoDbOrderStore* store,
                                           std::unique_ptr<dynamodb::DynamoDbOrderStore>&& owned)
    : OrderManagerInterface(std::move(owned)), store_(store) {}

OrderManagerDynamoDB::~OrderManagerDynamoDB() = default;

const std::string& OrderManagerDynamoDB::table_name() const { return store_->options().table_name; }
const std::string& OrderManagerDynamoDB::region() const { return store_->region(); }
DynamoDbCounters OrderManagerDynamoDB::counters() const { return store_->runner().counters(); }
void OrderManagerDynamoDB::reset_counters() { store_->runner().reset_counters(); }
void OrderManagerDynamoDB::ensure_tables() { store_->ensure_ready(); }
OrderStatistics OrderManagerDynamoDB::recompute_statistics() { return domain::statistics_from(store_->recompute()); }
std::vector<std::string> OrderManagerDynamoDB::pending_upgrade() { return store_->pending_upgrade(); }
bool OrderManagerDynamoDB::upgrade_table(const UpgradeProgressHandler& progress) { return store_->upgrade(progress); }

}  // namespace managers
