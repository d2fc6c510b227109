#include "safety/content_loader.h"

#include <fmt/format.h>

#include <filesystem>

namespace haven::safety::content {

core::Result<toml::table> ParseTomlFile(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      fmt::format("{}: content file is missing or not a regular file", path),
                      "file");
  }
  try {
    return toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      fmt::format("{}:{}:{}: {}", path, e.source().begin.line,
                                  e.source().begin.column, e.description()),
                      "file");
  }
}

core::Error FieldError(const std::string& path, std::uint32_t line, std::string_view field,
                       std::string_view what) {
  return core::Error{core::ErrorCode::kInvalidArgument,
                     fmt::format("{}:{}: field '{}': {}", path, line, field, what),
                     std::string(field)};
}

std::uint32_t LineOf(const toml::node& node) { return node.source().begin.line; }

core::Result<std::string> RequireString(const std::string& path, const toml::table& table,
                                        std::string_view key) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return std::unexpected(FieldError(path, LineOf(table), key, "is required"));
  const auto* value = node->as_string();
  if (value == nullptr) {
    return std::unexpected(FieldError(path, LineOf(*node), key, "must be a string"));
  }
  if (value->get().empty()) {
    return std::unexpected(FieldError(path, LineOf(*node), key, "must not be empty"));
  }
  return value->get();
}

core::Result<std::string> OptionalString(const std::string& path, const toml::table& table,
                                         std::string_view key) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return std::string();
  const auto* value = node->as_string();
  if (value == nullptr) {
    return std::unexpected(FieldError(path, LineOf(*node), key, "must be a string"));
  }
  return value->get();
}

core::Result<bool> RequireBool(const std::string& path, const toml::table& table,
                               std::string_view key) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return std::unexpected(FieldError(path, LineOf(table), key, "is required"));
  const auto* value = node->as_boolean();
  if (value == nullptr) {
    return std::unexpected(FieldError(path, LineOf(*node), key, "must be true or false"));
  }
  return value->get();
}

core::Result<bool> OptionalBool(const std::string& path, const toml::table& table,
                                std::string_view key, bool absent) {
  if (table.get(key) == nullptr) return absent;
  return RequireBool(path, table, key);
}

core::Result<std::vector<std::string>> StringArray(const std::string& path,
                                                   const toml::table& table, std::string_view key,
                                                   Presence presence) {
  std::vector<std::string> out;
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    if (presence == Presence::kRequired) {
      return std::unexpected(FieldError(path, LineOf(table), key, "is required"));
    }
    return out;
  }
  const auto* array = node->as_array();
  if (array == nullptr) {
    return std::unexpected(FieldError(path, LineOf(*node), key, "must be an array of strings"));
  }
  for (const toml::node& element : *array) {
    const auto* value = element.as_string();
    if (value == nullptr || value->get().empty()) {
      return std::unexpected(
          FieldError(path, LineOf(element), key, "every element must be a non-empty string"));
    }
    out.push_back(value->get());
  }
  if (out.empty() && presence == Presence::kRequired) {
    return std::unexpected(FieldError(path, LineOf(*node), key, "must not be empty"));
  }
  return out;
}

core::Result<std::vector<const toml::table*>> TableArray(const std::string& path,
                                                         const toml::table& table,
                                                         std::string_view key) {
  std::vector<const toml::table*> out;
  const toml::node* node = table.get(key);
  if (node == nullptr) return out;
  const auto* array = node->as_array();
  if (array == nullptr) {
    return std::unexpected(FieldError(path, LineOf(*node), key, "must be an array of tables"));
  }
  for (const toml::node& element : *array) {
    const auto* entry = element.as_table();
    if (entry == nullptr) {
      return std::unexpected(FieldError(path, LineOf(element), key, "must be an array of tables"));
    }
    out.push_back(entry);
  }
  return out;
}

}  // namespace haven::safety::content
