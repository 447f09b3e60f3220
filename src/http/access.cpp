#include "http/access.hpp"

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace order_http {

std::string_view role_name(Role role) {
  switch (role) {
    case Role::kPublic: return "public";
    case Role::kStaff: return "staff";
    case Role::kAdmin: return "admin";
  }
  return "public";
}

bool role_allows(Role held, Role needed) { return static_cast<int>(held) >= static_cast<int>(needed); }

TokenTable::Digest TokenTable::digest_of(std::string_view token) {
  Digest digest{};
  SHA256(reinterpret_cast<const unsigned char*>(token.data()), token.size(), digest.data());
  return digest;
}

TokenTable TokenTable::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read tokens file " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str(), path);
}

TokenTable TokenTable::parse(std::string_view text, const std::string& source_name) {
  constexpr std::size_t kMinTokenLength = 16;
  TokenTable table;
  std::size_t line_number = 0;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const auto fail = [&](const std::string& rule) {
      throw std::runtime_error(source_name + " line " + std::to_string(line_number) + ": " + rule);
    };
    const std::size_t first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos || line[first] == '#') continue;
    line = line.substr(first);
    const std::size_t gap = line.find_first_of(" \t");
    if (gap == std::string_view::npos) fail("expected 'role token' (role staff or admin)");
    const std::string_view role_text = line.substr(0, gap);
    std::string_view token = line.substr(gap);
    token.remove_prefix(std::min(token.find_first_not_of(" \t"), token.size()));
    while (!token.empty() && (token.back() == ' ' || token.back() == '\t')) token.remove_suffix(1);
    Role role = Role::kStaff;
    if (role_text == "staff")
      role = Role::kStaff;
    else if (role_text == "admin")
      role = Role::kAdmin;
    else
      fail("role must be 'staff' or 'admin'");
    if (token.size() < kMinTokenLength) fail("the token must be at least 16 characters");
    for (const char c : token)
      if (c <= ' ' || c > '~') fail("the token must be printable ASCII without spaces");
    const Digest digest = digest_of(token);
    for (const Entry& entry : table.entries_)
      if (entry.digest == digest) fail("this token is already listed");
    table.entries_.push_back({role, digest});
  }
  if (table.entries_.empty()) throw std::runtime_error(source_name + ": no tokens (expected 'role token' lines)");
  return table;
}

std::optional<Role> TokenTable::role_of(std::string_view token) const {
  const Digest digest = digest_of(token);
  std::optional<Role> found;
  // Every entry is compared, matching or not, in constant time.
  for (const Entry& entry : entries_)
    if (CRYPTO_memcmp(entry.digest.data(), digest.data(), digest.size()) == 0) found = entry.role;
  return found;
}

}  // namespace order_http
