#include "agent/argument_check.hpp"

#include <cstdint>
#include <map>
#include <set>
#include <stdexcept>
#include <string>

#include "domain/printable_text.hpp"
#include "domain/utf8.hpp"
#include "managers/errors.hpp"

namespace agent {
namespace {

using nlohmann::json;
using managers::ValidationError;

const std::set<std::string>& supported_keywords() {
  static const std::set<std::string> keywords = {
      "type",     "properties", "required", "additionalProperties", "enum",     "minLength",   "maxLength",
      "minimum",  "maximum",    "minItems", "maxItems",             "items",    "description", "default",
      "title"};
  return keywords;
}

// JSON Schema counts characters (code points). Invalid UTF-8 cannot reach here: the JSON parser
// refused it.
std::size_t characters(const std::string& text) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++count) {
    const auto character = managers::domain::decode_utf8(text, i);
    i += character.length == 0 ? 1 : character.length;
  }
  return count;
}

bool has_type(const json& value, const std::string& type) {
  if (type == "object") return value.is_object();
  if (type == "array") return value.is_array();
  if (type == "string") return value.is_string();
  if (type == "integer") return value.is_number_integer();
  if (type == "number") return value.is_number();
  if (type == "boolean") return value.is_boolean();
  if (type == "null") return value.is_null();
  throw std::logic_error("unsupported JSON Schema type " + type);
}

std::string type_rule(const json& type) {
  static const std::map<std::string, std::string> words = {
      {"object", "a JSON object"}, {"array", "an array"},    {"string", "a string"}, {"integer", "a whole number"},
      {"number", "a number"},      {"boolean", "true or false"}, {"null", "null"}};
  if (type.is_string()) return "must be " + words.at(type.get<std::string>());
  std::string rule = "must be ";
  for (std::size_t i = 0; i < type.size(); ++i)
    rule += (i == 0 ? "" : " or ") + words.at(type[i].get<std::string>());
  return rule;
}

std::string number_text(const json& number) {
  if (number.is_number_integer()) return number.dump();
  const double value = number.get<double>();
  return value == static_cast<double>(static_cast<std::int64_t>(value))
             ? std::to_string(static_cast<std::int64_t>(value))
             : number.dump();
}

void check(const json& schema, const json& value, const std::string& path) {
  const std::string field = path.empty() ? "arguments" : path;
  if (const auto type = schema.find("type"); type != schema.end()) {
    bool matches = false;
    if (type->is_string()) {
      matches = has_type(value, type->get<std::string>());
    } else {
      for (const json& one : *type) matches = matches || has_type(value, one.get<std::string>());
    }
    if (!matches) throw ValidationError(field, type_rule(*type));
  }
  if (const auto allowed = schema.find("enum"); allowed != schema.end()) {
    bool found = false;
    for (const json& option : *allowed) found = found || option == value;
    if (!found) {
      std::string list;
      for (const json& option : *allowed) list += (list.empty() ? "" : ", ") + option.dump();
      throw ValidationError(field, "must be one of " + list + (value.is_string() ? ", not " + managers::domain::quote_input(value.get<std::string>()) : ""));
    }
  }
  if (value.is_string()) {
    const std::size_t length = characters(value.get<std::string>());
    if (const auto min = schema.find("minLength"); min != schema.end() && length < min->get<std::size_t>())
      throw ValidationError(field, min->get<std::size_t>() == 1 ? "must not be empty"
                                                               : "must be at least " + min->dump() + " characters");
    if (const auto max = schema.find("maxLength"); max != schema.end() && length > max->get<std::size_t>())
      throw ValidationError(field, "must be at most " + max->dump() + " characters");
  }
  if (value.is_number()) {
    const double number = value.get<double>();
    const auto min = schema.find("minimum");
    const auto max = schema.find("maximum");
    const bool below = min != schema.end() && number < min->get<double>();
    const bool above = max != schema.end() && number > max->get<double>();
    if (below || above) {
      std::string rule = "must be ";
      if (min != schema.end() && max != schema.end()) rule += "from " + number_text(*min) + " to " + number_text(*max);
      else if (min != schema.end()) rule += "at least " + number_text(*min);
      else rule += "at most " + number_text(*max);
      throw ValidationError(field, rule);
    }
  }
  if (value.is_array()) {
    if (const auto min = schema.find("minItems"); min != schema.end() && value.size() < min->get<std::size_t>())
      throw ValidationError(field, "must hold at least " + min->dump() + (min->get<int>() == 1 ? " entry" : " entries"));
    if (const auto max = schema.find("maxItems"); max != schema.end() && value.size() > max->get<std::size_t>())
      throw ValidationError(field, "must hold at most " + max->dump() + " entries");
    if (const auto items = schema.find("items"); items != schema.end())
      for (std::size_t i = 0; i < value.size(); ++i) check(*items, value[i], field + "[" + std::to_string(i) + "]");
  }
  if (value.is_object()) {
    const auto properties = schema.find("properties");
    const std::string prefix = path.empty() ? "" : path + ".";
    if (const auto required = schema.find("required"); required != schema.end())
      for (const json& name : *required)
        if (!value.contains(name.get<std::string>())) throw ValidationError(prefix + name.get<std::string>(), "is required");
    const auto additional = schema.find("additionalProperties");
    const bool closed = additional != schema.end() && *additional == false;
    for (const auto& [key, child] : value.items()) {
      const bool known = properties != schema.end() && properties->contains(key);
      if (known) {
        check((*properties)[key], child, prefix + key);
      } else if (closed) {
        std::string accepted;
        if (properties != schema.end())
          for (const auto& [name, unused] : properties->items()) accepted += (accepted.empty() ? "" : ", ") + name;
        throw ValidationError(prefix + managers::domain::quote_input(key),
                              "is not an argument of this tool" +
                                  (accepted.empty() ? std::string(" (it takes none)") : " (accepted: " + accepted + ")"));
      }
    }
  }
}

void require_supported(const json& schema, const std::string& where) {
  if (!schema.is_object()) throw std::logic_error(where + ": a schema must be an object");
  for (const auto& [keyword, value] : schema.items()) {
    if (!supported_keywords().contains(keyword))
      throw std::logic_error(where + ": unsupported JSON Schema keyword " + keyword);
    if (keyword == "additionalProperties" && !value.is_boolean())
      throw std::logic_error(where + ": additionalProperties must be true or false");
  }
  if (const auto properties = schema.find("properties"); properties != schema.end())
    for (const auto& [name, child] : properties->items()) require_supported(child, where + "." + name);
  if (const auto items = schema.find("items"); items != schema.end()) require_supported(*items, where + "[]");
}

}  // namespace

void check_arguments(const json& schema, const json& arguments) { check(schema, arguments, ""); }

void require_supported_schema(const json& schema) { require_supported(schema, "inputSchema"); }

}  // namespace agent
