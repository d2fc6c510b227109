#include <algorithm>
#include <cctype>
#include <set>

#include "safety/content_loader.h"
#include "safety/safety.h"

namespace haven::safety {
namespace {

using content::FieldError;
using content::LineOf;

core::Result<Hotline> ParseHotline(const std::string& path, const toml::table& table) {
  Hotline line;
  auto name = content::RequireString(path, table, "name");
  if (!name) return std::unexpected(name.error());
  line.name = *name;
  for (auto [key, out] : {std::pair{"phone", &line.phone}, std::pair{"sms", &line.sms},
                          std::pair{"url", &line.url}, std::pair{"hours", &line.hours}}) {
    auto value = content::OptionalString(path, table, key);
    if (!value) return std::unexpected(value.error());
    *out = *value;
  }
  if (line.phone.empty() && line.sms.empty() && line.url.empty()) {
    return std::unexpected(
        FieldError(path, LineOf(table), "phone", "needs at least one of phone, sms or url"));
  }
  auto source = content::RequireString(path, table, "source");
  if (!source) return std::unexpected(source.error());
  if (!source->starts_with("https://") && !source->starts_with("http://")) {
    return std::unexpected(
        FieldError(path, LineOf(*table.get("source")), "source", "must be a URL"));
  }
  line.source = *source;
  return line;
}

core::Result<std::vector<Hotline>> ParseHotlines(const std::string& path, const toml::table& table,
                                                 std::string_view key) {
  auto tables = content::TableArray(path, table, key);
  if (!tables) return std::unexpected(tables.error());
  std::vector<Hotline> lines;
  for (const toml::table* entry : *tables) {
    auto line = ParseHotline(path, *entry);
    if (!line) return std::unexpected(line.error());
    lines.push_back(std::move(*line));
  }
  return lines;
}

core::Result<HotlineDirectory::Country> ParseCountry(const std::string& path,
                                                     const toml::table& table) {
  HotlineDirectory::Country country;
  auto code = content::RequireString(path, table, "code");
  if (!code) return std::unexpected(code.error());
  const bool well_formed = code->size() == 2 && std::all_of(code->begin(), code->end(), [](char c) {
                             return c >= 'A' && c <= 'Z';
                           });
  if (!well_formed) {
    return std::unexpected(FieldError(path, LineOf(*table.get("code")), "code",
                                      "must be an upper-case ISO 3166-1 alpha-2 code"));
  }
  country.code = *code;
  auto emergency = content::RequireString(path, table, "emergency_number");
  if (!emergency) return std::unexpected(emergency.error());
  country.emergency_number = *emergency;
  auto emergency_source = content::RequireString(path, table, "emergency_source");
  if (!emergency_source) return std::unexpected(emergency_source.error());
  auto lines = ParseHotlines(path, table, "hotline");
  if (!lines) return std::unexpected(lines.error());
  country.hotlines = std::move(*lines);
  auto abuse_lines = ParseHotlines(path, table, "abuse_line");
  if (!abuse_lines) return std::unexpected(abuse_lines.error());
  country.abuse_lines = std::move(*abuse_lines);
  return country;
}

// Upper-case region subtag of a BCP 47 locale ("es-MX", "zh_Hant_TW"), "" when none.
std::string RegionOf(std::string_view locale) {
  std::size_t start = 0;
  bool first = true;
  while (start <= locale.size()) {
    std::size_t stop = locale.find_first_of("-_", start);
    if (stop == std::string_view::npos) stop = locale.size();
    const std::string_view part = locale.substr(start, stop - start);
    const bool alpha2 = part.size() == 2 && std::isalpha(static_cast<unsigned char>(part[0])) &&
                        std::isalpha(static_cast<unsigned char>(part[1]));
    if (!first && alpha2) {
      std::string region;
      for (char c : part) region.push_back(static_cast<char>(std::toupper(c)));
      return region == "UK" ? "GB" : region;
    }
    first = false;
    start = stop + 1;
  }
  return "";
}

}  // namespace

HotlineDirectory::HotlineDirectory(std::vector<Country> countries,
                                   std::vector<Hotline> international)
    : countries_(std::move(countries)), international_(std::move(international)) {}

core::Result<std::shared_ptr<const HotlineDirectory>> HotlineDirectory::Load(
    const std::string& content_dir) {
  const std::string path = content_dir + "/hotlines/hotlines.toml";
  auto root = content::ParseTomlFile(path);
  if (!root) return std::unexpected(root.error());
  auto international = ParseHotlines(path, *root, "international");
  if (!international) return std::unexpected(international.error());
  if (international->empty()) {
    return std::unexpected(
        FieldError(path, 1, "international", "at least one international directory is required"));
  }
  auto tables = content::TableArray(path, *root, "country");
  if (!tables) return std::unexpected(tables.error());
  std::vector<Country> countries;
  std::set<std::string> codes;
  for (const toml::table* table : *tables) {
    auto country = ParseCountry(path, *table);
    if (!country) return std::unexpected(country.error());
    if (!codes.insert(country->code).second) {
      return std::unexpected(
          FieldError(path, LineOf(*table), "code", "duplicate country '" + country->code + "'"));
    }
    countries.push_back(std::move(*country));
  }
  return std::make_shared<const HotlineDirectory>(std::move(countries), std::move(*international));
}

CrisisResources HotlineDirectory::ForLocale(std::string_view locale) const {
  CrisisResources resources;
  resources.international = international_;
  const std::string region = RegionOf(locale);
  if (region.empty()) return resources;
  const auto it = std::find_if(countries_.begin(), countries_.end(),
                               [&region](const Country& c) { return c.code == region; });
  if (it == countries_.end()) return resources;
  resources.country = it->code;
  resources.emergency_number = it->emergency_number;
  resources.hotlines = it->hotlines;
  resources.abuse_lines = it->abuse_lines;
  return resources;
}

}  // namespace haven::safety
