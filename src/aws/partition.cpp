#include "aws/partition.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "aws/errors.hpp"

namespace aws {

namespace {

// One row per partition, as in botocore's endpoints.json: the region's leading parts and how
// many parts a region of that partition has ("us-gov-west-1": prefix us-gov, 4 parts).
struct PartitionRule {
  std::string_view prefix;  // the leading parts, hyphen-joined
  std::size_t parts;
  Partition partition;
};

constexpr std::array kRules = {
    PartitionRule{"us-gov", 4, {"aws-us-gov", "amazonaws.com"}},
    PartitionRule{"us-iso", 4, {"aws-iso", "c2s.ic.gov"}},
    PartitionRule{"us-isob", 4, {"aws-iso-b", "sc2s.sgov.gov"}},
    PartitionRule{"us-isof", 4, {"aws-iso-f", "csp.hci.ic.gov"}},
    PartitionRule{"eu-isoe", 4, {"aws-iso-e", "cloud.adc-e.uk"}},
    PartitionRule{"eusc-de", 4, {"aws-eusc", "amazonaws.eu"}},
    PartitionRule{"cn", 3, {"aws-cn", "amazonaws.com.cn"}},
    // The commercial partition: ^(us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$
    PartitionRule{"us", 3, {"aws", "amazonaws.com"}},
    PartitionRule{"eu", 3, {"aws", "amazonaws.com"}},
    PartitionRule{"ap", 3, {"aws", "amazonaws.com"}},
    PartitionRule{"sa", 3, {"aws", "amazonaws.com"}},
    PartitionRule{"ca", 3, {"aws", "amazonaws.com"}},
    PartitionRule{"me", 3, {"aws", "amazonaws.com"}},
    PartitionRule{"af", 3, {"aws", "amazonaws.com"}},
    PartitionRule{"il", 3, {"aws", "amazonaws.com"}},
    PartitionRule{"mx", 3, {"aws", "amazonaws.com"}},
};

constexpr std::size_t kMaxRegionLength = 40;

bool all_of(std::string_view text, bool (*accept)(char)) {
  return !text.empty() && std::all_of(text.begin(), text.end(), accept);
}
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The value as it may be shown: printable ASCII kept, every other byte as \xNN, cut when long.
std::string shown(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "'";
  for (std::size_t i = 0; i < text.size() && i < 64; ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x20 && byte < 0x7f && byte != '\\' && byte != '\'') {
      out.push_back(static_cast<char>(byte));
    } else {
      out += "\\x";
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 0xf]);
    }
  }
  if (text.size() > 64) out += "...";
  return out + "'";
}

std::vector<std::string_view> split_parts(std::string_view region) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t dash = region.find('-', start);
    parts.push_back(region.substr(start, dash == std::string_view::npos ? std::string_view::npos : dash - start));
    if (dash == std::string_view::npos) return parts;
    start = dash + 1;
  }
}

}  // namespace

std::optional<Partition> find_partition(std::string_view region) {
  if (region.size() <= kMaxRegionLength) {
    const std::vector<std::string_view> parts = split_parts(region);
    const bool shape_ok = parts.size() >= 3 && all_of(parts.back(), is_digit) &&
                          std::all_of(parts.begin(), parts.end() - 1,
                                      [](std::string_view part) { return all_of(part, is_lower); });
    if (shape_ok) {
      for (const PartitionRule& rule : kRules) {
        if (parts.size() == rule.parts && region.substr(0, rule.prefix.size()) == rule.prefix &&
            region[rule.prefix.size()] == '-')
          return rule.partition;
      }
    }
  }
  return std::nullopt;
}

std::string region_problem(std::string_view region) {
  if (find_partition(region)) return {};
  return shown(region) + " is not " + std::string(kRegionRule);
}

Partition partition_of_region(std::string_view region, std::string_view source) {
  if (std::optional<Partition> partition = find_partition(region)) return *partition;
  throw ConfigurationError(std::string(source) + ": " + region_problem(region));
}

}  // namespace aws
