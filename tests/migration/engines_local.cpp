#include "migration/stores.hpp"

std::vector<std::string> testing_support::engines_under_test() { return {"sqlite", "memory"}; }
