#include "support/dynamodb_local.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <thread>
#include <vector>

#ifndef DYNAMODB_LOCAL_DIR
#define DYNAMODB_LOCAL_DIR ""
#endif

namespace testing_support {

namespace {

constexpr auto kStartupDeadline = std::chrono::seconds(90);

bool can_connect(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return ok;
}

std::string tail_of(const std::filesystem::path& path, std::size_t max_chars = 2000) {
  std::ifstream in(path);
  std::ostringstream out;
  out << in.rdbuf();
  std::string text = out.str();
  if (text.size() > max_chars) text = "..." + text.substr(text.size() - max_chars);
  return text;
}

std::string java_binary() {
  if (const char* home = std::getenv("JAVA_HOME"); home != nullptr && *home != '\0') {
    const std::filesystem::path candidate = std::filesystem::path(home) / "bin" / "java";
    if (std::filesystem::exists(candidate)) return candidate.string();
  }
  return "java";
}

// Runs in the forked watchdog: only async-signal-safe calls from here on (the parent may have threads).
[[noreturn]] void run_watchdog(int lifeline_read, int log_fd, char* const argv[], char* const envp[]) {
  ::setpgid(0, 0);  // java joins this group, so one kill(-pgid) stops everything
  const pid_t java = ::fork();
  if (java < 0) ::_exit(126);
  if (java == 0) {
    ::close(lifeline_read);
    ::dup2(log_fd, STDOUT_FILENO);
    ::dup2(log_fd, STDERR_FILENO);
    const int devnull = ::open("/dev/null", O_RDONLY);
    if (devnull >= 0) ::dup2(devnull, STDIN_FILENO);
    ::execvpe(argv[0], argv, envp);
    ::_exit(127);
  }
  for (;;) {
    int status = 0;
    if (::waitpid(java, &status, WNOHANG) == java) ::_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 125);
    pollfd pfd{lifeline_read, POLLIN, 0};
    const int ready = ::poll(&pfd, 1, 200);
    if (ready > 0) {
      char byte;
      if (::read(lifeline_read, &byte, 1) <= 0) break;  // EOF: the test process is done (or died)
    }
  }
  ::kill(java, SIGTERM);
  for (int i = 0; i < 50; ++i) {  // up to ~5 s for a clean exit
    int status = 0;
    if (::waitpid(java, &status, WNOHANG) == java) ::_exit(0);
    pollfd none{-1, 0, 0};
    ::poll(&none, 0, 100);
  }
  ::kill(-::getpgrp(), SIGKILL);
  ::_exit(0);
}

}  // namespace

std::filesystem::path dynamodb_local_dir() {
  if (const char* dir = std::getenv("DYNAMODB_LOCAL_DIR"); dir != nullptr && *dir != '\0') return dir;
  return DYNAMODB_LOCAL_DIR;
}

