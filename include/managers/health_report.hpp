#pragma once

#include <string>
#include <vector>

namespace managers {

// What `order-manager check` prints: facts about the resolved configuration
// (never a secret) and each problem found with how to fix it.
struct HealthReport {
  struct Problem {
    std::string what;
    std::string fix;
  };
  std::vector<std::string> facts;  // e.g. "region: us-east-1 (from AWS_REGION)"
  std::vector<Problem> problems;

  bool ok() const { return problems.empty(); }
};

}  // namespace managers
