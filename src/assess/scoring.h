// Scoring submitted answers: validation, totals, bands, screens, C-SSRS triage, safety flags.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "assess/instrument.h"
#include "core/result.h"

namespace haven::assess {

// Flag raised when PHQ-9 item 9 is above "Not at all", whatever the total.
inline constexpr std::string_view kFlagSuicidalIdeationItem = "suicidal_ideation_item";
// Flags raised by a C-SSRS screener at moderate or high risk.
inline constexpr std::string_view kFlagCssrsModerate = "cssrs_moderate_risk";
inline constexpr std::string_view kFlagCssrsHigh = "cssrs_high_risk";

// One answer: the item id and the published score of the chosen option (C-SSRS: 1 yes, 0 no).
struct ItemAnswer {
  std::string item_id;
  int value = 0;

  friend bool operator==(const ItemAnswer&, const ItemAnswer&) = default;
};

struct ScoredAssessment {
  std::string instrument_id;
  std::vector<ItemAnswer> answers;      // validated, in the instrument's item order
  std::optional<int> total;             // sum of scored items; empty for the C-SSRS
  std::optional<int> percentage;        // WHO-5: total x 4
  std::string band_code;                // e.g. "moderately_severe"; empty for the C-SSRS
  std::optional<CssrsRisk> cssrs_risk;  // C-SSRS only
  bool screen_positive = false;         // PHQ-2 / GAD-2 at or above the cut point
  std::string offer_instrument_id;      // instrument to offer when screen_positive, e.g. "phq9"
  std::vector<std::string> flags;       // safety flags; any flag starts the safety flow
};

// Validates and scores `answers` for `instrument`. Pure and thread-safe.
// InvalidArgument (field "answers.<item>" or "answers") for an unknown or repeated item, a value
// that is not one of the item's published scores, an answer to a question the skip logic skips,
// or a missing required answer. No total is ever made up from incomplete answers.
[[nodiscard]] core::Result<ScoredAssessment> Score(const Instrument& instrument,
                                                   std::span<const ItemAnswer> answers);

// True when the result must start the safety flow (crisis resources, care-team alert):
// PHQ-9 item 9 > 0, or C-SSRS moderate or high risk.
[[nodiscard]] bool StartsSafetyFlow(const ScoredAssessment& scored);

// The answer to `item_id`, if given.
[[nodiscard]] std::optional<int> AnswerFor(std::span<const ItemAnswer> answers,
                                           std::string_view item_id);

}  // namespace haven::assess
