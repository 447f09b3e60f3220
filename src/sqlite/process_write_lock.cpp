#include "sqlite/process_write_lock.hpp"

#include <pthread.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <system_error>

#include "sqlite/connection.hpp"

namespace managers::sqlite {
namespace {

// The locks of the process by file. A child forked while a thread of its parent held a lock must
// not inherit it held (no thread of the child would ever release it), so each lock belongs to the
// process that made it and a child makes its own; the registry's mutex is held across fork() so
// the child never inherits it locked.
struct Registry {
  std::mutex mutex;
  std::map<std::string, std::weak_ptr<ProcessWriteLock>> locks;
};

Registry& registry() {
  static Registry* const instance = [] {
    auto* made = new Registry();  // never destroyed: forked children and exit handlers may still look
    pthread_atfork([] { registry().mutex.lock(); }, [] { registry().mutex.unlock(); },
                   [] { registry().mutex.unlock(); });
    return made;
  }();
  return *instance;
}

}  // namespace

ProcessWriteLock::ProcessWriteLock() : maker_(getpid()) {}

std::shared_ptr<ProcessWriteLock> ProcessWriteLock::for_file(const std::string& path) {
  if (is_in_memory(path)) return std::make_shared<ProcessWriteLock>();
  // "db.sqlite" and "./db.sqlite" are one file, so one lock.
  std::error_code error;
  const std::filesystem::path canonical = std::filesystem::weakly_canonical(path, error);
  const std::string key = error ? path : canonical.string();

  Registry& known = registry();
  std::lock_guard lock(known.mutex);
  for (auto entry = known.locks.begin(); entry != known.locks.end();) {  // forget files no one has open
    if (entry->second.expired()) {
      entry = known.locks.erase(entry);
    } else {
      ++entry;
    }
  }
  std::shared_ptr<ProcessWriteLock> found = known.locks[key].lock();
  if (!found || found->maker_ != getpid()) {
    found = std::make_shared<ProcessWriteLock>();
    known.locks[key] = found;
  }
  return found;
}

}  // namespace managers::sqlite
