// The spec's Quick Start, against the installed library:
//   quickstart [DB_PATH]    (default: a fresh conversations.db in a new temporary folder)
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

#include <managers/errors.hpp>
#include <managers/order_manager.hpp>
#include <managers/order_manager_factory.hpp>
#include <managers/version.hpp>

int main(int argc, char** argv) {
  std::string db_path;
  if (argc > 1) {
    db_path = argv[1];
  } else {
    std::string folder = (std::filesystem::temp_directory_path() / "order-manager-quickstart-XXXXXX").string();
    if (mkdtemp(folder.data()) == nullptr) {
      std::cerr << "cannot create a temporary folder\n";
      return 1;
    }
    db_path = folder + "/conversations.db";
  }

  try {
    // Create manager (auto-initializes database)
    managers::OrderManager order_manager(db_path);

    // Create an order
    order_manager.create_order("ORD-001", "CUST-001", "John Doe",
                               {{"Coffee", 2, 3.50}, {"Sandwich", 1, 8.99}},
                               16.99,
                               /*conversation_id=*/std::nullopt,
                               /*estimated_ready_time=*/"2024-11-22T15:30:00",
                               /*metadata=*/{{"table", "5"}});

    // Get order
    const std::optional<managers::Order> order = order_manager.get_order("ORD-001");
    if (!order) {
      std::cerr << "ORD-001 not found\n";
      return 1;
    }
    std::cout << order_manager.format_order_summary("ORD-001") << "\n";

    // The same store through the factory, as create_from_env would build it.
    managers::OrderManagerConfig config;
    config.db_path = db_path;
    const auto same = managers::OrderManagerFactory::create(managers::OrderManagerType::SQLITE, config);
    std::cout << "orders: " << same->get_order_statistics().total_orders << " (library " << managers::kVersion
              << ")\n";
  } catch (const managers::OrderManagerError& error) {
    std::cerr << "error: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
