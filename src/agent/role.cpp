#include "agent/role.hpp"

#include <string>

#include "domain/printable_text.hpp"
#include "managers/errors.hpp"

namespace agent {

std::string_view to_string(Role role) {
  switch (role) {
    case Role::kCustomer: return "customer";
    case Role::kStaff: return "staff";
    case Role::kAdmin: return "admin";
  }
  return "customer";
}

Role parse_role(std::string_view text, std::string_view field) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  for (const Role role : {Role::kCustomer, Role::kStaff, Role::kAdmin})
    if (lower == to_string(role)) return role;
  throw managers::ValidationError(std::string(field), "must be customer, staff or admin, not " +
                                                          managers::domain::quote_input(text));
}

}  // namespace agent
