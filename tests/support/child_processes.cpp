#include "support/child_processes.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <exception>
#include <stdexcept>

namespace testing_support {

std::vector<int> run_children(int count, const std::function<int(int)>& body) {
  int gate[2];
  if (pipe(gate) != 0) throw std::runtime_error("pipe failed");
  std::fflush(nullptr);  // so no child writes out the parent's buffered output again
  std::vector<pid_t> children;
  for (int c = 0; c < count; ++c) {
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
      close(gate[1]);
      char byte = 0;
      while (read(gate[0], &byte, 1) < 0 && errno == EINTR) {
      }
      int code = 2;
      try {
        code = body(c);
      } catch (const std::exception& error) {
        std::fprintf(stderr, "child %d: %s\n", c, error.what());
      }
      std::fflush(nullptr);
      _exit(code);
    }
    children.push_back(pid);
  }
  close(gate[0]);
  close(gate[1]);  // go
  std::vector<int> codes;
  for (const pid_t pid : children) {
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    codes.push_back(WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
  }
  return codes;
}

}  // namespace testing_support
