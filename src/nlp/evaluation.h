// Evaluating a shipped task model on any labelled file (DESIGN.md §6).
#pragma once

#include <string>
#include <vector>

#include "nlp/labelled_data.h"
#include "nlp/metrics.h"
#include "nlp/task_model.h"

namespace haven::nlp {

// Gold labels as the task sees them: for distortion an example whose labels are all "none"
// stays {"none"}; other tasks keep the file's labels as they are.
[[nodiscard]] std::vector<std::string> GoldLabels(const LabelledExample& example);

// Scores every example with `model` at its shipped thresholds and reports per-label figures,
// macro-F1, and the task extras (crisis recall/FPR, distortion detection). Malformed lines of
// `data` are carried into the report. Never fails.
[[nodiscard]] EvalReport Evaluate(const TaskModel& model, const LabelledData& data);
// The same with P(crisis) averaged with `companions` (AverageCrisisWithCompanions).
[[nodiscard]] EvalReport Evaluate(const TaskModel& model,
                                  const std::vector<std::shared_ptr<const TaskModel>>& companions,
                                  const LabelledData& data);

// Same from precomputed scores (one vector per example, as TaskModel::Scores returns them)
// and the word counts of the inputs (CountWords).
[[nodiscard]] EvalReport EvaluateScores(const TaskModel& model, const LabelledData& data,
                                        const std::vector<std::vector<LabelScore>>& scores,
                                        const std::vector<std::size_t>& input_words);

}  // namespace haven::nlp
