#pragma once

// Small text helpers shared by the parsers of names given by people
// (statuses, engine names): one definition of "blank" and of case folding.

#include <string>
#include <string_view>

namespace managers::domain {

// `text` without leading and trailing whitespace (std::isspace in the C locale).
std::string_view trim(std::string_view text);
// ASCII lower case.
std::string to_lower(std::string_view text);
// Equal after ASCII case folding.
bool equals_ignoring_case(std::string_view a, std::string_view b);

}  // namespace managers::domain
