#include "nlp/distortions.h"

#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>

namespace haven::nlp {
namespace {

core::Error At(const std::string& path, const toml::source_region& where, std::string field,
               const std::string& problem) {
  return core::Error{core::ErrorCode::kInvalidArgument,
                     path + ":" + std::to_string(where.begin.line) + ": " + field + ": " + problem,
                     std::move(field)};
}

core::Result<Distortion> ParseEntry(const std::string& path, const toml::table& entry,
                                    std::size_t index) {
  Distortion d;
  const std::string prefix = "distortion[" + std::to_string(index) + "].";
  for (auto [key, target] :
       {std::pair{"name", &d.name}, std::pair{"title", &d.title},
        std::pair{"definition", &d.definition}, std::pair{"source", &d.source}}) {
    auto value = entry[key].value<std::string>();
    if (!value || value->empty()) {
      return std::unexpected(At(path, entry.source(), prefix + key, "required text is missing"));
    }
    *target = *value;
  }
  const toml::array* examples = entry["examples"].as_array();
  if (examples == nullptr || examples->empty()) {
    return std::unexpected(
        At(path, entry.source(), prefix + "examples", "at least one example is required"));
  }
  for (const toml::node& example : *examples) {
    auto text = example.value<std::string>();
    if (!text) return std::unexpected(At(path, example.source(), prefix + "examples", "not text"));
    d.examples.push_back(*text);
  }
  return d;
}

}  // namespace

core::Result<std::vector<Distortion>> LoadDistortions(const std::string& path) {
  if (!std::filesystem::exists(path)) {
    return core::Fail(core::ErrorCode::kNotFound, "cannot open '" + path + "'", "distortions");
  }
  toml::table table;
  try {
    table = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    return std::unexpected(At(path, e.source(), "toml", std::string(e.description())));
  }
  const toml::array* entries = table["distortion"].as_array();
  if (entries == nullptr || entries->empty()) {
    return core::Fail(core::ErrorCode::kInvalidArgument, path + ": no [[distortion]] entries",
                      "distortion");
  }
  std::vector<Distortion> out;
  for (std::size_t i = 0; i < entries->size(); ++i) {
    const toml::table* entry = (*entries)[i].as_table();
    if (entry == nullptr) {
      return std::unexpected(
          At(path, (*entries)[i].source(), "distortion[" + std::to_string(i) + "]", "not a table"));
    }
    auto parsed = ParseEntry(path, *entry, i);
    if (!parsed) return std::unexpected(parsed.error());
    if (std::ranges::any_of(out, [&](const Distortion& d) { return d.name == parsed->name; })) {
      return std::unexpected(At(path, entry->source(), "distortion[" + std::to_string(i) + "].name",
                                "duplicate name '" + parsed->name + "'"));
    }
    out.push_back(std::move(*parsed));
  }
  return out;
}

}  // namespace haven::nlp
