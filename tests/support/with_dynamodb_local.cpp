// with_dynamodb_local COMMAND [ARGS...]: runs COMMAND with DynamoDB Local up on a free
// 127.0.0.1 port, for test suites not written in C++ (Python, Node.js) that need the real
// server. The child sees AWS_ENDPOINT_URL_DYNAMODB pointing at it, dummy credentials and a
// region (DynamoDB Local checks the signature's form, not the keys); the server stops when
// the command ends (or when this process dies: DynamoDbLocal's watchdog). Exits with the
// command's exit code (128 + signal if it was killed).
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <stdexcept>

#include "support/dynamodb_local.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: with_dynamodb_local COMMAND [ARGS...]\n");
    return 2;
  }
  try {
    testing_support::DynamoDbLocal server;
    ::setenv("AWS_ENDPOINT_URL_DYNAMODB", server.endpoint().c_str(), 1);
    ::setenv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", 1);
    ::setenv("AWS_SECRET_ACCESS_KEY", "dummy-secret-for-dynamodb-local", 1);
    ::unsetenv("AWS_SESSION_TOKEN");
    ::unsetenv("AWS_PROFILE");
    if (std::getenv("AWS_REGION") == nullptr) ::setenv("AWS_REGION", "us-east-1", 1);
    std::fflush(nullptr);
    const pid_t child = ::fork();
    if (child < 0) throw std::runtime_error("fork failed");
    if (child == 0) {
      ::execvp(argv[1], argv + 1);
      std::perror(argv[1]);
      ::_exit(127);
    }
    int status = 0;
    while (::waitpid(child, &status, 0) < 0) {
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "with_dynamodb_local: %s\n", error.what());
    return 3;
  }
}
