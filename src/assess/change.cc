#include "assess/change.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace haven::assess {
namespace {

using core::ErrorCode;
using core::Fail;
using core::Result;

constexpr double kReliableZ = 1.96;

// Direction-aware: for "higher is better" scales an increase is an improvement.
ChangeCategory Categorise(int change, double threshold, bool higher_is_better, bool inclusive) {
  double improvement = higher_is_better ? change : -change;
  bool reliable =
      inclusive ? std::abs(improvement) >= threshold : std::abs(improvement) > threshold;
  if (!reliable) return ChangeCategory::kNoReliableChange;
  return improvement > 0 ? ChangeCategory::kReliableImprovement
                         : ChangeCategory::kReliableDeterioration;
}

bool IsCase(const NhsThresholds& nhs, int total) { return total >= nhs.caseness_at; }

Result<std::vector<ScorePoint>> Sorted(const Instrument& instrument,
                                       std::span<const ScorePoint> series) {
  if (series.size() < 2) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("a {} change needs at least two scores, got {}", instrument.name,
                            series.size()),
                "series");
  }
  for (std::size_t i = 0; i < series.size(); ++i) {
    if (series[i].total < instrument.min_total || series[i].total > instrument.max_total) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("{} total {} is outside {}..{}", instrument.name, series[i].total,
                              instrument.min_total, instrument.max_total),
                  fmt::format("series[{}].total", i));
    }
  }
  std::vector<ScorePoint> sorted(series.begin(), series.end());
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const ScorePoint& a, const ScorePoint& b) { return a.at < b.at; });
  return sorted;
}

}  // namespace

double ReliableChangeThreshold(const ReliableChangeParams& params) {
  double standard_error = params.sd * std::sqrt(1.0 - params.reliability);
  return kReliableZ * std::sqrt(2.0) * standard_error;
}

double ReliableChangeIndex(int first, int last, const ReliableChangeParams& params) {
  double s_diff = std::sqrt(2.0) * params.sd * std::sqrt(1.0 - params.reliability);
  return static_cast<double>(last - first) / s_diff;
}

Result<ChangeSummary> SummariseChange(const Instrument& instrument,
                                      std::span<const ScorePoint> series) {
  auto sorted = Sorted(instrument, series);
  if (!sorted) return std::unexpected(sorted.error());
  ChangeSummary out;
  out.first = sorted->front();
  out.last = sorted->back();
  out.change = out.last.total - out.first.total;
  if (instrument.reliable_change) {
    out.rci = ReliableChangeIndex(out.first.total, out.last.total, *instrument.reliable_change);
    // Reliable when |RCI| > 1.96, i.e. |change| > 1.96 x S_diff.
    out.jacobson_truax =
        Categorise(out.change, ReliableChangeThreshold(*instrument.reliable_change),
                   instrument.higher_is_better, /*inclusive=*/false);
  }
  if (instrument.nhs) {
    // NHS thresholds are "a change of N points or more".
    out.nhs = Categorise(out.change, instrument.nhs->reliable_change_points,
                         instrument.higher_is_better, /*inclusive=*/true);
    out.case_at_first = IsCase(*instrument.nhs, out.first.total);
    out.case_at_last = IsCase(*instrument.nhs, out.last.total);
    out.recovered = out.case_at_first && !out.case_at_last;
    out.reliably_recovered = out.recovered && out.nhs == ChangeCategory::kReliableImprovement;
  }
  return out;
}

Result<CombinedOutcome> CombineNhsOutcome(const Instrument& phq9,
                                          std::span<const ScorePoint> phq9_series,
                                          const Instrument& gad7,
                                          std::span<const ScorePoint> gad7_series) {
  if (!phq9.nhs) {
    return Fail(ErrorCode::kInvalidArgument, phq9.name + " has no NHS Talking Therapies thresholds",
                "phq9");
  }
  if (!gad7.nhs) {
    return Fail(ErrorCode::kInvalidArgument, gad7.name + " has no NHS Talking Therapies thresholds",
                "gad7");
  }
  auto depression = SummariseChange(phq9, phq9_series);
  if (!depression) return std::unexpected(depression.error());
  auto anxiety = SummariseChange(gad7, gad7_series);
  if (!anxiety) return std::unexpected(anxiety.error());
  CombinedOutcome out;
  out.case_at_first = depression->case_at_first || anxiety->case_at_first;
  out.case_at_last = depression->case_at_last || anxiety->case_at_last;
  auto any = [&](ChangeCategory c) { return depression->nhs == c || anxiety->nhs == c; };
  bool improved = any(ChangeCategory::kReliableImprovement);
  bool deteriorated = any(ChangeCategory::kReliableDeterioration);
  if (improved && !deteriorated) out.category = ChangeCategory::kReliableImprovement;
  if (deteriorated && !improved) out.category = ChangeCategory::kReliableDeterioration;
  out.recovered = out.case_at_first && !out.case_at_last;
  out.reliably_recovered = out.recovered && out.category == ChangeCategory::kReliableImprovement;
  return out;
}

DueStatus NextDue(std::optional<core::Timestamp> last_submitted, int every_days,
                  const core::Clock& clock) {
  core::Timestamp now = clock.Now();
  if (!last_submitted) return DueStatus{true, now};
  core::Timestamp next = *last_submitted + std::chrono::days(std::max(every_days, 1));
  return DueStatus{now >= next, next};
}

DueStatus NextDue(const Instrument& instrument, std::optional<core::Timestamp> last_submitted,
                  const core::Clock& clock) {
  return NextDue(last_submitted, instrument.due_every_days, clock);
}

}  // namespace haven::assess
