#include "managers/migration.hpp"

#include "migration/transfer.hpp"

namespace managers {

MigrationReport migrate(OrderManagerInterface& from, OrderManagerInterface& to, const MigrationOptions& options) {
  MigrationReport report;
  auto& counts = static_cast<TransferCounts&>(report);
  transfer::for_each_order(
      from, options.page_size,
      [&](const Order& order) {
        ++report.read;
        const transfer::StoreResult result = transfer::store_order(to, order, options.overwrite);
        transfer::count(counts, result.outcome);
        if (result.outcome == transfer::Outcome::kConflict || result.outcome == transfer::Outcome::kOverwritten) {
          if (report.conflict_ids.size() < options.max_listed)
            report.conflict_ids.push_back(order.order_id);
          else
            report.lists_truncated = true;
        } else if (result.outcome == transfer::Outcome::kFailed) {
          if (report.failures.size() < options.max_listed)
            report.failures.push_back({0, order.order_id, result.reason});
          else
            report.lists_truncated = true;
        }
      },
      [&](const UnreadableOrder& unreadable) {
        // Not copied, counted failed and listed: every other order is still copied.
        ++report.read;
        ++report.failed;
        if (report.failures.size() < options.max_listed)
          report.failures.push_back({0, unreadable.order_id, "cannot be read from the source: " + unreadable.reason});
        else
          report.lists_truncated = true;
      },
      [&] {
        if (options.on_progress) options.on_progress(counts);
      });
  return report;
}

}  // namespace managers
