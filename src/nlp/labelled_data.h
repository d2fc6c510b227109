// Labelled text files (DESIGN.md §6): UTF-8 TSV, header "text<TAB>label", several labels in a
// cell separated by ",". Reading never throws; malformed lines are reported and skipped.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace haven::nlp {

struct LabelledExample {
  std::string text;
  std::vector<std::string> labels;  // trimmed, non-empty, in file order, no duplicates
  std::size_t line = 0;             // 1-based line number in the file
};

struct MalformedLine {
  std::size_t line = 0;
  std::string reason;
};

struct LabelledData {
  std::vector<LabelledExample> examples;
  std::vector<MalformedLine> malformed;
};

// Parses the contents of a labelled file. The first line must be the header (a UTF-8 BOM is
// allowed); InvalidArgument naming `source_name` when it is missing. Lines without exactly one
// tab, with an empty text, no label or invalid UTF-8 are listed in `malformed` and skipped.
[[nodiscard]] core::Result<LabelledData> ParseLabelled(std::string_view contents,
                                                       std::string_view source_name);

// Reads and parses a labelled file; NotFound naming the path when it cannot be read.
[[nodiscard]] core::Result<LabelledData> ReadLabelledFile(const std::string& path);

// Splits a label cell on "," and trims spaces; empty parts are dropped.
[[nodiscard]] std::vector<std::string> SplitLabels(std::string_view cell);

}  // namespace haven::nlp
