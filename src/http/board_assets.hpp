#pragma once

#include <string_view>
#include <vector>

namespace order_http {

// The board's files (src/http/board/), embedded at build time by
// cmake/EmbedBoardAssets.cmake: the page is served by the binary, no build step.
struct BoardAsset {
  std::string_view path;          // "/", "/board.css", "/board.js"
  std::string_view content_type;  // "text/html; charset=utf-8", ...
  std::string_view content;
};

const std::vector<BoardAsset>& board_assets();

}  // namespace order_http
