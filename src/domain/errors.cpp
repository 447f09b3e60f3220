#include "managers/errors.hpp"

namespace managers {

ValidationError::ValidationError(std::string field, std::string rule)
    : OrderManagerError(field + ": " + rule), field_(std::move(field)), rule_(std::move(rule)) {}

StorageError::StorageError(std::string backend, std::string code, std::string backend_message)
    : OrderManagerError(backend + " storage error " + code + ": " + backend_message),
      backend_(std::move(backend)),
      code_(std::move(code)),
      backend_message_(std::move(backend_message)) {}

}  // namespace managers
