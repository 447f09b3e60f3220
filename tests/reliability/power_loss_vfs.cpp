// The power-cut VFS of power_loss_vfs.hpp: a pass-through to the default VFS that also keeps, per
// tracked file, its content as of the last sync and the writes made since.

#include "reliability/power_loss_vfs.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace power_loss {
namespace {

// A write (or, with `truncate`, a truncation to `offset`) not yet made durable by a sync.
struct Pending {
  sqlite3_int64 offset = 0;
  std::string data;
  bool truncate = false;
};

struct FileState {
  std::string path;
  bool is_database = false;  // the main database: its -shm goes at the cut
  bool durable = false;      // its directory entry survives a cut
  std::string synced;        // its content as of its last sync (or as found when first opened)
  std::vector<Pending> pending;
};

void apply(std::string& content, const Pending& change) {
  const auto offset = static_cast<std::size_t>(change.offset);
  if (change.truncate) {
    content.resize(offset);
    return;
  }
  if (content.size() < offset + change.data.size()) content.resize(offset + change.data.size(), '\0');
  std::memcpy(content.data() + offset, change.data.data(), change.data.size());
}

struct Shim {
  sqlite3_vfs vfs{};
  sqlite3_vfs* real = nullptr;
  Settings settings;
  std::uint64_t operations = 0;
  std::map<std::string, std::unique_ptr<FileState>> files;  // by full path
};

Shim& shim() {
  static Shim instance;
  return instance;
}

// One open file: our header, then the real VFS's file object in the same allocation
// (szOsFile below reserves room for both).
struct ShimFile {
  sqlite3_file base;
  FileState* state;  // null for an untracked (temporary) file
  sqlite3_file* real() { return reinterpret_cast<sqlite3_file*>(this + 1); }
};
static_assert(sizeof(ShimFile) % alignof(sqlite3_int64) == 0, "the real file object after it must stay aligned");

ShimFile* shim_file(sqlite3_file* file) { return reinterpret_cast<ShimFile*>(file); }

// Counts a write, truncate or sync, and cuts the power before the chosen one.
void count_operation() {
  Shim& s = shim();
  ++s.operations;
  if (s.settings.cut_before_operation != 0 && s.operations >= s.settings.cut_before_operation) cut_now();
}

std::string read_whole_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

FileState* track(const std::string& path, bool is_database) {
  auto& files = shim().files;
  auto found = files.find(path);
  if (found != files.end()) return found->second.get();
  auto state = std::make_unique<FileState>();
  state->path = path;
  state->is_database = is_database;
  struct stat info {};
  if (::stat(path.c_str(), &info) == 0) {
    // There before this run: as durable as the disk had it.
    state->durable = true;
    state->synced = read_whole_file(path);
  }
  return files.emplace(path, std::move(state)).first->second.get();
}

// ---- the file methods: pass through, recording writes, truncates and syncs ----

int file_close(sqlite3_file* file) {
  sqlite3_file* real = shim_file(file)->real();
  return real->pMethods->xClose(real);
}

int file_read(sqlite3_file* file, void* buffer, int amount, sqlite3_int64 offset) {
  sqlite3_file* real = shim_file(file)->real();
  return real->pMethods->xRead(real, buffer, amount, offset);
}

int file_write(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
  ShimFile* f = shim_file(file);
  if (f->state != nullptr) count_operation();
  const int rc = f->real()->pMethods->xWrite(f->real(), data, amount, offset);
  if (rc == SQLITE_OK && f->state != nullptr)
    f->state->pending.push_back({offset, std::string(static_cast<const char*>(data), static_cast<std::size_t>(amount)), false});
  return rc;
}

int file_truncate(sqlite3_file* file, sqlite3_int64 size) {
  ShimFile* f = shim_file(file);
  if (f->state != nullptr) count_operation();
  const int rc = f->real()->pMethods->xTruncate(f->real(), size);
  if (rc == SQLITE_OK && f->state != nullptr) f->state->pending.push_back({size, {}, true});
  return rc;
}

int file_sync(sqlite3_file* file, int flags) {
  ShimFile* f = shim_file(file);
  if (f->state == nullptr) return f->real()->pMethods->xSync(f->real(), flags);
  count_operation();
  // No real fsync: the shim is the disk. Everything written so far is now durable, and so is
  // the file's directory entry (the unix VFS syncs the directory on a new journal's first sync).
  for (const Pending& change : f->state->pending) apply(f->state->synced, change);
  f->state->pending.clear();
  f->state->durable = true;
  if (shim().settings.after_sync) shim().settings.after_sync();
  return SQLITE_OK;
}

int file_size(sqlite3_file* file, sqlite3_int64* size) {
  sqlite3_file* real = shim_file(file)->real();
  return real->pMethods->xFileSize(real, size);
}

int file_lock(sqlite3_file* file, int level) {
  sqlite3_file* real = shim_file(file)->real();
  return real->pMethods->xLock(real, level);
}

int file_unlock(sqlite3_file* file, int level) {
  sqlite3_file* real = shim_file(file)->real();
  return real->pMethods->xUnlock(real, level);
}

int file_check_reserved_lock(sqlite3_file* file, int* result) {
  sqlite3_file* real = shim_file(file)->real();
  return real->pMethods->xCheckReservedLock(real, result);
}

int file_control(sqlite3_file* file, int op, void* argument) {
  sqlite3_file* real = shim_file(file)->real();
  return real->pMethods->xFileControl(real, op, argument);
}

int file_sector_size(sqlite3_file* file) {
  sqlite3_file* real = shim_file(file)->real();
  return real->pMethods->xSectorSize(real);
}

int file_device_characteristics(sqlite3_file* file) {
  sqlite3_file* real = shim_file(file)->real();
  return real->pMethods->xDeviceCharacteristics(real);
}

int file_shm_map(sqlite3_file* file, int region, int size, int extend, void volatile** address) {
  sqlite3_file* real = shim_file(file)->real();
  return real->pMethods->xShmMap(real, region, size, extend, address);
}

int file_shm_lock(sqlite3_file* file, int offset, int n, int flags) {
  sqlite3_file* real = shim_file(file)->real();
  return real->pMethods->xShmLock(real, offset, n, flags);
}

void file_shm_barrier(sqlite3_file* file) {
  sqlite3_file* real = shim_file(file)->real();
  real->pMethods->xShmBarrier(real);
}

int file_shm_unmap(sqlite3_file* file, int delete_flag) {
  sqlite3_file* real = shim_file(file)->real();
  return real->pMethods->xShmUnmap(real, delete_flag);
}

// Version 2: with shared memory (WAL) but no xFetch, so SQLite reads through xRead.
const sqlite3_io_methods kFileMethods = {
    2,
    file_close,
    file_read,
    file_write,
    file_truncate,
    file_sync,
    file_size,
    file_lock,
    file_unlock,
    file_check_reserved_lock,
    file_control,
    file_sector_size,
    file_device_characteristics,
    file_shm_map,
    file_shm_lock,
    file_shm_barrier,
    file_shm_unmap,
    nullptr,
    nullptr,
};

// ---- the VFS methods ----

int vfs_open(sqlite3_vfs*, const char* name, sqlite3_file* file, int flags, int* out_flags) {
  ShimFile* f = shim_file(file);
  f->base.pMethods = nullptr;
  f->state = nullptr;
  constexpr int kTracked = SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_MAIN_JOURNAL | SQLITE_OPEN_WAL;
  // Looked at before the real open, which may create the file.
  FileState* state = name != nullptr && (flags & kTracked) != 0 ? track(name, (flags & SQLITE_OPEN_MAIN_DB) != 0) : nullptr;
  sqlite3_vfs* real = shim().real;
  const int rc = real->xOpen(real, name, f->real(), flags, out_flags);
  if (rc != SQLITE_OK) {
    if (f->real()->pMethods != nullptr) f->real()->pMethods->xClose(f->real());
    return rc;
  }
  f->state = state;
  f->base.pMethods = &kFileMethods;
  return SQLITE_OK;
}

int vfs_delete(sqlite3_vfs*, const char* name, int sync_directory) {
  sqlite3_vfs* real = shim().real;
  const int rc = real->xDelete(real, name, sync_directory);
  if (rc == SQLITE_OK || rc == SQLITE_IOERR_DELETE_NOENT) shim().files.erase(name);  // durable at once
  return rc;
}

int vfs_access(sqlite3_vfs*, const char* name, int flags, int* result) {
  return shim().real->xAccess(shim().real, name, flags, result);
}
int vfs_full_pathname(sqlite3_vfs*, const char* name, int size, char* out) {
  return shim().real->xFullPathname(shim().real, name, size, out);
}
void* vfs_dl_open(sqlite3_vfs*, const char* name) { return shim().real->xDlOpen(shim().real, name); }
void vfs_dl_error(sqlite3_vfs*, int size, char* out) { shim().real->xDlError(shim().real, size, out); }
void (*vfs_dl_sym(sqlite3_vfs*, void* handle, const char* symbol))(void) {
  return shim().real->xDlSym(shim().real, handle, symbol);
}
void vfs_dl_close(sqlite3_vfs*, void* handle) { shim().real->xDlClose(shim().real, handle); }
int vfs_randomness(sqlite3_vfs*, int size, char* out) { return shim().real->xRandomness(shim().real, size, out); }
int vfs_sleep(sqlite3_vfs*, int microseconds) { return shim().real->xSleep(shim().real, microseconds); }
int vfs_current_time(sqlite3_vfs*, double* now) { return shim().real->xCurrentTime(shim().real, now); }
int vfs_get_last_error(sqlite3_vfs*, int size, char* out) {
  return shim().real->xGetLastError != nullptr ? shim().real->xGetLastError(shim().real, size, out) : 0;
}
int vfs_current_time_int64(sqlite3_vfs*, sqlite3_int64* now) {
  return shim().real->xCurrentTimeInt64(shim().real, now);
}

void write_whole_file(const std::string& path, const std::string& content) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) std::_Exit(90);
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n <= 0) std::_Exit(91);
    done += static_cast<std::size_t>(n);
  }
  ::close(fd);
}

}  // namespace

