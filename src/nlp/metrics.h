// Classification metrics for `haven eval`: per-label precision/recall/F1/support over
// multi-label predictions, macro-F1, crisis recall and false-positive rate, distortion detection.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "nlp/labelled_data.h"

namespace haven::nlp {

using LabelSets = std::vector<std::vector<std::string>>;

struct LabelMetrics {
  std::string label;
  std::size_t true_positives = 0;
  std::size_t false_positives = 0;
  std::size_t false_negatives = 0;
  std::size_t support = 0;       // gold occurrences
  double precision = 0.0;        // 0 when the label was never predicted
  std::optional<double> recall;  // nullopt when support == 0 (undefined)
  std::optional<double> f1;      // nullopt when support == 0
};

struct DetectionFigures {  // a binary "positive vs negative" view of the labels
  double precision = 0.0;
  std::optional<double> recall;
  std::optional<double> f1;
  std::size_t support = 0;
};

struct EvalReport {
  std::string task;
  std::size_t examples = 0;
  std::vector<LabelMetrics> labels;  // in the order given
  std::optional<double> macro_f1;    // mean F1 over labels with support > 0
  // Crisis only: recall of "crisis" and false-positive rate on the rest at `threshold`.
  bool has_crisis_figures = false;
  std::optional<double> recall;  // nullopt when no example is labelled crisis
  std::optional<double> fpr;     // nullopt when every example is labelled crisis
  double threshold = 0.0;
  std::optional<DetectionFigures> detection;  // distortion: any distortion vs "none"
  std::vector<MalformedLine> malformed;
};

// Per-label counts and scores. `gold` and `predicted` are parallel; a label counts once per
// example. Labels are reported in `label_order`; labels met in the data but absent from it are
// appended in sorted order.
[[nodiscard]] EvalReport ScoreLabels(const LabelSets& gold, const LabelSets& predicted,
                                     std::vector<std::string> label_order);

// Adds recall and FPR of `positive_label` ("crisis") at the given threshold.
void AddCrisisFigures(EvalReport& report, const LabelSets& gold, const LabelSets& predicted,
                      const std::string& positive_label, double threshold);

// Adds detection figures: an example is positive when it has any label but `negative_label`.
void AddDetectionFigures(EvalReport& report, const LabelSets& gold, const LabelSets& predicted,
                         const std::string& negative_label);

// One JSON object: labels.{name}.{precision,recall,f1,support}, macro_f1, and when present
// recall, fpr, threshold, detection.{precision,recall,f1}; undefined values are null.
[[nodiscard]] nlohmann::json ToJson(const EvalReport& report);

// A human-readable table with the same figures and the malformed lines.
[[nodiscard]] std::string FormatReport(const EvalReport& report);

}  // namespace haven::nlp
