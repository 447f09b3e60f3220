#include "migration/import_line.hpp"

#include <cstddef>
#include <exception>

#include <nlohmann/json.hpp>

#include "domain/validation.hpp"
#include "managers/errors.hpp"

namespace managers::transfer {
namespace {

// "[json.exception.parse_error.101] parse error at line 1, column 3: ..." -> "parse error at column 3: ...".
std::string json_error_text(const std::string& what) {
  std::string text = what;
  if (!text.empty() && text.front() == '[') {
    const auto end = text.find("] ");
    if (end != std::string::npos) text.erase(0, end + 2);
  }
  const auto at_line = text.find("at line 1, column");
  if (at_line != std::string::npos) text.replace(at_line, std::string_view("at line 1, column").size(), "at column");
  return text;
}

// The length of the well-formed UTF-8 sequence at `text[i]` (RFC 3629: no overlongs, no
// surrogates, nothing above U+10FFFF), or 0.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
  const unsigned char lead = byte(0);
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xbf;  // the allowed range of the second byte
  if (lead >= 0xc2 && lead <= 0xdf) {
    length = 2;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    if (lead == 0xe0) low = 0xa0;
    if (lead == 0xed) high = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    if (lead == 0xf0) low = 0x90;
    if (lead == 0xf4) high = 0x8f;
  } else {
    return 0;
  }
  if (i + length > text.size() || byte(1) < low || byte(1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k)
    if (byte(k) < 0x80 || byte(k) > 0xbf) return 0;
  return length;
}

// A reason is one line of valid UTF-8 (the CLI prints it, also inside its --json output), but
// nlohmann's parse errors quote the raw bytes read and a JSON string may hold a newline: control
// characters and bytes that are not UTF-8 are written as \xNN.
std::string printable(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x7f) {
      out.push_back(static_cast<char>(c));
      ++i;
    } else if (const std::size_t length = c >= 0x80 ? utf8_sequence_length(text, i) : 0; length > 0) {
      out.append(text.substr(i, length));
      i += length;
    } else {
      out += "\\x";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0x0f]);
      ++i;
    }
  }
  return out;
}

}  // namespace

ParsedLine parse_import_line(std::string_view line) {
  ParsedLine parsed;
  nlohmann::json value;
  try {
    value = nlohmann::json::parse(line);
  } catch (const nlohmann::json::exception& error) {
    parsed.error = "invalid JSON: " + printable(json_error_text(error.what()));
    return parsed;
  }
  if (value.is_object())
    if (const auto id = value.find("order_id"); id != value.end() && id->is_string()) parsed.order_id = *id;
  try {
    Order order = order_from_json(value);
    domain::validate_order(order);
    parsed.order = std::move(order);
  } catch (const ValidationError& error) {
    parsed.error = printable(error.what());
  } catch (const std::exception& error) {  // an out-of-range number, a wrong JSON type
    parsed.error = "invalid order: " + printable(error.what());
  }
  return parsed;
}

}  // namespace managers::transfer
