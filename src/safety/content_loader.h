// Reading content TOML files with errors that name file, line and field. Shared by the
// modules that load content/ (safety, dialogue).
#pragma once

#include <toml++/toml.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace haven::safety::content {

// Parses a TOML file. InvalidArgument "path:line:column: what" on a syntax error or a missing
// file (field "file").
[[nodiscard]] core::Result<toml::table> ParseTomlFile(const std::string& path);

// InvalidArgument with message "path:line: field 'field': what" and Error.field = field.
[[nodiscard]] core::Error FieldError(const std::string& path, std::uint32_t line,
                                     std::string_view field, std::string_view what);

// Line where `node` starts in its file (0 when unknown).
[[nodiscard]] std::uint32_t LineOf(const toml::node& node);

// Required non-empty string `key` of `table`; errors name the table's line when the key is
// missing and the value's line when it has the wrong type or is empty.
[[nodiscard]] core::Result<std::string> RequireString(const std::string& path,
                                                      const toml::table& table,
                                                      std::string_view key);

// Optional string `key` ("" when absent); error when present with another type.
[[nodiscard]] core::Result<std::string> OptionalString(const std::string& path,
                                                       const toml::table& table,
                                                       std::string_view key);

// Required boolean `key`.
[[nodiscard]] core::Result<bool> RequireBool(const std::string& path, const toml::table& table,
                                             std::string_view key);

// Optional boolean `key` (`absent` when missing); error when present with another type.
[[nodiscard]] core::Result<bool> OptionalBool(const std::string& path, const toml::table& table,
                                              std::string_view key, bool absent);

// Array of strings `key`; `required` means present and non-empty.
enum class Presence { kOptional, kRequired };
[[nodiscard]] core::Result<std::vector<std::string>> StringArray(const std::string& path,
                                                                 const toml::table& table,
                                                                 std::string_view key,
                                                                 Presence presence);

// The array of tables `key` ([[key]] in the file); empty when absent, error when not tables.
[[nodiscard]] core::Result<std::vector<const toml::table*>> TableArray(const std::string& path,
                                                                       const toml::table& table,
                                                                       std::string_view key);

}  // namespace haven::safety::content