int free_loopback_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error("socket() failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = 0;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    ::close(fd);
    throw std::runtime_error("cannot bind a loopback port");
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

DynamoDbLocal::DynamoDbLocal() {
  const std::filesystem::path dir = dynamodb_local_dir();
  if (!std::filesystem::exists(dir / "DynamoDBLocal.jar")) {
    throw std::runtime_error("DynamoDB Local not found: no DynamoDBLocal.jar in '" + dir.string() +
                             "'. Run scripts/fetch-dynamodb-local.sh (or set DYNAMODB_LOCAL_DIR to the folder "
                             "holding DynamoDBLocal.jar and DynamoDBLocal_lib).");
  }
  std::string failures;
  // A port picked free can be taken before java binds it; then java exits and we try another.
  for (int attempt = 1; attempt <= 3; ++attempt) {
    std::string failure;
    if (try_start(free_loopback_port(), failure)) return;
    failures += "\n  attempt " + std::to_string(attempt) + ": " + failure;
    if (failure.rfind("could not run", 0) == 0) break;  // a port change will not bring java back
  }
  throw std::runtime_error("DynamoDB Local did not start:" + failures);
}

bool DynamoDbLocal::try_start(int port, std::string& failure) {
  const std::filesystem::path dir = dynamodb_local_dir();
  std::string log_template = (std::filesystem::temp_directory_path() / "dynamodb-local-XXXXXX.log").string();
  const int log_fd = ::mkstemps(log_template.data(), 4);
  if (log_fd < 0) throw std::runtime_error("cannot create a log file for DynamoDB Local");
  log_path_ = log_template;

  // Everything the child needs is built before fork().
  std::vector<std::string> args = {java_binary(),
                                   "-Djava.library.path=" + (dir / "DynamoDBLocal_lib").string(),
                                   // IPv4 sockets, which the preloaded bind() keeps on 127.0.0.1.
                                   "-Djava.net.preferIPv4Stack=true",
                                   "-jar",
                                   (dir / "DynamoDBLocal.jar").string(),
                                   "-inMemory",
                                   "-port",
                                   std::to_string(port)};
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);

  // DynamoDB Local has no listen-address option: a preloaded bind() keeps it on
  // loopback (loopback_bind.cpp). The rest of the environment passes through.
  std::vector<std::string> environment = {std::string("LD_PRELOAD=") + LOOPBACK_BIND_LIBRARY};
  for (char** entry = environ; *entry != nullptr; ++entry)
    if (std::string_view(*entry).rfind("LD_PRELOAD=", 0) != 0) environment.emplace_back(*entry);
  std::vector<char*> envp;
  for (auto& entry : environment) envp.push_back(entry.data());
  envp.push_back(nullptr);

  int lifeline[2];
  if (::pipe2(lifeline, O_CLOEXEC) != 0) {
    ::close(log_fd);
    throw std::runtime_error("pipe2 failed");
  }
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(log_fd);
    ::close(lifeline[0]);
    ::close(lifeline[1]);
    throw std::runtime_error("fork failed");
  }
  if (pid == 0) {
    ::close(lifeline[1]);
    run_watchdog(lifeline[0], log_fd, argv.data(), envp.data());
  }
  ::close(lifeline[0]);
  ::close(log_fd);
  watchdog_pid_ = pid;
  lifeline_fd_ = lifeline[1];
  port_ = port;

  const auto deadline = std::chrono::steady_clock::now() + kStartupDeadline;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(watchdog_pid_, &status, WNOHANG) == watchdog_pid_) {
      watchdog_pid_ = -1;
      ::close(lifeline_fd_);
      lifeline_fd_ = -1;
      const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      failure = code == 127 ? "could not run '" + args[0] +
                                  "' (install Java 17: scripts/fetch-dynamodb-local.sh does it on Debian)"
                            : "java exited early (status " + std::to_string(code) + "). Output:\n" + tail_of(log_path_);
      std::filesystem::remove(log_path_);
      return false;
    }
    if (can_connect(port)) {
      endpoint_ = "http://127.0.0.1:" + std::to_string(port);
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // polling interval, bounded by the deadline
  }
  failure = "no answer on port " + std::to_string(port) + " within " +
            std::to_string(kStartupDeadline.count()) + " s. Output:\n" + tail_of(log_path_);
  stop();
  return false;
}

void DynamoDbLocal::stop() {
  if (lifeline_fd_ >= 0) {
    ::close(lifeline_fd_);  // the watchdog sees EOF and stops java
    lifeline_fd_ = -1;
  }
  if (watchdog_pid_ > 0) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    int status = 0;
    while (::waitpid(watchdog_pid_, &status, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() > deadline) {
        ::kill(-watchdog_pid_, SIGKILL);
        ::waitpid(watchdog_pid_, &status, 0);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    watchdog_pid_ = -1;
  }
  if (!log_path_.empty()) {
    std::error_code ignored;
    std::filesystem::remove(log_path_, ignored);
    log_path_.clear();
  }
}

DynamoDbLocal::~DynamoDbLocal() { stop(); }

DynamoDbLocal& shared_dynamodb_local() {
  // Function-local static: started once, thread-safe, stopped by static destruction at exit.
  static DynamoDbLocal instance;
  return instance;
}

}  // namespace testing_support
