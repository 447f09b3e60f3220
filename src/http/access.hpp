#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace order_http {

// Who may call a route. Staff read and move orders; admin may also delete
// orders and see statistics. kPublic routes (the board's static files, the
// OpenAPI document) need no token.
enum class Role { kPublic, kStaff, kAdmin };

std::string_view role_name(Role role);
// True if a caller with `held` may call a route that needs `needed`.
bool role_allows(Role held, Role needed);

// The bearer tokens of a tokens file: one `role token` per line (role `staff`
// or `admin`), blank lines and `#` comments ignored. Only SHA-256 digests of
// the tokens are kept, and a presented token is compared with every one of
// them in constant time, so neither the comparison nor a memory dump gives a
// token away.
class TokenTable {
 public:
  // Throws std::runtime_error naming the file, the line and the rule broken
  // (never the token itself): unknown role, missing or short token (< 16
  // characters), characters outside printable ASCII, a token listed twice, no
  // token at all.
  static TokenTable load(const std::string& path);
  static TokenTable parse(std::string_view text, const std::string& source_name);

  // The role of the presented token, or nullopt.
  std::optional<Role> role_of(std::string_view token) const;
  std::size_t size() const { return entries_.size(); }

 private:
  using Digest = std::array<unsigned char, 32>;
  struct Entry {
    Role role;
    Digest digest;
  };
  static Digest digest_of(std::string_view token);
  std::vector<Entry> entries_;
};

}  // namespace order_http
