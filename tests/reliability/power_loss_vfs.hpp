#pragma once

// A SQLite VFS that plays the disk under a power cut, after the idea of SQLite's own crash-test
// VFS (src/test_vfs.c, "crash" VFS in test6.c). It wraps the default (unix) VFS and becomes the
// default itself, so the engine under test opens its files through it unchanged.
//
// The model of the disk:
// - Every write and truncate goes to the real file at once (reads see it: the page cache), and is
//   also recorded as not yet durable. xSync of a file makes everything recorded for that file so
//   far durable. The real fsync is not called: the shim is the disk, so it only costs time.
// - The power cut happens just before the N-th write, truncate or sync (counted over all tracked
//   files). Each file is then rewritten as it was at its last sync plus, if `keep_some_unsynced`,
//   a random part of its unsynced writes, in their order (the kernel may have flushed any dirty
//   page already, with no order between them); otherwise every unsynced write is lost. A write
//   is kept or lost whole (SQLite's unix VFS claims SQLITE_IOCAP_POWERSAFE_OVERWRITE; torn
//   sectors are not modelled).
// - Directory entries: a file created in this run (the -wal, a rollback journal, a new database)
//   survives the cut only once it has been synced. SQLite's unix VFS fsyncs the directory on the
//   first sync of a new journal or WAL, so that is what it promises; for a new main database file
//   SQLite does not sync the directory, and the model is kinder than a real disk there. A delete
//   (xDelete) is durable at once (simplification: SQLite deletes a WAL or journal only after the
//   database holds its content, so a resurrected one would replay what is already there).
// - The -shm file (the WAL index, shared memory) is not tracked: it is deleted at the cut, as
//   its content would be lost with the machine's memory; SQLite rebuilds it from the WAL.
// - Only the main database, its rollback journal and its WAL are tracked (files opened with a
//   name); temporary files pass through.
//
// For one forked child process at a time, one thread: the shim keeps its state in globals and
// ends the process at the cut.

#include <cstdint>
#include <functional>

namespace power_loss {

struct Settings {
  std::uint64_t cut_before_operation = 0;  // 1 = the first write/truncate/sync; 0 = only on cut_now()
  std::uint32_t seed = 0;                  // which unsynced writes survive
  bool keep_some_unsynced = false;         // false: every unsynced write is lost
  std::function<void()> after_sync;        // called after every sync (the caller notes what is durable)
  std::function<void()> after_cut;         // called once the files are reverted; must end the process
};

// Registers the shim as SQLite's default VFS (sqlite3_vfs_register(..., makeDefault=1)).
void install(Settings settings);

// Cuts the power now: reverts the files as described above, then calls after_cut. Never returns.
[[noreturn]] void cut_now();

// Writes, truncates and syncs counted so far.
std::uint64_t operations();

}  // namespace power_loss
