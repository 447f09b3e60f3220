#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace managers::transfer {

// Writes (key, line) pairs in ascending key order with bounded memory: lines
// are kept in memory up to `memory_budget` bytes, then sorted and spilled to a
// run file in a private temporary folder; write_to() merges the runs. A key
// seen twice is written once (the first line added for it). Keys and lines
// must not contain '\n'; keys must not contain '\t'.
//
// Needed because an engine may list orders in its own order (DynamoDB's scan
// order), while an export is ascending by order_id.
class SortedLines {
 public:
  explicit SortedLines(std::size_t memory_budget);
  ~SortedLines();
  SortedLines(const SortedLines&) = delete;
  SortedLines& operator=(const SortedLines&) = delete;

  void add(std::string key, std::string line);
  // Writes every line followed by '\n'; returns how many were written.
  std::int64_t write_to(std::ostream& out);

  std::size_t runs() const { return runs_.size(); }

 private:
  void sort_buffer();
  void spill();

  std::size_t memory_budget_;
  std::size_t buffered_bytes_ = 0;
  std::vector<std::pair<std::string, std::string>> buffer_;
  std::filesystem::path folder_;  // created on the first spill
  std::vector<std::filesystem::path> runs_;
};

}  // namespace managers::transfer
