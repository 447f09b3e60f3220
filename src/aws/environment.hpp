#pragma once

// Reading the process environment the way the AWS SDKs do: an empty variable counts as unset.

#include <optional>
#include <string>

namespace aws {

std::optional<std::string> get_env(const char* name);
// True when the variable is "true" (any case), as for AWS_EC2_METADATA_DISABLED.
bool env_flag(const char* name);

}  // namespace aws
