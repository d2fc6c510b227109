#include "assess/toml_reader.h"

#include <fmt/format.h>

namespace haven::assess::internal {

using core::Error;
using core::ErrorCode;
using core::Result;

std::string Join(const std::string& prefix, std::string_view key) {
  if (prefix.empty()) return std::string(key);
  return fmt::format("{}.{}", prefix, key);
}

Error TomlReader::Fail(const toml::node* node, const std::string& field,
                       std::string_view what) const {
  std::uint32_t line = node != nullptr ? node->source().begin.line : 0;
  std::string message = line > 0 ? fmt::format("{}:{}: {}: {}", source_, line, field, what)
                                 : fmt::format("{}: {}: {}", source_, field, what);
  return Error{ErrorCode::kInvalidArgument, std::move(message), field};
}

Result<std::string> TomlReader::String(const toml::table& table, std::string_view key,
                                       const std::string& prefix) const {
  const toml::node* node = table.get(key);
  if (node == nullptr) return std::unexpected(Fail(&table, Join(prefix, key), "is required"));
  const auto* value = node->as_string();
  if (value == nullptr || value->get().empty()) {
    return std::unexpected(Fail(node, Join(prefix, key), "must be a non-empty string"));
  }
  return value->get();
}

Result<std::string> TomlReader::OptionalString(const toml::table& table, std::string_view key,
                                               const std::string& prefix) const {
  if (table.get(key) == nullptr) return std::string();
  return String(table, key, prefix);
}

Result<int> TomlReader::Int(const toml::table& table, std::string_view key,
                            const std::string& prefix) const {
  const toml::node* node = table.get(key);
  if (node == nullptr) return std::unexpected(Fail(&table, Join(prefix, key), "is required"));
  const auto* value = node->as_integer();
  if (value == nullptr) {
    return std::unexpected(Fail(node, Join(prefix, key), "must be an integer"));
  }
  std::int64_t v = value->get();
  if (v < -1'000'000 || v > 1'000'000) {
    return std::unexpected(Fail(node, Join(prefix, key), "is out of range"));
  }
  return static_cast<int>(v);
}

Result<int> TomlReader::OptionalInt(const toml::table& table, std::string_view key,
                                    const std::string& prefix, int fallback) const {
  if (table.get(key) == nullptr) return fallback;
  return Int(table, key, prefix);
}

Result<double> TomlReader::Double(const toml::table& table, std::string_view key,
                                  const std::string& prefix) const {
  const toml::node* node = table.get(key);
  if (node == nullptr) return std::unexpected(Fail(&table, Join(prefix, key), "is required"));
  if (const auto* f = node->as_floating_point()) return f->get();
  if (const auto* i = node->as_integer()) return static_cast<double>(i->get());
  return std::unexpected(Fail(node, Join(prefix, key), "must be a number"));
}

Result<bool> TomlReader::OptionalBool(const toml::table& table, std::string_view key,
                                      const std::string& prefix, bool fallback) const {
  const toml::node* node = table.get(key);
  if (node == nullptr) return fallback;
  const auto* value = node->as_boolean();
  if (value == nullptr) {
    return std::unexpected(Fail(node, Join(prefix, key), "must be true or false"));
  }
  return value->get();
}

Result<LocalizedText> TomlReader::Localized(const toml::table& table, std::string_view key,
                                            const std::string& prefix) const {
  auto sub = Table(table, key, prefix);
  if (!sub) return std::unexpected(sub.error());
  std::string field = Join(prefix, key);
  LocalizedText text;
  for (const auto& [language, node] : **sub) {
    const auto* value = node.as_string();
    std::string sub_field = Join(field, language.str());
    if (value == nullptr || value->get().empty()) {
      return std::unexpected(Fail(&node, sub_field, "must be a non-empty string"));
    }
    text.emplace(std::string(language.str()), value->get());
  }
  for (std::string_view language : kRequiredLocales) {
    if (!text.contains(language)) {
      return std::unexpected(Fail(*sub, Join(field, language),
                                  "is required (every text needs "
                                  "en and es)"));
    }
  }
  return text;
}

Result<const toml::table*> TomlReader::Table(const toml::table& table, std::string_view key,
                                             const std::string& prefix) const {
  const toml::node* node = table.get(key);
  if (node == nullptr) return std::unexpected(Fail(&table, Join(prefix, key), "is required"));
  const toml::table* sub = node->as_table();
  if (sub == nullptr) return std::unexpected(Fail(node, Join(prefix, key), "must be a table"));
  return sub;
}

}  // namespace haven::assess::internal
