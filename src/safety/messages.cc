#include <cctype>

#include "safety/content_loader.h"
#include "safety/safety.h"

namespace haven::safety {
namespace {

// Replaces every "{name}" in `text` with `value`.
std::string Fill(std::string text, std::string_view name, std::string_view value) {
  const std::string key = "{" + std::string(name) + "}";
  for (std::size_t at = text.find(key); at != std::string::npos;
       at = text.find(key, at + value.size())) {
    text.replace(at, key.size(), value);
  }
  return text;
}

}  // namespace

std::string SupportedLanguage(std::string_view locale) {
  const std::string_view primary = locale.substr(0, locale.find_first_of("-_"));
  if (primary.size() == 2 && std::tolower(static_cast<unsigned char>(primary[0])) == 'e' &&
      std::tolower(static_cast<unsigned char>(primary[1])) == 's') {
    return "es";
  }
  return "en";
}

SafetyMessages::SafetyMessages(std::map<std::string, std::map<std::string, std::string>> texts)
    : texts_(std::move(texts)) {}

core::Result<std::shared_ptr<const SafetyMessages>> SafetyMessages::Load(
    const std::string& content_dir) {
  const std::string path = content_dir + "/safety/messages.toml";
  auto root = content::ParseTomlFile(path);
  if (!root) return std::unexpected(root.error());
  std::map<std::string, std::map<std::string, std::string>> texts;
  for (std::string_view language : {"en", "es"}) {
    const toml::table* table = (*root)[language].as_table();
    if (table == nullptr) {
      return std::unexpected(content::FieldError(path, 1, language, "language table is missing"));
    }
    for (std::string_view key : kKeys) {
      auto text = content::RequireString(path, *table, key);
      if (!text) return std::unexpected(text.error());
      texts[std::string(language)][std::string(key)] = *text;
    }
  }
  return std::make_shared<const SafetyMessages>(std::move(texts));
}

const std::string& SafetyMessages::Text(std::string_view language, std::string_view key) const {
  auto lang = texts_.find(std::string(language));
  if (lang == texts_.end()) lang = texts_.find("en");
  static const std::string kEmpty;
  if (lang == texts_.end()) return kEmpty;
  const auto text = lang->second.find(std::string(key));
  return text == lang->second.end() ? kEmpty : text->second;
}

std::string SafetyMessages::ResourceLines(const CrisisResources& resources,
                                          std::string_view language, Danger danger) const {
  std::string out;
  const auto append_line = [&](const Hotline& line) {
    std::string entry = "- " + line.name + ":";
    std::string sep = " ";
    if (!line.phone.empty()) entry += sep + Fill(Text(language, "call"), "phone", line.phone);
    if (!line.phone.empty()) sep = ", ";
    if (!line.sms.empty()) entry += sep + Fill(Text(language, "text"), "sms", line.sms);
    if (!line.sms.empty()) sep = ", ";
    if (!line.url.empty()) entry += sep + Fill(Text(language, "open"), "url", line.url);
    if (!line.hours.empty()) entry += " (" + line.hours + ")";
    out += entry + "\n";
  };
  const bool from_others = danger == Danger::kFromOthers;
  if (resources.emergency_number.empty()) {
    out += Text(language, from_others ? "abuse_emergency_unknown" : "emergency_unknown") + "\n";
  } else {
    out += Fill(Text(language, from_others ? "abuse_emergency_known" : "emergency_known"),
                "emergency", resources.emergency_number) +
           "\n";
  }
  if (from_others && !resources.abuse_lines.empty()) {
    out += "\n" + Text(language, "abuse_lines_heading") + "\n";
    for (const Hotline& line : resources.abuse_lines) append_line(line);
  }
  if (!resources.hotlines.empty()) {
    out += "\n" + Text(language, "hotlines_heading") + "\n";
    for (const Hotline& line : resources.hotlines) append_line(line);
  }
  out += "\n" + Text(language, "international_heading") + "\n";
  for (const Hotline& line : resources.international) append_line(line);
  return out;
}

std::string SafetyMessages::ComposeCrisis(const CrisisResources& resources, std::string_view locale,
                                          CareTeam care_team, Danger danger) const {
  const std::string language = SupportedLanguage(locale);
  const std::string_view opening =
      danger == Danger::kFromOthers ? "abuse_opening" : "crisis_opening";
  std::string text = Text(language, opening) + "\n\n" + ResourceLines(resources, language, danger) +
                     "\n" + Text(language, "human_offer");
  if (care_team == CareTeam::kAlerted) text += "\n" + Text(language, "care_team_alerted");
  return text;
}

std::string SafetyMessages::ComposeElevated(const CrisisResources& resources,
                                            std::string_view locale, bool about_someone_else,
                                            Danger danger) const {
  const std::string language = SupportedLanguage(locale);
  if (danger == Danger::kFromOthers) {
    return Text(language, "elevated_abuse") + "\n\n" + ResourceLines(resources, language, danger);
  }
  const std::string_view key = about_someone_else ? "elevated_third_party" : "elevated";
  return Text(language, key) + "\n\n" + ResourceLines(resources, language);
}

std::string SafetyMessages::ComposeGentleCheckIn(std::string_view locale) const {
  return Text(SupportedLanguage(locale), "gentle_check_in");
}

}  // namespace haven::safety
