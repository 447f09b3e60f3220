#include "mcp/line_reader.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <string>
#include <thread>

namespace {

using Kind = mcp::InputLine::Kind;

// Writes `input` into a pipe from another thread (it may exceed the pipe's buffer) and reads
// it back through a LineReader.
class PipeInput {
 public:
  explicit PipeInput(std::string input) {
    if (::pipe(fds_) != 0) throw std::runtime_error("pipe failed");
    writer_ = std::thread([this, input = std::move(input)] {
      std::size_t done = 0;
      while (done < input.size()) {
        const ssize_t n = ::write(fds_[1], input.data() + done, input.size() - done);
        if (n <= 0) break;
        done += static_cast<std::size_t>(n);
      }
      ::close(fds_[1]);
    });
  }
  ~PipeInput() {
    writer_.join();
    ::close(fds_[0]);
  }
  int fd() const { return fds_[0]; }

 private:
  int fds_[2] = {-1, -1};
  std::thread writer_;
};

TEST(LineReader, SplitsLinesStripsCrAndKeepsALastUnterminatedLine) {
  PipeInput input("one\r\ntwo\n\nthree");
  mcp::LineReader reader(input.fd(), 100);
  EXPECT_EQ(reader.next().text, "one");
  EXPECT_EQ(reader.next().text, "two");
  EXPECT_EQ(reader.next().text, "");
  const mcp::InputLine last = reader.next();
  EXPECT_EQ(last.kind, Kind::kLine);
  EXPECT_EQ(last.text, "three");
  EXPECT_EQ(reader.next().kind, Kind::kEnd);
  EXPECT_EQ(reader.next().kind, Kind::kEnd);
}

TEST(LineReader, SkipsAnOversizedLineAndReadsOn) {
  const std::size_t limit = 1000;
  // Several megabytes, far past the limit and the reader's chunk, then a normal line.
  const std::string huge(3 * 1024 * 1024 + 17, 'x');
  PipeInput input(std::string(limit, 'a') + "\n" + std::string(limit + 1, 'b') + "\n" + huge + "\nafter\n");
  mcp::LineReader reader(input.fd(), limit);
  const mcp::InputLine at_limit = reader.next();
  EXPECT_EQ(at_limit.kind, Kind::kLine);
  EXPECT_EQ(at_limit.text.size(), limit);
  const mcp::InputLine just_over = reader.next();
  EXPECT_EQ(just_over.kind, Kind::kTooLong);
  EXPECT_EQ(just_over.bytes, limit + 1);
  const mcp::InputLine over = reader.next();
  EXPECT_EQ(over.kind, Kind::kTooLong);
  EXPECT_EQ(over.bytes, huge.size());
  EXPECT_EQ(reader.next().text, "after");
  EXPECT_EQ(reader.next().kind, Kind::kEnd);
}

TEST(LineReader, AnOversizedLastLineWithoutNewlineEndsTheInput) {
  PipeInput input(std::string(5000, 'z'));
  mcp::LineReader reader(input.fd(), 100);
  const mcp::InputLine line = reader.next();
  EXPECT_EQ(line.kind, Kind::kTooLong);
  EXPECT_EQ(line.bytes, 5000u);
  EXPECT_EQ(reader.next().kind, Kind::kEnd);
}

}  // namespace
