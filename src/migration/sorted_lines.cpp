#include "migration/sorted_lines.hpp"

#include <stdlib.h>

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <queue>
#include <stdexcept>
#include <system_error>

namespace managers::transfer {

SortedLines::SortedLines(std::size_t memory_budget) : memory_budget_(memory_budget) {}

SortedLines::~SortedLines() {
  if (!folder_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(folder_, ignored);
  }
}

void SortedLines::add(std::string key, std::string line) {
  buffered_bytes_ += key.size() + line.size() + 2 * sizeof(std::string);
  buffer_.emplace_back(std::move(key), std::move(line));
  if (buffered_bytes_ >= memory_budget_) spill();
}

void SortedLines::sort_buffer() {
  std::stable_sort(buffer_.begin(), buffer_.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
}

void SortedLines::spill() {
  if (buffer_.empty()) return;
  if (folder_.empty()) {
    std::string pattern = (std::filesystem::temp_directory_path() / "order-manager-export-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr)
      throw std::ios_base::failure("cannot create a temporary folder for sorting the export",
                                   std::error_code(errno, std::generic_category()));
    folder_ = pattern;
  }
  sort_buffer();
  const std::filesystem::path path = folder_ / ("run-" + std::to_string(runs_.size()));
  std::ofstream run(path, std::ios::binary | std::ios::trunc);
  for (const auto& [key, line] : buffer_) run << key << '\t' << line << '\n';
  run.close();
  if (!run) throw std::ios_base::failure("cannot write the export's sort file " + path.string());
  runs_.push_back(path);
  buffer_.clear();
  buffer_.shrink_to_fit();
  buffered_bytes_ = 0;
}

std::int64_t SortedLines::write_to(std::ostream& out) {
  std::int64_t written = 0;
  std::string previous_key;
  auto emit = [&](const std::string& key, const std::string& line) {
    if (written > 0 && key == previous_key) return;
    out << line << '\n';
    if (!out) throw std::ios_base::failure("writing the export failed");
    previous_key = key;
    ++written;
  };

  if (runs_.empty()) {  // everything fit in memory
    sort_buffer();
    for (const auto& [key, line] : buffer_) emit(key, line);
    buffer_.clear();
    return written;
  }

  spill();
  struct Head {
    std::string key;
    std::string line;
    std::size_t run;
  };
  auto later = [](const Head& a, const Head& b) { return a.key != b.key ? a.key > b.key : a.run > b.run; };
  std::priority_queue<Head, std::vector<Head>, decltype(later)> heads(later);
  std::vector<std::ifstream> inputs;
  inputs.reserve(runs_.size());
  auto advance = [&](std::size_t run) {
    std::string text;
    if (!std::getline(inputs[run], text)) {
      if (inputs[run].bad()) throw std::ios_base::failure("cannot read the export's sort file");
      return;
    }
    const auto tab = text.find('\t');
    heads.push({text.substr(0, tab), text.substr(tab + 1), run});
  };
  for (std::size_t run = 0; run < runs_.size(); ++run) {
    inputs.emplace_back(runs_[run], std::ios::binary);
    if (!inputs.back()) throw std::ios_base::failure("cannot open the export's sort file " + runs_[run].string());
  }
  for (std::size_t run = 0; run < runs_.size(); ++run) advance(run);
  while (!heads.empty()) {
    Head head = heads.top();
    heads.pop();
    emit(head.key, head.line);
    advance(head.run);
  }
  return written;
}

}  // namespace managers::transfer
