#pragma once

#include <string>

#include "managers/errors.hpp"
#include "managers/migration.hpp"
#include "managers/order_manager_interface.hpp"

namespace managers::transfer {

// How storing one complete order into a destination went.
enum class Outcome { kCopied, kAlreadyPresent, kConflict, kOverwritten, kFailed };

struct StoreResult {
  Outcome outcome = Outcome::kFailed;
  std::string reason;  // for kFailed and kConflict
};

// Stores `order` as it is: import_order; if the id exists, compares with the
// stored order (identical -> kAlreadyPresent; different -> kConflict, or
// replace_order and kOverwritten when `overwrite`). A ValidationError from the
// destination becomes kFailed with its message; StorageError propagates.
StoreResult store_order(OrderManagerInterface& to, const Order& order, bool overwrite);

// Adds one outcome to the counters (not `read`).
void count(TransferCounts& counts, Outcome outcome);

// Calls list_orders page by page, `visit(const Order&)` for each order,
// `skip(const UnreadableOrder&)` for each stored record that is not a readable order (the walk
// goes on past it), and `after_page()` after each page. Stops if the page token does not advance.
template <typename Visit, typename Skip, typename AfterPage>
void for_each_order(OrderManagerInterface& from, int page_size, Visit&& visit, Skip&& skip, AfterPage&& after_page) {
  std::string token;
  while (true) {
    OrderPage page = from.list_orders(token, page_size);
    for (const Order& order : page.orders) visit(order);
    for (const UnreadableOrder& unreadable : page.unreadable) skip(unreadable);
    after_page();
    if (page.next_page_token.empty()) return;
    if (page.next_page_token == token)
      throw StorageError(from.backend_name(), "PAGINATION", "list_orders returned the same page token twice");
    token = std::move(page.next_page_token);
  }
}

std::string conflict_reason(const std::string& order_id);

}  // namespace managers::transfer
