#pragma once

// Every order of a store, read through list_orders page by page, in the engine's own order.

#include <string>
#include <vector>

#include "managers/order_manager_interface.hpp"

namespace testing_support {

inline std::vector<managers::Order> all_orders(managers::OrderManagerInterface& store, int page_size = 500) {
  std::vector<managers::Order> orders;
  std::string token;
  do {
    managers::OrderPage page = store.list_orders(token, page_size);
    for (managers::Order& order : page.orders) orders.push_back(std::move(order));
    token = page.next_page_token;
  } while (!token.empty());
  return orders;
}

}  // namespace testing_support
