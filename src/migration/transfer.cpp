#include "migration/transfer.hpp"

#include "managers/errors.hpp"

namespace managers::transfer {

std::string conflict_reason(const std::string& order_id) {
  return "order " + order_id + " already exists with different content (left alone; overwrite replaces it)";
}

StoreResult store_order(OrderManagerInterface& to, const Order& order, bool overwrite) {
  try {
    // The id can vanish between import_order and get_order (a concurrent
    // delete); then the insert is simply tried again.
    for (int attempt = 0; attempt < 3; ++attempt) {
      if (to.import_order(order)) return {Outcome::kCopied, {}};
      const std::optional<Order> existing = to.get_order(order.order_id);
      if (!existing) continue;
      if (*existing == order) return {Outcome::kAlreadyPresent, {}};
      if (!overwrite) return {Outcome::kConflict, conflict_reason(order.order_id)};
      to.replace_order(order);
      return {Outcome::kOverwritten, {}};
    }
    return {Outcome::kFailed, "order " + order.order_id + " kept appearing and vanishing in the destination"};
  } catch (const ValidationError& error) {
    return {Outcome::kFailed, error.what()};
  }
}

void count(TransferCounts& counts, Outcome outcome) {
  switch (outcome) {
    case Outcome::kCopied: ++counts.copied; break;
    case Outcome::kAlreadyPresent: ++counts.already_present; break;
    case Outcome::kConflict: ++counts.conflicts; break;
    case Outcome::kOverwritten: ++counts.overwritten; break;
    case Outcome::kFailed: ++counts.failed; break;
  }
}

}  // namespace managers::transfer
