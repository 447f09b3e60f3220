#pragma once

#include <stdexcept>
#include <string>

namespace managers {

// Every exception the library throws derives from OrderManagerError, so a caller
// can catch one type. The library never prints; callers decide what to show.
class OrderManagerError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Input broke a documented rule. Nothing was written. `field()` names the input
// ("items[1].quantity"), `rule()` states what it must satisfy.
class ValidationError : public OrderManagerError {
 public:
  ValidationError(std::string field, std::string rule);
  const std::string& field() const noexcept { return field_; }
  const std::string& rule() const noexcept { return rule_; }

 private:
  std::string field_;
  std::string rule_;
};

// The storage engine itself failed: disk full, database locked past the busy
// timeout, a corrupt file, a DynamoDB service error, a network fault that
// survived the retries. `backend()` is "sqlite" or "dynamodb"; `code()` is the
// engine's own code (e.g. "SQLITE_BUSY", "ProvisionedThroughputExceededException").
class StorageError : public OrderManagerError {
 public:
  StorageError(std::string backend, std::string code, std::string backend_message);
  const std::string& backend() const noexcept { return backend_; }
  const std::string& code() const noexcept { return code_; }
  const std::string& backend_message() const noexcept { return backend_message_; }

 private:
  std::string backend_;
  std::string code_;
  std::string backend_message_;
};

// The manager could not be set up as asked: an unknown ORDER_MANAGER_TYPE, an
// existing DynamoDB table whose keys differ, a database file of a newer schema.
class ConfigurationError : public OrderManagerError {
 public:
  using OrderManagerError::OrderManagerError;
};

}  // namespace managers
