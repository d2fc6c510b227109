// Instruments as data: the in-memory form of content/instruments/*.toml.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace haven::assess {

// Text in every supported locale, keyed by language code ("en", "es").
using LocalizedText = std::map<std::string, std::string, std::less<>>;

// The text for `locale` ("es", "es-MX", ...), falling back to English.
[[nodiscard]] const std::string& TextFor(const LocalizedText& text, std::string_view locale);

// The locales every instrument must carry.
inline constexpr std::string_view kRequiredLocales[] = {"en", "es"};

// One answer choice with its published score.
struct AnswerOption {
  int score = 0;
  std::string loinc;  // LOINC answer code (LA...), empty when none is published
  LocalizedText label;
};

// Shown only when another item has a given value (C-SSRS skip logic; FHIR enableWhen).
struct EnableWhen {
  std::string item_id;
  int equals = 0;
};

struct Item {
  std::string id;      // stable id used as FHIR linkId, e.g. "q9"
  std::string loinc;   // LOINC question code, empty when none is confirmed
  bool scored = true;  // counts toward the total (PHQ-9 "difficulty" does not)
  bool required = true;
  std::optional<EnableWhen> enable_when;
  LocalizedText text;
  std::vector<AnswerOption> options;
};

// A severity band over the banded value (total, or percentage for WHO-5), inclusive.
struct Band {
  int min = 0;
  int max = 0;
  std::string code;  // "minimal", "mild", ...
  LocalizedText label;
};

enum class ScoringKind {
  kSum,    // total = sum of scored items (PHQ-9, GAD-7, PHQ-2, GAD-2, WHO-5)
  kCssrs,  // no total; risk level from rules over yes/no items (C-SSRS screener)
};

// C-SSRS screener triage, ordered.
enum class CssrsRisk { kNone = 0, kLow = 1, kModerate = 2, kHigh = 3 };
[[nodiscard]] std::string_view CssrsRiskName(CssrsRisk risk);  // "none", "low", ...

// Highest matching rule wins: `level` if any listed item was answered yes (1).
struct RiskRule {
  CssrsRisk level = CssrsRisk::kNone;
  std::vector<std::string> any_yes;
};

// A safety flag raised when `item_id`'s value is above `above`.
struct ItemFlag {
  std::string name;
  std::string item_id;
  int above = 0;
};

// A short screen that, when positive, offers a full instrument.
struct Screen {
  int positive_at = 0;   // total >= this is positive
  std::string offer_id;  // instrument to offer, e.g. "phq9"
};

// Jacobson–Truax inputs, with their sources kept beside the numbers in content.
struct ReliableChangeParams {
  double sd = 0.0;
  double reliability = 0.0;
};

// NHS Talking Therapies outcome thresholds for one measure.
struct NhsThresholds {
  int reliable_change_points = 0;  // change of at least this many points is reliable
  int caseness_at = 0;             // total >= this is a clinical case
};

struct Licence {
  std::string holder;
  std::string note;
  std::string source;
  std::string translation_source;
};

struct Instrument {
  std::string id;  // "phq9", "gad7", "phq2", "gad2", "who5", "cssrs_screen"
  std::string name;
  std::string version;
  ScoringKind kind = ScoringKind::kSum;
  LocalizedText title;
  LocalizedText instructions;
  Licence licence;
  std::string panel_loinc;  // empty when no panel code is confirmed
  std::string total_loinc;  // empty when no total code is confirmed
  std::vector<Item> items;
  int min_total = 0;
  int max_total = 0;
  int percentage_multiplier = 0;  // WHO-5: 4; 0 when the instrument has no percentage
  bool bands_on_percentage = false;
  bool higher_is_better = false;
  int due_every_days = 14;
  std::vector<Band> bands;
  std::vector<ItemFlag> flags;
  std::vector<RiskRule> risk_rules;
  std::optional<Screen> screen;
  std::optional<ReliableChangeParams> reliable_change;
  std::optional<NhsThresholds> nhs;
  std::string source_path;  // file it was loaded from, for messages

  // The item with this id, or nullptr.
  [[nodiscard]] const Item* FindItem(std::string_view item_id) const;
  // The band containing `value`, or nullptr when none does.
  [[nodiscard]] const Band* BandFor(int value) const;
};

}  // namespace haven::assess