void install(Settings settings) {
  Shim& s = shim();
  s.settings = std::move(settings);
  s.real = sqlite3_vfs_find(nullptr);
  s.vfs.iVersion = 2;
  s.vfs.szOsFile = static_cast<int>(sizeof(ShimFile)) + s.real->szOsFile;
  s.vfs.mxPathname = s.real->mxPathname;
  s.vfs.zName = "power-loss";
  s.vfs.xOpen = vfs_open;
  s.vfs.xDelete = vfs_delete;
  s.vfs.xAccess = vfs_access;
  s.vfs.xFullPathname = vfs_full_pathname;
  s.vfs.xDlOpen = vfs_dl_open;
  s.vfs.xDlError = vfs_dl_error;
  s.vfs.xDlSym = vfs_dl_sym;
  s.vfs.xDlClose = vfs_dl_close;
  s.vfs.xRandomness = vfs_randomness;
  s.vfs.xSleep = vfs_sleep;
  s.vfs.xCurrentTime = vfs_current_time;
  s.vfs.xGetLastError = vfs_get_last_error;
  s.vfs.xCurrentTimeInt64 = vfs_current_time_int64;
  if (sqlite3_vfs_register(&s.vfs, /*makeDefault=*/1) != SQLITE_OK) std::_Exit(92);
}

void cut_now() {
  Shim& s = shim();
  std::mt19937 random(s.settings.seed);
  std::bernoulli_distribution keep(0.5);
  for (const auto& [path, state] : s.files) {
    if (state->is_database) ::unlink((path + "-shm").c_str());
    if (!state->durable) {
      ::unlink(path.c_str());
      continue;
    }
    std::string content = state->synced;
    for (const Pending& change : state->pending)
      if (s.settings.keep_some_unsynced && keep(random)) apply(content, change);
    write_whole_file(path, content);
  }
  if (s.settings.after_cut) s.settings.after_cut();
  std::_Exit(93);  // after_cut must not return; if it does, the process still ends here
}

std::uint64_t operations() { return shim().operations; }

}  // namespace power_loss
