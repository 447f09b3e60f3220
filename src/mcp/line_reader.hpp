#pragma once

#include <cstddef>
#include <string>

namespace mcp {

// One message of the stdio transport: a line (its newline, and a CR before it, removed), a
// line that was longer than the limit (its bytes were read and dropped, so the next line is
// read normally), or the end of the input.
struct InputLine {
  enum class Kind { kLine, kTooLong, kEnd };
  Kind kind = Kind::kEnd;
  std::string text;         // kLine only
  std::size_t bytes = 0;    // the line's length (kTooLong: at least this many)
};

// Reads newline-delimited messages from a file descriptor in bounded chunks: memory stays
// under the limit plus one chunk however long a line is.
class LineReader {
 public:
  LineReader(int fd, std::size_t max_line_bytes);
  // Blocks until a line, an oversized line or the end. Read errors other than EINTR end the input.
  InputLine next();

 private:
  bool fill();  // reads one chunk; false at the end
  int fd_;
  std::size_t max_line_bytes_;
  std::string buffer_;
  bool at_end_ = false;
};

}  // namespace mcp
