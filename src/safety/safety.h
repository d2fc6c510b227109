// Crisis detection and crisis resources: the check every user text passes first.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "safety/risk.h"

namespace haven::safety {

class CrisisRules;  // compiled patterns from content/safety/crisis_rules.toml

// What recent history says about this person; raises sensitivity, never lowers it.
struct SafetyContext {
  bool recent_crisis = false;           // a crisis-level event in the configured window
  bool recent_risk_item_positive = false;  // e.g. PHQ-9 item 9 > 0 in the window
};

// Judges a text. Immutable after construction; Assess is const and thread-safe.
class SafetyAssessor {
 public:
  // Loads rules from `content_dir`/safety/. InvalidArgument naming file, line and field when
  // the content is malformed.
  [[nodiscard]] static core::Result<std::shared_ptr<const SafetyAssessor>> Load(
      const std::string& content_dir);
  explicit SafetyAssessor(std::shared_ptr<const CrisisRules> rules);
  ~SafetyAssessor();

  // Level, score and reasons for one text. Never fails: malformed or foreign text is judged
  // on what can be read of it.
  [[nodiscard]] RiskAssessment Assess(std::string_view text, const SafetyContext& context) const;

 private:
  std::shared_ptr<const CrisisRules> rules_;
};

struct Hotline {
  std::string name;
  std::string phone;   // as dialled locally, "" if none
  std::string sms;     // text line, "" if none
  std::string url;     // chat or information page, "" if none
  std::string hours;   // e.g. "24/7"
  std::string source;  // where the entry was checked (URL), required
};

// Help a person in a given place can reach now.
struct CrisisResources {
  std::string country;           // ISO 3166-1 alpha-2, or "" when the locale names none known
  std::string emergency_number;  // e.g. "911", "112"; "" when the country is unknown
  std::vector<Hotline> hotlines;        // the country's lines, best first
  std::vector<Hotline> international;   // directories that work anywhere (always present)
};

// Hotlines by country from content/hotlines/. Immutable after load; thread-safe.
class HotlineDirectory {
 public:
  [[nodiscard]] static core::Result<std::shared_ptr<const HotlineDirectory>> Load(
      const std::string& content_dir);
  // Resources for a BCP 47 locale ("es-MX" -> MX). A locale without a known region, or a
  // region without entries, gets the international directories (and the emergency number
  // when the region is known).
  [[nodiscard]] CrisisResources ForLocale(std::string_view locale) const;

  struct Country {
    std::string code;
    std::string emergency_number;
    std::vector<Hotline> hotlines;
  };
  HotlineDirectory(std::vector<Country> countries, std::vector<Hotline> international);

 private:
  std::vector<Country> countries_;
  std::vector<Hotline> international_;
};

// The crisis reply text in the person's language ("en" or "es"; others get English): warm,
// direct, urges reaching a person now, lists the resources. Plain text with line breaks.
[[nodiscard]] std::string ComposeCrisisMessage(const CrisisResources& resources,
                                               std::string_view language);

}  // namespace haven::safety
