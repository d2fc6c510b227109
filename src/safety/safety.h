// Crisis detection and crisis resources: the check every user text passes first.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "safety/crisis_policy.h"
#include "safety/risk.h"

namespace haven::nlp {
struct Analysis;  // nlp/analyzer.h: the crisis model's score for the same text
}

namespace haven::safety {

class CrisisRules;  // compiled patterns from content/safety/crisis_rules.toml

// What recent history says about this person; raises sensitivity, never lowers it.
struct SafetyContext {
  bool recent_crisis = false;              // a crisis-level event in the configured window
  bool recent_risk_item_positive = false;  // e.g. PHQ-9 item 9 > 0 in the window
};

// Judges a text. Immutable after construction; Assess is const and thread-safe.
class SafetyAssessor {
 public:
  // Loads rules from `content_dir`/safety/crisis_rules.toml and the model thresholds from
  // `content_dir`/safety/crisis_policy.toml. InvalidArgument naming file, line and field when
  // the content is malformed or missing (a bad pattern also names the rule id).
  [[nodiscard]] static core::Result<std::shared_ptr<const SafetyAssessor>> Load(
      const std::string& content_dir);
  // Rules only: the model's score is never enough on its own (thresholds above 1).
  explicit SafetyAssessor(std::shared_ptr<const CrisisRules> rules);
  SafetyAssessor(std::shared_ptr<const CrisisRules> rules, CrisisPolicy policy);
  ~SafetyAssessor();

  // Level, score and reasons for one text: rules + crisis model + context. `analysis` is
  // nlp::Analyzer::Analyze of the same text, or nullptr when no models are loaded (rules and
  // context only). Never fails: malformed or foreign text is judged on what can be read of it.
  // Policy: a rule that counted in full -> crisis; else P(crisis) >= the policy's crisis
  // threshold (lower after a recent crisis or risk item) -> crisis, >= elevated -> elevated;
  // a negated or past rule match raises the bar for the model, and a match about someone else
  // keeps the model at elevated. Reasons: {"rule", id}, {"negated"|"third_party"|"past", id},
  // {"model", "crisis=0.93 (threshold 0.40)"}, {"context", "recent_crisis"|"recent_risk_item"}.
  // An elevated text gets CheckIn::kGentle only on the weakest evidence (ModelBand::gentle_below).
  [[nodiscard]] RiskAssessment Assess(std::string_view text, const nlp::Analysis* analysis,
                                      const SafetyContext& context) const;
  // Same as Assess(text, nullptr, context): rules and context only.
  [[nodiscard]] RiskAssessment Assess(std::string_view text, const SafetyContext& context) const;

  [[nodiscard]] const CrisisRules& rules() const { return *rules_; }
  [[nodiscard]] const CrisisPolicy& policy() const { return policy_; }

 private:
  std::shared_ptr<const CrisisRules> rules_;
  CrisisPolicy policy_;
};

struct Hotline {
  std::string name;
  std::string phone;   // as dialled locally, "" if none
  std::string sms;     // text line, e.g. "85258" or "HOME to 741741", "" if none
  std::string url;     // chat or information page, "" if none
  std::string hours;   // e.g. "24/7"
  std::string source;  // where the entry was checked (URL), required
};

// Help a person in a given place can reach now.
struct CrisisResources {
  std::string country;            // ISO 3166-1 alpha-2, or "" when the locale names none known
  std::string emergency_number;   // e.g. "911", "112"; "" when the country is unknown
  std::vector<Hotline> hotlines;  // the country's lines, best first
  // Lines for people harmed or threatened by someone else (domestic and sexual violence), for
  // crisis replies about danger from others; may be empty.
  std::vector<Hotline> abuse_lines;
  std::vector<Hotline> international;  // directories that work anywhere (always present)
};

// Hotlines by country from content/hotlines/hotlines.toml. Immutable after load; thread-safe.
class HotlineDirectory {
 public:
  // InvalidArgument naming file, line and field when an entry is malformed or has no source,
  // or when there is no international directory.
  [[nodiscard]] static core::Result<std::shared_ptr<const HotlineDirectory>> Load(
      const std::string& content_dir);
  // Resources for a BCP 47 locale ("es-MX" -> MX, "en_GB" -> GB, "en-UK" -> GB). A locale
  // without a region ("fr"), or with a region without entries ("xx-ZZ"), gets the
  // international directories only, with emergency_number "".
  [[nodiscard]] CrisisResources ForLocale(std::string_view locale) const;

