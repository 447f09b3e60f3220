#include "mcp/line_reader.hpp"

#include <unistd.h>

#include <array>
#include <cerrno>

namespace mcp {
namespace {

constexpr std::size_t kChunkBytes = 64 * 1024;

InputLine line_of(std::string text) {
  if (!text.empty() && text.back() == '\r') text.pop_back();
  InputLine line;
  line.kind = InputLine::Kind::kLine;
  line.bytes = text.size();
  line.text = std::move(text);
  return line;
}

}  // namespace

LineReader::LineReader(int fd, std::size_t max_line_bytes) : fd_(fd), max_line_bytes_(max_line_bytes) {}

bool LineReader::fill() {
  if (at_end_) return false;
  std::array<char, kChunkBytes> chunk{};
  for (;;) {
    const ssize_t count = ::read(fd_, chunk.data(), chunk.size());
    if (count > 0) {
      buffer_.append(chunk.data(), static_cast<std::size_t>(count));
      return true;
    }
    if (count < 0 && errno == EINTR) continue;
    at_end_ = true;
    return false;
  }
}

InputLine LineReader::next() {
  std::size_t searched = 0;
  for (;;) {
    const std::size_t newline = buffer_.find('\n', searched);
    if (newline != std::string::npos) {
      if (newline > max_line_bytes_) {
        buffer_.erase(0, newline + 1);
        return {InputLine::Kind::kTooLong, "", newline};
      }
      InputLine line = line_of(buffer_.substr(0, newline));
      buffer_.erase(0, newline + 1);
      return line;
    }
    if (buffer_.size() > max_line_bytes_) {
      // Too long already: drop what we have and everything up to the next newline.
      std::size_t dropped = buffer_.size();
      buffer_.clear();
      for (;;) {
        if (!fill()) return {InputLine::Kind::kTooLong, "", dropped};
        const std::size_t end = buffer_.find('\n');
        if (end != std::string::npos) {
          dropped += end;
          buffer_.erase(0, end + 1);
          return {InputLine::Kind::kTooLong, "", dropped};
        }
        dropped += buffer_.size();
        buffer_.clear();
      }
    }
    searched = buffer_.size();
    if (!fill()) {
      if (buffer_.empty()) return {};
      // A last message without its newline still counts.
      InputLine line = line_of(std::move(buffer_));
      buffer_.clear();
      return line;
    }
  }
}

}  // namespace mcp
