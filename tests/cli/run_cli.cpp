#include "cli/run_cli.hpp"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace testing_support {
namespace {

void check(int result, const char* what) {
  if (result != 0) throw std::runtime_error(std::string(what) + ": " + std::strerror(result));
}

struct Pipe {
  int read = -1;
  int write = -1;
  Pipe() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
    read = fds[0];
    write = fds[1];
  }
  ~Pipe() {
    close_read();
    close_write();
  }
  void close_read() {
    if (read >= 0) ::close(read);
    read = -1;
  }
  void close_write() {
    if (write >= 0) ::close(write);
    write = -1;
  }
};

std::vector<std::string> child_environment(const CliRun& run) {
  std::map<std::string, std::string> variables;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string text = *entry;
    const auto equals = text.find('=');
    if (equals != std::string::npos) variables[text.substr(0, equals)] = text.substr(equals + 1);
  }
  for (const char* name : {"ORDER_MANAGER_TYPE", "ORDER_DB_PATH", "ORDER_TABLE_NAME"}) variables.erase(name);
  for (const auto& [name, value] : run.env) {
    if (value)
      variables[name] = *value;
    else
      variables.erase(name);
  }
  std::vector<std::string> result;
  for (const auto& [name, value] : variables) result.push_back(name + "=" + value);
  return result;
}

}  // namespace

CliResult run_cli(const CliRun& run) {
  Pipe in, out, err;
  posix_spawn_file_actions_t actions;
  check(posix_spawn_file_actions_init(&actions), "posix_spawn_file_actions_init");
  check(posix_spawn_file_actions_adddup2(&actions, in.read, STDIN_FILENO), "adddup2");
  check(posix_spawn_file_actions_adddup2(&actions, out.write, STDOUT_FILENO), "adddup2");
  check(posix_spawn_file_actions_adddup2(&actions, err.write, STDERR_FILENO), "adddup2");
  if (!run.cwd.empty()) check(posix_spawn_file_actions_addchdir_np(&actions, run.cwd.c_str()), "addchdir");

  std::vector<std::string> args = run.args;
  args.insert(args.begin(), ORDER_MANAGER_CLI);
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  std::vector<std::string> environment = child_environment(run);
  std::vector<char*> envp;
  for (std::string& entry : environment) envp.push_back(entry.data());
  envp.push_back(nullptr);

  pid_t pid = -1;
  const int spawned = posix_spawn(&pid, ORDER_MANAGER_CLI, &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  check(spawned, "posix_spawn " ORDER_MANAGER_CLI);
  in.close_read();
  out.close_write();
  err.close_write();

  // Feed stdin and drain stdout/stderr together, so no pipe fills up and blocks the child.
  CliResult result;
  std::size_t written = 0;
  if (run.input.empty()) in.close_write();
  std::signal(SIGPIPE, SIG_IGN);
  while (out.read >= 0 || err.read >= 0) {
    std::vector<pollfd> fds;
    if (out.read >= 0) fds.push_back({out.read, POLLIN, 0});
    if (err.read >= 0) fds.push_back({err.read, POLLIN, 0});
    if (in.write >= 0) fds.push_back({in.write, POLLOUT, 0});
    if (::poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error(std::string("poll: ") + std::strerror(errno));
    }
    for (const pollfd& fd : fds) {
      if (fd.revents == 0) continue;
      if (fd.fd == in.write) {
        const ssize_t n = ::write(in.write, run.input.data() + written, run.input.size() - written);
        if (n > 0) written += static_cast<std::size_t>(n);
        if (n < 0 || written == run.input.size()) in.close_write();
        continue;
      }
      char buffer[65536];
      const ssize_t n = ::read(fd.fd, buffer, sizeof buffer);
      if (n > 0) {
        (fd.fd == out.read ? result.out : result.err).append(buffer, static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        (fd.fd == out.read ? out : err).close_read();
      }
    }
  }
  in.close_write();

  int status = 0;
  while (::waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) throw std::runtime_error(std::string("waitpid: ") + std::strerror(errno));
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace testing_support
