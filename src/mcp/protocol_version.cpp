#include "mcp/protocol_version.hpp"

namespace mcp {

std::string_view negotiate_protocol_version(std::string_view requested) {
  for (const std::string_view version : kSupportedProtocolVersions)
    if (version == requested) return version;
  return kSupportedProtocolVersions.front();
}

}  // namespace mcp
