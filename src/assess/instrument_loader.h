// Loading instruments from content/instruments/*.toml, with errors naming file, line, field.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "assess/instrument.h"
#include "core/result.h"

namespace haven::assess {

// Parses one instrument from TOML text. `source_name` (usually the path) appears in errors:
// InvalidArgument "content/instruments/phq9.toml:42: items[3].options[1].score: must be ...",
// with Error::field set to the field path ("items[3].options[1].score").
[[nodiscard]] core::Result<Instrument> ParseInstrument(std::string_view toml_text,
                                                       std::string_view source_name);

// Reads and parses one file. NotFound if it cannot be read.
[[nodiscard]] core::Result<Instrument> LoadInstrumentFile(const std::filesystem::path& path);

// All instruments of a deployment, by id. Immutable after loading; safe to share across threads.
class InstrumentCatalog {
 public:
  InstrumentCatalog() = default;

  // Loads every *.toml in `dir` (sorted by name). Fails on the first bad file; Conflict when
  // two files declare the same id; InvalidArgument when a screen offers an unknown instrument.
  [[nodiscard]] static core::Result<InstrumentCatalog> LoadDirectory(
      const std::filesystem::path& dir);

  // Adds one instrument; Conflict if its id is already present.
  [[nodiscard]] core::Status Add(Instrument instrument);

  // The instrument with this id, or nullptr.
  [[nodiscard]] const Instrument* Find(std::string_view id) const;

  [[nodiscard]] const std::vector<Instrument>& All() const { return instruments_; }

 private:
  std::vector<Instrument> instruments_;
};

}  // namespace haven::assess
