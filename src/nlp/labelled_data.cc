#include "nlp/labelled_data.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/bytes.h"

namespace haven::nlp {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\r')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

}  // namespace

std::vector<std::string> SplitLabels(std::string_view cell) {
  std::vector<std::string> labels;
  std::size_t start = 0;
  while (start <= cell.size()) {
    std::size_t comma = cell.find(',', start);
    if (comma == std::string_view::npos) comma = cell.size();
    const std::string_view label = Trim(cell.substr(start, comma - start));
    if (!label.empty() && std::ranges::find(labels, label) == labels.end()) {
      labels.emplace_back(label);
    }
    start = comma + 1;
  }
  return labels;
}

core::Result<LabelledData> ParseLabelled(std::string_view contents, std::string_view source_name) {
  if (contents.starts_with("\xEF\xBB\xBF")) contents.remove_prefix(3);
  LabelledData data;
  std::size_t line_number = 0;
  std::size_t pos = 0;
  bool header_seen = false;
  while (pos < contents.size()) {
    std::size_t end = contents.find('\n', pos);
    if (end == std::string_view::npos) end = contents.size();
    std::string_view line = contents.substr(pos, end - pos);
    pos = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!header_seen) {
      if (Trim(line) != "text\tlabel") {
        return core::Fail(
            core::ErrorCode::kInvalidArgument,
            std::string(source_name) + ":1: expected the header 'text<TAB>label' (DESIGN.md §6)",
            "data");
      }
      header_seen = true;
      continue;
    }
    if (Trim(line).empty()) continue;
    const auto tabs = std::ranges::count(line, '\t');
    if (tabs != 1) {
      data.malformed.push_back(
          {line_number, "expected 2 tab-separated fields, found " + std::to_string(tabs + 1)});
      continue;
    }
    const std::size_t tab = line.find('\t');
    LabelledExample example{std::string(Trim(line.substr(0, tab))),
                            SplitLabels(line.substr(tab + 1)), line_number};
    if (!core::IsValidUtf8(line)) {
      data.malformed.push_back({line_number, "not valid UTF-8"});
    } else if (example.text.empty()) {
      data.malformed.push_back({line_number, "empty text"});
    } else if (example.labels.empty()) {
      data.malformed.push_back({line_number, "empty label"});
    } else {
      data.examples.push_back(std::move(example));
    }
  }
  if (!header_seen) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      std::string(source_name) + ": the file is empty (no header line)", "data");
  }
  return data;
}

core::Result<LabelledData> ReadLabelledFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return core::Fail(core::ErrorCode::kNotFound, "cannot open labelled file '" + path + "'",
                      "data");
  }
  std::stringstream buffer;
  buffer << file.rdbuf();
  return ParseLabelled(buffer.str(), path);
}

}  // namespace haven::nlp
