#include "domain/json_input.hpp"

#include <set>
#include <vector>

#include "domain/printable_text.hpp"

namespace managers::domain {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxErrorBytes = 200;

// nlohmann's DOM builder, told apart from it only where the text says more than the value it
// would build: a number whose double is 0 although its text is not ("1e-400" would be stored as
// 0), and an object with the same key twice (nlohmann keeps the last one silently).
class ExactNumbers : public nlohmann::detail::json_sax_dom_parser<json> {
 public:
  ExactNumbers(json& result, std::string& error) : json_sax_dom_parser(result, true), error_(error) {}

  bool start_object(std::size_t size) {
    keys_.emplace_back();
    return json_sax_dom_parser::start_object(size);
  }
  bool end_object() {
    keys_.pop_back();
    return json_sax_dom_parser::end_object();
  }
  bool key(std::string& name) {
    if (!keys_.back().insert(name).second) {
      error_ = "duplicate key " + quote_input(name) + " in an object (each key may appear once)";
      return false;
    }
    return json_sax_dom_parser::key(name);
  }

  bool number_float(double value, const std::string& text) {
    const std::string mantissa = text.substr(0, text.find_first_of("eE"));
    if (value == 0.0 && mantissa.find_first_of("123456789") != std::string::npos) {
      error_ = "number " + quote_input(text) + " is too small to store (it would become 0)";
      return false;
    }
    return json_sax_dom_parser::number_float(value, text);
  }

 private:
  std::string& error_;
  std::vector<std::set<std::string>> keys_;  // the keys seen in each open object, innermost last
};

// "[json.exception.parse_error.101] parse error at line 1, column 3: ..." -> "parse error at column 3: ...".
std::string error_text(const std::string& what) {
  std::string text = what;
  if (!text.empty() && text.front() == '[') {
    const auto end = text.find("] ");
    if (end != std::string::npos) text.erase(0, end + 2);
  }
  const auto at_line = text.find("at line 1, column");
  if (at_line != std::string::npos) text.replace(at_line, std::string_view("at line 1, column").size(), "at column");
  if (text.size() > kMaxErrorBytes) text = text.substr(0, kMaxErrorBytes) + "...";
  return text;
}

}  // namespace

JsonInput parse_json_input(std::string_view text) {
  JsonInput input;
  json value;
  try {
    ExactNumbers builder(value, input.error);
    if (!json::sax_parse(text, &builder)) {
      if (input.error.empty()) input.error = "invalid JSON";
      return input;
    }
  } catch (const json::exception& error) {  // malformed text, a number too large for a double
    input.error = error_text(error.what());
    return input;
  }
  input.value = std::move(value);
  return input;
}

}  // namespace managers::domain
