#pragma once

#include <string_view>

namespace agent {

// Who the agent acts for. Each role sees its own tools plus those of the roles below it:
// a customer's, then staff's, then admin's. A role limits what a session can do; it is not
// authentication (the agent host decides who is behind a session and starts the server with
// the matching role).
enum class Role { kCustomer, kStaff, kAdmin };

// "customer", "staff", "admin".
std::string_view to_string(Role role);
// Accepts those names in any case; anything else throws managers::ValidationError naming
// `field` and the accepted values.
Role parse_role(std::string_view text, std::string_view field = "--role");
// True when a session of `session` may use a tool meant for `needed` and up.
constexpr bool role_allows(Role session, Role needed) { return static_cast<int>(session) >= static_cast<int>(needed); }

}  // namespace agent