  struct Country {
    std::string code;
    std::string emergency_number;
    std::vector<Hotline> hotlines;
    std::vector<Hotline> abuse_lines;
  };
  HotlineDirectory(std::vector<Country> countries, std::vector<Hotline> international);

  [[nodiscard]] const std::vector<Country>& countries() const { return countries_; }

 private:
  std::vector<Country> countries_;
  std::vector<Hotline> international_;
};

// The language Haven has texts for that suits `locale`: "es" for Spanish locales, else "en".
[[nodiscard]] std::string SupportedLanguage(std::string_view locale);

// The texts safety replies are made of, from content/safety/messages.toml (en, es).
// Immutable after load; thread-safe.
class SafetyMessages {
 public:
  // InvalidArgument naming file, line and field when a language or a text is missing.
  [[nodiscard]] static core::Result<std::shared_ptr<const SafetyMessages>> Load(
      const std::string& content_dir);
  explicit SafetyMessages(std::map<std::string, std::map<std::string, std::string>> texts);

  // The crisis reply for `locale`: warm, direct, urges reaching a person now, lists the
  // emergency number, the country's hotlines and the international directories, and offers
  // help reaching a human; says the care team was alerted only when it was. Plain text.
  // Danger::kFromOthers (someone is hurting or threatening the writer) opens with words for
  // that and lists the country's domestic and sexual violence lines first.
  enum class CareTeam { kNotAlerted, kAlerted };
  [[nodiscard]] std::string ComposeCrisis(const CrisisResources& resources, std::string_view locale,
                                          CareTeam care_team = CareTeam::kNotAlerted,
                                          Danger danger = Danger::kToSelf) const;
  // The supportive reply to an elevated text: acknowledges, asks directly about safety, and
  // says where help is. `about_someone_else` picks the text for worry about another person;
  // Danger::kFromOthers (abuse told as past, say) asks about safety from that person and lists
  // the abuse lines first.
  [[nodiscard]] std::string ComposeElevated(const CrisisResources& resources,
                                            std::string_view locale, bool about_someone_else,
                                            Danger danger = Danger::kToSelf) const;
  // The gentle check-in added after the normal reply when the evidence is weakest
  // (CheckIn::kGentle): an open door, no presumption, help one tap away. Plain text.
  [[nodiscard]] std::string ComposeGentleCheckIn(std::string_view locale) const;

  // Keys every language must define.
  static constexpr std::string_view kKeys[] = {"crisis_opening",
                                               "emergency_known",
                                               "emergency_unknown",
                                               "hotlines_heading",
                                               "international_heading",
                                               "human_offer",
                                               "elevated",
                                               "elevated_third_party",
                                               "gentle_check_in",
                                               "call",
                                               "text",
                                               "open",
                                               "care_team_alerted",
                                               "abuse_opening",
                                               "abuse_emergency_known",
                                               "abuse_emergency_unknown",
                                               "abuse_lines_heading",
                                               "elevated_abuse"};

 private:
  [[nodiscard]] const std::string& Text(std::string_view language, std::string_view key) const;
  [[nodiscard]] std::string ResourceLines(const CrisisResources& resources,
                                          std::string_view language,
                                          Danger danger = Danger::kToSelf) const;

  std::map<std::string, std::map<std::string, std::string>> texts_;  // language -> key -> text
};

}  // namespace haven::safety
