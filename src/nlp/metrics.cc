#include "nlp/metrics.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace haven::nlp {
namespace {

bool Contains(const std::vector<std::string>& labels, const std::string& label) {
  return std::ranges::find(labels, label) != labels.end();
}

void Finish(LabelMetrics& m) {
  const std::size_t predicted = m.true_positives + m.false_positives;
  m.precision = predicted == 0 ? 0.0 : static_cast<double>(m.true_positives) / predicted;
  if (m.support == 0) return;
  m.recall = static_cast<double>(m.true_positives) / static_cast<double>(m.support);
  const double sum = m.precision + *m.recall;
  m.f1 = sum == 0.0 ? 0.0 : 2.0 * m.precision * *m.recall / sum;
}

nlohmann::json Optional(const std::optional<double>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

std::string Cell(const std::optional<double>& value) {
  return value ? fmt::format("{:.3f}", *value) : std::string("n/a");
}

}  // namespace

EvalReport ScoreLabels(const LabelSets& gold, const LabelSets& predicted,
                       std::vector<std::string> label_order) {
  std::set<std::string> extra;
  for (const LabelSets* sets : {&gold, &predicted}) {
    for (const auto& labels : *sets) {
      for (const auto& label : labels) {
        if (!Contains(label_order, label)) extra.insert(label);
      }
    }
  }
  label_order.insert(label_order.end(), extra.begin(), extra.end());

  EvalReport report;
  report.examples = gold.size();
  for (const std::string& label : label_order) {
    LabelMetrics m;
    m.label = label;
    for (std::size_t i = 0; i < gold.size(); ++i) {
      const bool is_gold = Contains(gold[i], label);
      const bool is_predicted = i < predicted.size() && Contains(predicted[i], label);
      m.support += is_gold ? 1 : 0;
      m.true_positives += is_gold && is_predicted ? 1 : 0;
      m.false_positives += !is_gold && is_predicted ? 1 : 0;
      m.false_negatives += is_gold && !is_predicted ? 1 : 0;
    }
    Finish(m);
    report.labels.push_back(std::move(m));
  }
  double sum = 0.0;
  std::size_t counted = 0;
  for (const LabelMetrics& m : report.labels) {
    if (!m.f1) continue;
    sum += *m.f1;
    ++counted;
  }
  if (counted > 0) report.macro_f1 = sum / static_cast<double>(counted);
  return report;
}

void AddCrisisFigures(EvalReport& report, const LabelSets& gold, const LabelSets& predicted,
                      const std::string& positive_label, double threshold) {
  std::size_t positives = 0, hits = 0, negatives = 0, false_alarms = 0;
  for (std::size_t i = 0; i < gold.size(); ++i) {
    const bool is_gold = Contains(gold[i], positive_label);
    const bool is_predicted = i < predicted.size() && Contains(predicted[i], positive_label);
    (is_gold ? positives : negatives) += 1;
    if (is_gold && is_predicted) ++hits;
    if (!is_gold && is_predicted) ++false_alarms;
  }
  report.has_crisis_figures = true;
  report.threshold = threshold;
  report.recall.reset();
  report.fpr.reset();
  if (positives > 0) report.recall = static_cast<double>(hits) / static_cast<double>(positives);
  if (negatives > 0) {
    report.fpr = static_cast<double>(false_alarms) / static_cast<double>(negatives);
  }
}

void AddDetectionFigures(EvalReport& report, const LabelSets& gold, const LabelSets& predicted,
                         const std::string& negative_label) {
  auto positive = [&](const std::vector<std::string>& labels) {
    return std::ranges::any_of(labels, [&](const std::string& l) { return l != negative_label; });
  };
  LabelMetrics m;
  for (std::size_t i = 0; i < gold.size(); ++i) {
    const bool is_gold = positive(gold[i]);
    const bool is_predicted = i < predicted.size() && positive(predicted[i]);
    m.support += is_gold ? 1 : 0;
    m.true_positives += is_gold && is_predicted ? 1 : 0;
    m.false_positives += !is_gold && is_predicted ? 1 : 0;
  }
  Finish(m);
  report.detection = DetectionFigures{m.precision, m.recall, m.f1, m.support};
}

nlohmann::json ToJson(const EvalReport& report) {
  nlohmann::json out;
  out["task"] = report.task;
  out["examples"] = report.examples;
  out["labels"] = nlohmann::json::object();
  for (const LabelMetrics& m : report.labels) {
    out["labels"][m.label] = {{"precision", m.precision},
                              {"recall", Optional(m.recall)},
                              {"f1", Optional(m.f1)},
                              {"support", m.support}};
  }
  out["macro_f1"] = Optional(report.macro_f1);
  if (report.has_crisis_figures) {
    out["recall"] = Optional(report.recall);
    out["fpr"] = Optional(report.fpr);
    out["threshold"] = report.threshold;
  }
  if (report.detection) {
    out["detection"] = {{"precision", report.detection->precision},
                        {"recall", Optional(report.detection->recall)},
                        {"f1", Optional(report.detection->f1)},
                        {"support", report.detection->support}};
  }
  out["malformed_lines"] = nlohmann::json::array();
  for (const MalformedLine& bad : report.malformed) {
    out["malformed_lines"].push_back({{"line", bad.line}, {"reason", bad.reason}});
  }
  return out;
}

std::string FormatReport(const EvalReport& report) {
  std::string out = fmt::format("task {} · {} examples\n", report.task, report.examples);
  out += fmt::format("{:<22} {:>9} {:>9} {:>9} {:>8}\n", "label", "precision", "recall", "f1",
                     "support");
  for (const LabelMetrics& m : report.labels) {
    out += fmt::format("{:<22} {:>9.3f} {:>9} {:>9} {:>8}\n", m.label, m.precision, Cell(m.recall),
                       Cell(m.f1), m.support);
  }
  out += fmt::format("macro-F1 {}\n", Cell(report.macro_f1));
  if (report.has_crisis_figures) {
    out += fmt::format("crisis recall {} · false-positive rate {} · threshold {:.3f}\n",
                       Cell(report.recall), Cell(report.fpr), report.threshold);
  }
  if (report.detection) {
    out += fmt::format("detection (any distortion vs none): precision {:.3f} recall {} f1 {}\n",
                       report.detection->precision, Cell(report.detection->recall),
                       Cell(report.detection->f1));
  }
  for (const MalformedLine& bad : report.malformed) {
    out += fmt::format("skipped line {}: {}\n", bad.line, bad.reason);
  }
  return out;
}

}  // namespace haven::nlp
