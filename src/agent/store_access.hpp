#pragma once

#include <functional>
#include <memory>

#include "managers/order_manager_interface.hpp"

namespace agent {

// The store the tools work on, opened at the first tool call rather than at start-up: an MCP
// client starts the server when the user's session starts, and a store that is down then
// (DynamoDB unreachable) should give the model a "try again later" per call, not a server that
// fails to start. A failed open is retried at the next call.
class StoreAccess {
 public:
  using Opener = std::function<std::unique_ptr<managers::OrderManagerInterface>()>;

  explicit StoreAccess(Opener open) : open_(std::move(open)) {}
  // A store owned by the caller (tests, an embedding program).
  explicit StoreAccess(managers::OrderManagerInterface& store) : store_(&store) {}

  // Opens the store if it is not open; throws what the opener throws.
  managers::OrderManagerInterface& get() {
    if (store_ == nullptr) {
      owned_ = open_();
      store_ = owned_.get();
    }
    return *store_;
  }

 private:
  Opener open_;
  std::unique_ptr<managers::OrderManagerInterface> owned_;
  managers::OrderManagerInterface* store_ = nullptr;
};

}  // namespace agent
