// Change over time: Jacobson–Truax reliable change, NHS Talking Therapies outcomes, due dates.
#pragma once

#include <optional>
#include <span>

#include "assess/instrument.h"
#include "core/clock.h"
#include "core/result.h"

namespace haven::assess {

// One scored submission in a series.
struct ScorePoint {
  core::Timestamp at;
  int total = 0;
};

enum class ChangeCategory { kNoReliableChange, kReliableImprovement, kReliableDeterioration };

// Jacobson & Truax (1991): RCI = (last - first) / S_diff, S_diff = sqrt(2) * SD * sqrt(1 - r).
// |RCI| > 1.96 is reliable change. Raises no error; params must have sd > 0 and 0 < r < 1.
[[nodiscard]] double ReliableChangeIndex(int first, int last, const ReliableChangeParams& params);

// Smallest change in points that counts as reliable under Jacobson–Truax (1.96 x S_diff).
[[nodiscard]] double ReliableChangeThreshold(const ReliableChangeParams& params);

struct ChangeSummary {
  ScorePoint first;  // earliest point of the series
  ScorePoint last;   // latest point
  int change = 0;    // last.total - first.total
  // Jacobson–Truax, when the instrument has reliable_change parameters.
  std::optional<double> rci;
  std::optional<ChangeCategory> jacobson_truax;
  // NHS Talking Therapies thresholds, when the instrument has them (PHQ-9, GAD-7).
  std::optional<ChangeCategory> nhs;
  bool case_at_first = false;
  bool case_at_last = false;
  bool recovered = false;           // case at first and not at last
  bool reliably_recovered = false;  // recovered and NHS reliable improvement
};

// Summarises a series for one instrument (any order; sorted by time here). InvalidArgument
// (field "series") with fewer than two points, or (field "series[i].total") for a total outside
// the instrument's range.
[[nodiscard]] core::Result<ChangeSummary> SummariseChange(const Instrument& instrument,
                                                          std::span<const ScorePoint> series);

// NHS Talking Therapies combined outcome over PHQ-9 and GAD-7 for one course of care.
struct CombinedOutcome {
  bool case_at_first = false;  // PHQ-9 or GAD-7 at caseness at the first pair
  bool case_at_last = false;
  ChangeCategory category = ChangeCategory::kNoReliableChange;
  bool recovered = false;
  bool reliably_recovered = false;
};

// Reliable improvement: at least one measure improves reliably and neither deteriorates
// reliably; deterioration is the mirror image. Recovery: a case at the first pair and not at
// the last. Reliable recovery: both. InvalidArgument when either instrument lacks NHS
// thresholds (field "phq9" or "gad7") or a series is invalid.
[[nodiscard]] core::Result<CombinedOutcome> CombineNhsOutcome(
    const Instrument& phq9, std::span<const ScorePoint> phq9_series, const Instrument& gad7,
    std::span<const ScorePoint> gad7_series);

struct DueStatus {
  bool due = true;
  core::Timestamp next_due;  // when it becomes (or became) due
};

// An instrument is due every `every_days` after the last submission, and at once if there has
// never been one. Thread-safe given a thread-safe clock.
[[nodiscard]] DueStatus NextDue(std::optional<core::Timestamp> last_submitted, int every_days,
                                const core::Clock& clock);

// NextDue with the instrument's own interval (due_every_days, default 14).
[[nodiscard]] DueStatus NextDue(const Instrument& instrument,
                                std::optional<core::Timestamp> last_submitted,
                                const core::Clock& clock);

}  // namespace haven::assess
