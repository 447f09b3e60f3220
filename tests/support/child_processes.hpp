#pragma once

// Forked child processes for the multi-process tests. A child never returns into
// the test framework: it runs its body and leaves with _exit.

#include <functional>
#include <vector>

namespace testing_support {

// Forks `count` children that start `body(index)` together (a pipe the parent
// closes releases them at once) and returns their exit codes in index order
// (128 + signal for a child that was killed). An exception escaping a body is
// printed to stderr and exits that child with 2.
std::vector<int> run_children(int count, const std::function<int(int)>& body);

}  // namespace testing_support
