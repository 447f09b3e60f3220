#pragma once

#include <array>
#include <string_view>

namespace mcp {

// The MCP revisions this server speaks, newest first. 2025-11-25 is also the newest the
// official TypeScript SDK's client offers (LATEST_PROTOCOL_VERSION of @modelcontextprotocol/sdk
// 1.x, pinned in tests/mcp/package.json). Older revisions lack structuredContent and
// outputSchema, which every tool result here relies on, so they are not offered.
inline constexpr std::array<std::string_view, 2> kSupportedProtocolVersions = {"2025-11-25", "2025-06-18"};

// The lifecycle's negotiation: the client's version when supported, else our newest (the
// client then decides whether it can go on).
std::string_view negotiate_protocol_version(std::string_view requested);

}  // namespace mcp
