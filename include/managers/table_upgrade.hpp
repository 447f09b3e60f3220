#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace managers {

// What an in-place upgrade of a store (OrderManagerDynamoDB::upgrade_table) is doing, for a
// progress display: step `step` of `steps` is `what`; within it `done` of `total` units
// (`unit`, e.g. "orders"), when the step counts anything.
struct UpgradeProgress {
  int step = 0;
  int steps = 0;
  std::string what;
  std::string unit;
  std::int64_t done = 0;
  std::optional<std::int64_t> total;
};
using UpgradeProgressHandler = std::function<void(const UpgradeProgress&)>;

}  // namespace managers
