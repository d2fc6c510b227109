// Internal to haven_assess: typed reads from a toml++ table with errors that name file, line
// and field. Not part of the module's public API.
#pragma once

#include <toml++/toml.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "assess/instrument.h"
#include "core/result.h"

namespace haven::assess::internal {

class TomlReader {
 public:
  explicit TomlReader(std::string source_name) : source_(std::move(source_name)) {}

  // InvalidArgument "<file>:<line>: <field>: <what>" with field set; line from `node`.
  [[nodiscard]] core::Error Fail(const toml::node* node, const std::string& field,
                                 std::string_view what) const;

  [[nodiscard]] core::Result<std::string> String(const toml::table& table, std::string_view key,
                                                 const std::string& prefix) const;
  [[nodiscard]] core::Result<std::string> OptionalString(const toml::table& table,
                                                         std::string_view key,
                                                         const std::string& prefix) const;
  [[nodiscard]] core::Result<int> Int(const toml::table& table, std::string_view key,
                                      const std::string& prefix) const;
  [[nodiscard]] core::Result<int> OptionalInt(const toml::table& table, std::string_view key,
                                              const std::string& prefix, int fallback) const;
  [[nodiscard]] core::Result<double> Double(const toml::table& table, std::string_view key,
                                            const std::string& prefix) const;
  [[nodiscard]] core::Result<bool> OptionalBool(const toml::table& table, std::string_view key,
                                                const std::string& prefix, bool fallback) const;
  // A sub-table with one non-empty string per required locale ("en", "es").
  [[nodiscard]] core::Result<LocalizedText> Localized(const toml::table& table,
                                                      std::string_view key,
                                                      const std::string& prefix) const;
  // A required sub-table.
  [[nodiscard]] core::Result<const toml::table*> Table(const toml::table& table,
                                                       std::string_view key,
                                                       const std::string& prefix) const;

  [[nodiscard]] const std::string& source() const { return source_; }

 private:
  std::string source_;
};

// Cross-field checks after parsing; also fills min_total/max_total from the options.
[[nodiscard]] core::Status CheckInstrument(const TomlReader& reader, const toml::table& root,
                                           Instrument& out);

// "prefix.key", or "key" when prefix is empty.
[[nodiscard]] std::string Join(const std::string& prefix, std::string_view key);

}  // namespace haven::assess::internal
