#include "sqlite/write_queue.hpp"

#include <pthread.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <system_error>

namespace managers::sqlite {

WriteQueue::WriteQueue() : maker_(getpid()) {}

WriteQueue::Turn::~Turn() {
  if (queue_ != nullptr) queue_->finish_turn();
}

namespace {

// The queues of the process by file. A child forked while a thread of its parent held a turn must
// not inherit that turn (no thread of the child would ever finish it), so each queue belongs to
// the process that made it and a child makes its own; the registry's mutex is held across fork()
// so the child never inherits it locked.
struct Registry {
  std::mutex mutex;
  std::map<std::string, std::weak_ptr<WriteQueue>> queues;
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

std::shared_ptr<WriteQueue> WriteQueue::for_file(const std::string& path) {
  if (path.empty() || path == ":memory:") return std::make_shared<WriteQueue>();
  // "db.sqlite" and "./db.sqlite" are one file, so one queue.
  std::error_code error;
  const std::filesystem::path canonical = std::filesystem::weakly_canonical(path, error);
  const std::string key = error ? path : canonical.string();

  Registry& known = registry();
  std::lock_guard lock(known.mutex);
  for (auto entry = known.queues.begin(); entry != known.queues.end();) {  // forget files no one has open
    if (entry->second.expired()) {
      entry = known.queues.erase(entry);
    } else {
      ++entry;
    }
  }
  std::shared_ptr<WriteQueue> queue = known.queues[key].lock();
  if (!queue || queue->maker_ != getpid()) {
    queue = std::make_shared<WriteQueue>();
    known.queues[key] = queue;
  }
  return queue;
}

WriteQueue::Turn WriteQueue::wait_for_turn() {
  std::unique_lock lock(mutex_);
  const std::uint64_t ticket = next_ticket_++;
  turn_finished_.wait(lock, [&] { return now_serving_ == ticket; });
  return Turn(*this);
}

std::uint64_t WriteQueue::threads_in_line() {
  std::lock_guard lock(mutex_);
  return next_ticket_ - now_serving_;
}

void WriteQueue::finish_turn() {
  {
    std::lock_guard lock(mutex_);
    ++now_serving_;
  }
  turn_finished_.notify_all();
}

}  // namespace managers::sqlite
