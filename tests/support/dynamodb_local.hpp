#pragma once

// DynamoDB Local (the Java jar) for integration tests: started on a free loopback port, waited for
// with a bounded deadline, stopped in the destructor.
//
// The jar comes from scripts/fetch-dynamodb-local.sh; its folder is the compile definition
// DYNAMODB_LOCAL_DIR, overridable at run time by the environment variable of the same name.
// Tests connect through endpoint() ("http://127.0.0.1:PORT") with any credentials, e.g.
// "AKIDEXAMPLE" / "secret" (DynamoDB Local checks the signature's form, not the keys).
//
// Lifetime safety: java runs under a small watchdog process that holds the read end of a pipe
// whose write end only this process holds. When this process ends for any reason (even a crash),
// the pipe closes and the watchdog kills java's whole process group, so no server outlives a test.

#include <sys/types.h>

#include <filesystem>
#include <string>

namespace testing_support {

class DynamoDbLocal {
 public:
  // Starts the server and waits until it accepts connections. Throws std::runtime_error with a clear
  // message if the jar is missing (pointing at scripts/fetch-dynamodb-local.sh), java is missing,
  // or the server does not come up in time (with the tail of its output).
  DynamoDbLocal();
  ~DynamoDbLocal();
  DynamoDbLocal(const DynamoDbLocal&) = delete;
  DynamoDbLocal& operator=(const DynamoDbLocal&) = delete;

  const std::string& endpoint() const { return endpoint_; }
  int port() const { return port_; }

 private:
  bool try_start(int port, std::string& failure);
  void stop();

  pid_t watchdog_pid_ = -1;
  int lifeline_fd_ = -1;  // write end of the lifeline pipe
  int port_ = 0;
  std::string endpoint_;
  std::filesystem::path log_path_;
};

// One server per test process, started on first use and stopped at exit. Test cases sharing it
// should use their own table names.
DynamoDbLocal& shared_dynamodb_local();

// The folder holding DynamoDBLocal.jar (env DYNAMODB_LOCAL_DIR, else the compile-time default).
std::filesystem::path dynamodb_local_dir();

// A free TCP port on 127.0.0.1 (bind to port 0, read it back, release it).
int free_loopback_port();

}  // namespace testing_support
