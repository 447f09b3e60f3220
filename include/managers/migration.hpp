#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "managers/order_manager_interface.hpp"

namespace managers {

// Counts of a transfer (migrate, import) so far. Every order read ends up in
// exactly one of the other counters:
//   read == copied + already_present + conflicts + overwritten + failed.
struct TransferCounts {
  std::int64_t read = 0;             // orders (import: non-blank lines) read from the source
  std::int64_t copied = 0;           // written to a destination that did not have them
  std::int64_t already_present = 0;  // the destination already held an identical order
  std::int64_t conflicts = 0;        // the destination holds different content; left alone
  std::int64_t overwritten = 0;      // the destination held different content; replaced (overwrite)
  std::int64_t failed = 0;           // could not be written: invalid (import: a bad line)

  friend bool operator==(const TransferCounts&, const TransferCounts&) = default;
};

// One order that was not transferred as is, and why.
struct TransferProblem {
  std::int64_t line = 0;  // import: 1-based line number; migrate: 0
  std::string order_id;   // empty when the line did not name one
  std::string reason;     // one line, e.g. "items[0].quantity: must be a whole number from 1 to 1000000"
};

// Called after every page (migrate) or every few hundred lines (import) and
// once at the end, with the counts so far. Optional: leave empty for none.
using ProgressCallback = std::function<void(const TransferCounts&)>;

struct MigrationOptions {
  // Replace destination orders whose content differs (else they are conflicts, left alone).
  bool overwrite = false;
  // Orders read per list_orders page: memory stays bounded by one page.
  int page_size = 100;
  // How many conflict ids and failures the report lists (the counters are exact).
  std::size_t max_listed = 100;
  ProgressCallback on_progress;
};

struct MigrationReport : TransferCounts {
  std::vector<std::string> conflict_ids;   // the first max_listed conflicts (and overwritten ids)
  std::vector<TransferProblem> failures;   // the first max_listed failures
  bool lists_truncated = false;            // more conflicts or failures than were listed
};

// Copies every order of `from` into `to`, exactly (ids, items, money, status,
// status_history, timestamps, conversation id, metadata), streaming one page
// at a time in the source's listing order.
//  - Idempotent: an order already in `to` with identical content is counted
//    already_present and not written, so a second run changes nothing.
//  - Resumable: a run that stopped (killed, or a StorageError) is completed by
//    running it again; each order is written atomically, so none is half-copied.
//  - An order in `to` with different content is a conflict, left alone unless
//    options.overwrite (then replaced and counted overwritten).
//  - An order the destination rejects as invalid is counted failed and listed;
//    the migration goes on. So is a source record that is not a readable order
//    (OrderPage::unreadable): every other order is copied.
// A StorageError of either engine stops the migration and propagates (the
// progress callback has seen the counts up to the last finished page).
MigrationReport migrate(OrderManagerInterface& from, OrderManagerInterface& to, const MigrationOptions& options = {});

struct ExportOptions {
  int page_size = 100;
  // An engine may list orders in its own order (DynamoDB: scan order), so the
  // export sorts them: in memory up to this many bytes of JSON, beyond that in
  // sorted runs in a temporary folder (TMPDIR), merged at the end. 4 MiB keeps
  // the peak RSS flat (about 21 MB at 10^4 and 10^5 orders, docs/PERFORMANCE.md)
  // at the same speed as larger budgets.
  std::size_t sort_memory_bytes = std::size_t{4} << 20;
  ProgressCallback on_progress;  // `read` counts the orders read so far; `copied` those written out
  // Called for each stored record that is not a readable order (another client's malformed
  // item): it is skipped and counted `failed`; every other order is exported.
  std::function<void(const UnreadableOrder&)> on_unreadable;
};

// Writes every order as JSON Lines: one compact to_json(order) per line
// (the spec's data structure plus status_history), ascending by order_id
// (byte order), each line ending in '\n', whatever order the engine lists them
// in. Export -> import into an empty store -> export gives the same bytes, on
// every engine. Returns the number of orders written. Throws StorageError from
// the engine, std::ios_base::failure if the stream or a sort file fails.
std::int64_t export_orders(OrderManagerInterface& manager, std::ostream& out, const ExportOptions& options = {});

struct ImportOptions {
  // All or nothing: read and check every line first (JSON, the order's fields,
  // duplicate ids within the input, and — unless overwrite — conflicts with
  // orders already stored) and write nothing if any line is bad. Needs a
  // seekable input (a file), since it is read twice.
  //
  // The check pass makes bad *input* all-or-nothing. It is not a transaction:
  // a StorageError during the write pass (disk full, a lock held past the busy
  // timeout) stops the import with the orders before it written and the rest
  // not; running the same import again completes it (written orders count as
  // already_present).
  bool strict = false;
  // Replace stored orders whose content differs (else they are conflicts).
  bool overwrite = false;
  std::size_t max_listed = 100;  // how many problems the report lists
  ProgressCallback on_progress;
};

struct ImportReport : TransferCounts {
  // Bad lines (failed) and conflicts, in line order, the first max_listed.
  std::vector<TransferProblem> problems;
  bool problems_truncated = false;
  // Strict mode found a problem in the check pass, so nothing was written. Then only `failed`
  // and `conflicts` count lines: the good lines are counted in `read` alone.
  bool nothing_written = false;
};

// Reads JSON Lines written by export_orders (or by hand: the spec's data
// structure; status_history optional) and stores each order as it is, through
// import_order. Blank lines are skipped; a trailing '\r' is ignored. A line
// that is not valid JSON or not a valid order is reported with its line number
// and reason and writes nothing. Same idempotence and conflict rules as migrate().
// Throws ValidationError if strict and `in` cannot be rewound; StorageError
// from the engine.
ImportReport import_orders(OrderManagerInterface& manager, std::istream& in, const ImportOptions& options = {});

}  // namespace managers
