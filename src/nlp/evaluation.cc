#include "nlp/evaluation.h"

#include <algorithm>

namespace haven::nlp {

std::vector<std::string> GoldLabels(const LabelledExample& example) { return example.labels; }

EvalReport EvaluateScores(const TaskModel& model, const LabelledData& data,
                          const std::vector<std::vector<LabelScore>>& scores,
                          const std::vector<std::size_t>& input_words) {
  LabelSets gold;
  LabelSets predicted;
  for (std::size_t i = 0; i < data.examples.size(); ++i) {
    gold.push_back(GoldLabels(data.examples[i]));
    const std::size_t words = i < input_words.size() ? input_words[i] : 0;
    predicted.push_back(i < scores.size() ? model.Decide(scores[i], words)
                                          : std::vector<std::string>{});
  }
  std::vector<std::string> order = model.model().labels();
  std::ranges::sort(order);
  const Task task = model.settings().task;
  if (task == Task::kCrisis) order = {std::string(kCrisisLabel), std::string(kNoneLabel)};
  EvalReport report = ScoreLabels(gold, predicted, order);
  report.task = std::string(TaskName(task));
  report.malformed = data.malformed;
  if (task == Task::kCrisis) {
    // The threshold reported is the one that applied to most examples of this file (chat
    // messages and long posts have their own; see the crisis model card).
    std::size_t long_examples = 0;
    for (std::size_t words : input_words) {
      if (model.DecisionThreshold(words) != model.DecisionThreshold(0)) ++long_examples;
    }
    const bool mostly_long = 2 * long_examples > data.examples.size();
    AddCrisisFigures(report, gold, predicted, std::string(kCrisisLabel),
                     mostly_long ? model.settings().long_decision_threshold
                                 : model.settings().decision_threshold);
  }
  if (task == Task::kDistortion) {
    AddDetectionFigures(report, gold, predicted, std::string(kNoneLabel));
  }
  return report;
}

EvalReport Evaluate(const TaskModel& model, const LabelledData& data) {
  return Evaluate(model, {}, data);
}

EvalReport Evaluate(const TaskModel& model,
                    const std::vector<std::shared_ptr<const TaskModel>>& companions,
                    const LabelledData& data) {
  std::vector<std::vector<LabelScore>> scores;
  std::vector<std::size_t> input_words;
  scores.reserve(data.examples.size());
  for (const LabelledExample& example : data.examples) {
    const std::string input = PrepareInput(example.text);
    scores.push_back(model.Scores(input));
    AverageCrisisWithCompanions(companions, input, scores.back());
    input_words.push_back(CountWords(input));
  }
  return EvaluateScores(model, data, scores, input_words);
}

}  // namespace haven::nlp
