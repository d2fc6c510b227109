// A shipped classifier for one task: the fastText model plus its settings file (thresholds per
// label tuned on dev data, preprocessing version, file fingerprint), and the decision rule that
// turns scores into labels.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "nlp/fasttext_model.h"
#include "nlp/normalizer.h"

namespace haven::nlp {

enum class Task { kCrisis, kEmotion, kDistortion };

[[nodiscard]] std::string_view TaskName(Task task);  // "crisis", "emotion", "distortion"
[[nodiscard]] std::optional<Task> ParseTask(std::string_view name);

// Version of Normalize + ClassifierInput the models were trained with; bump on any change.
inline constexpr std::string_view kPreprocessingVersion = "haven-normalize-1+neg";
inline constexpr std::string_view kCrisisLabel = "crisis";
inline constexpr std::string_view kNoneLabel = "none";

// Contents of models/<task>.toml.
struct TaskSettings {
  Task task = Task::kCrisis;
  std::string model_file;   // file name beside the settings file, e.g. "crisis.ftz"
  std::string fingerprint;  // FileFingerprint of the model file
  std::string preprocessing = std::string(kPreprocessingVersion);
  std::map<std::string, double> thresholds;  // per label (emotion, distortion labels)
  // crisis: threshold on P(crisis); distortion: on the top distortion score; emotion: unused.
  double decision_threshold = 0.5;
  // crisis: inputs longer than this many words are also scored in half-overlapping windows of
  // this size (0 = whole text only).
  std::size_t window_words = 0;
  // crisis, distortion: inputs with more words than this use long_decision_threshold (long
  // posts and chat messages score differently; 0 = one threshold for all).
  std::size_t long_text_words = 0;
  double long_decision_threshold = 0.5;
  // crisis: other settings files (names without ".toml", in the same directory) whose models'
  // P(crisis) the analyser averages with this model's; the thresholds above were tuned on that
  // average. Empty: this model alone.
  std::vector<std::string> companions;
};

// Number of space-separated words in classifier input.
[[nodiscard]] std::size_t CountWords(std::string_view classifier_input);

// Reads a settings file; errors name the file, line and field.
[[nodiscard]] core::Result<TaskSettings> LoadTaskSettings(const std::string& path);
[[nodiscard]] core::Status SaveTaskSettings(const TaskSettings& settings, const std::string& path);

// The text the classifiers see for a raw input.
[[nodiscard]] std::string PrepareInput(std::string_view raw_text);

// What the analyser takes from one model for one input.
struct ModelReading {
  double decision_score = 0.0;       // DecisionScore(Scores(input))
  std::vector<LabelScore> selected;  // the labels Decide picks, "none" left out, highest first
};

// Model + settings. Immutable; all methods const and thread-safe.
class TaskModel {
 public:
  // Loads `models_dir`/<task>.toml and the model it names. NotFound/InvalidArgument naming the
  // file when either is missing, malformed, of another preprocessing version, or when the model
  // file's fingerprint differs (corrupted or replaced).
  [[nodiscard]] static core::Result<std::shared_ptr<const TaskModel>> Load(
      const std::string& models_dir, Task task);
  // The same for `models_dir`/<settings_name>.toml (a companion model, e.g. "crisis_words").
  [[nodiscard]] static core::Result<std::shared_ptr<const TaskModel>> Load(
      const std::string& models_dir, Task task, std::string_view settings_name);
  TaskModel(std::shared_ptr<const FastTextModel> model, TaskSettings settings);

  // Scores of every label for classifier input (see PrepareInput), highest first. For crisis,
  // a long input gets the scores of its window (or whole) with the highest P(crisis).
  [[nodiscard]] std::vector<LabelScore> Scores(std::string_view classifier_input) const;
  // The labels the shipped thresholds select from `scores` (never empty); `input_words` is
  // CountWords of the input the scores came from.
  [[nodiscard]] std::vector<std::string> Decide(const std::vector<LabelScore>& scores,
                                                std::size_t input_words) const;
  // The decision threshold (crisis, distortion) that applies to an input of `input_words` words.
  [[nodiscard]] double DecisionThreshold(std::size_t input_words) const;
  // crisis: P(crisis); distortion: the highest distortion score; emotion: the top score.
  [[nodiscard]] double DecisionScore(const std::vector<LabelScore>& scores) const;
  // DecisionScore and the selected labels' scores of `classifier_input`, whose HashTokens are
  // `tokens` and CountWords `input_words`: the same as Scores, DecisionScore and Decide give,
  // worked out on label indices (no string per label, no map lookups).
  [[nodiscard]] ModelReading Read(std::string_view classifier_input,
                                  const std::vector<HashedToken>& tokens,
                                  std::size_t input_words) const;

  [[nodiscard]] const TaskSettings& settings() const { return settings_; }
  [[nodiscard]] const FastTextModel& model() const { return *model_; }
  [[nodiscard]] const std::shared_ptr<const FastTextModel>& model_ptr() const { return model_; }
  [[nodiscard]] double ThresholdFor(const std::string& label) const;

 private:
  [[nodiscard]] ModelReading ReadScores(const std::vector<LabelScore>& scores,
                                        std::size_t input_words) const;
  [[nodiscard]] double DecisionScore(
      const std::vector<std::pair<float, std::int32_t>>& ranked) const;

  std::shared_ptr<const FastTextModel> model_;
  TaskSettings settings_;
  std::vector<double> thresholds_;  // ThresholdFor each of the model's labels, by index
  std::int32_t crisis_index_ = -1;  // index of the "crisis" label, -1 when absent
};

// The crisis companions named `names` (TaskSettings::companions), from `models_dir`; errors as
// TaskModel::Load gives them.
[[nodiscard]] core::Result<std::vector<std::shared_ptr<const TaskModel>>> LoadCompanions(
    const std::string& models_dir, const std::vector<std::string>& names);

// Replaces P(crisis) in `scores` (TaskModel::Scores of `classifier_input`) by its mean with each
// companion's for the same input, and P(none) by the rest: how the analyser combines crisis
// models. No companions: `scores` unchanged.
void AverageCrisisWithCompanions(const std::vector<std::shared_ptr<const TaskModel>>& companions,
                                 std::string_view classifier_input,
                                 std::vector<LabelScore>& scores);

// Threshold with the best F1 for (score, is_positive) pairs; 0.5 when there is no positive.
[[nodiscard]] double BestF1Threshold(const std::vector<std::pair<double, bool>>& scored);
// Highest threshold whose recall is at least `target_recall` (recall first, for crisis).
[[nodiscard]] double RecallFirstThreshold(const std::vector<std::pair<double, bool>>& scored,
                                          double target_recall);

}  // namespace haven::nlp
