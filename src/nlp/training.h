// `haven train`: assembles training data for a task, trains and quantises a fastText model,
// tunes thresholds on dev data, writes models/<task>.ftz + models/<task>.toml and reports the
// dev figures.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "core/result.h"
#include "nlp/fasttext_model.h"
#include "nlp/metrics.h"
#include "nlp/task_model.h"

namespace haven::nlp {

struct TrainRequest {
  Task task = Task::kCrisis;
  std::vector<std::string> data_files;      // labelled files; a file given twice counts twice
  std::vector<std::string> negative_files;  // crisis only: texts taken as "none" (risk removed)
  std::size_t negatives_limit = 4000;       // how many negatives to keep (stable selection)
  std::vector<std::string> dev_files;       // for thresholds and the reported dev figures
  std::size_t holdout_every = 0;            // >0: every k-th training example goes to dev too
  double crisis_target_recall = 0.95;       // crisis threshold: recall first
  double long_target_recall = 0.95;         // crisis: the same for long texts
  std::size_t window_words = 0;             // crisis: TaskSettings::window_words
  std::size_t long_text_words = 0;          // crisis, distortion: TaskSettings::long_text_words
  std::string out_path;                     // .../<task>.ftz; settings written beside it
  // crisis: companion settings names beside out_path (TaskSettings::companions), already
  // trained; thresholds are tuned on P(crisis) averaged with theirs.
  std::vector<std::string> companions;
  TrainParameters parameters;
};

// Default hyper-parameters per task (those recorded in the model cards).
[[nodiscard]] TrainParameters DefaultParameters(Task task);

// True when a text (normalised) talks about death, suicide or harm, so it must not serve as
// an everyday negative for the crisis model.
[[nodiscard]] bool MentionsRisk(const NormalizedText& text);

// Runs the whole training. Errors name the file at fault; progress and the dev report go to
// `progress`. On success returns the dev report (empty when no dev data).
[[nodiscard]] core::Result<EvalReport> Train(const TrainRequest& request, std::ostream& progress);

}  // namespace haven::nlp
