#include "nlp/task_model.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>

namespace haven::nlp {
namespace {

double ScoreOf(const std::vector<LabelScore>& scores, std::string_view label) {
  for (const LabelScore& s : scores) {
    if (s.label == label) return s.score;
  }
  return 0.0;
}

core::Error SettingsError(const std::string& path, const toml::source_region& where,
                          const std::string& field, const std::string& problem) {
  return core::Error{core::ErrorCode::kInvalidArgument,
                     path + ":" + std::to_string(where.begin.line) + ": " + field + ": " + problem,
                     field};
}

}  // namespace

std::string_view TaskName(Task task) {
  switch (task) {
    case Task::kCrisis:
      return "crisis";
    case Task::kEmotion:
      return "emotion";
    case Task::kDistortion:
      return "distortion";
  }
  return "crisis";
}

std::optional<Task> ParseTask(std::string_view name) {
  for (Task task : {Task::kCrisis, Task::kEmotion, Task::kDistortion}) {
    if (TaskName(task) == name) return task;
  }
  return std::nullopt;
}

std::string PrepareInput(std::string_view raw_text) { return ClassifierInput(Normalize(raw_text)); }

core::Result<TaskSettings> LoadTaskSettings(const std::string& path) {
  toml::table table;
  try {
    table = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    if (!std::filesystem::exists(path)) {
      return core::Fail(core::ErrorCode::kNotFound,
                        "cannot open model settings '" + path + "' (run models/train.sh)", "model");
    }
    return std::unexpected(SettingsError(path, e.source(), "toml", std::string(e.description())));
  }
  TaskSettings settings;
  auto require_string = [&](std::string_view key) -> core::Result<std::string> {
    auto value = table[key].value<std::string>();
    if (!value) {
      return core::Fail(core::ErrorCode::kInvalidArgument,
                        path + ": missing string field '" + std::string(key) + "'",
                        std::string(key));
    }
    return *value;
  };
  auto task_name = require_string("task");
  if (!task_name) return std::unexpected(task_name.error());
  auto task = ParseTask(*task_name);
  if (!task) {
    return std::unexpected(SettingsError(path, table["task"].node()->source(), "task",
                                         "unknown task '" + *task_name + "'"));
  }
  settings.task = *task;
  for (auto [key, target] :
       {std::pair{"model", &settings.model_file}, std::pair{"fingerprint", &settings.fingerprint},
        std::pair{"preprocessing", &settings.preprocessing}}) {
    auto value = require_string(key);
    if (!value) return std::unexpected(value.error());
    *target = *value;
  }
  settings.decision_threshold = table["decision_threshold"].value_or(0.5);
  settings.long_text_words =
      static_cast<std::size_t>(std::max<std::int64_t>(0, table["long_text_words"].value_or(0)));
  settings.long_decision_threshold = table["long_decision_threshold"].value_or(0.5);
  settings.window_words =
      static_cast<std::size_t>(std::max<std::int64_t>(0, table["window_words"].value_or(0)));
  if (const toml::array* companions = table["companions"].as_array()) {
    for (const toml::node& node : *companions) {
      auto name = node.value<std::string>();
      if (!name || name->empty() || name->find('/') != std::string::npos) {
        return std::unexpected(SettingsError(path, node.source(), "companions",
                                             "expected names of settings files in this folder"));
      }
      settings.companions.push_back(*name);
    }
  }
  if (const toml::table* thresholds = table["thresholds"].as_table()) {
    for (const auto& [label, node] : *thresholds) {
      auto value = node.value<double>();
      if (!value || *value < 0.0 || *value > 1.0) {
        return std::unexpected(SettingsError(path, node.source(),
                                             "thresholds." + std::string(label.str()),
                                             "expected a number in [0, 1]"));
      }
      settings.thresholds[std::string(label.str())] = *value;
    }
  }
  return settings;
}

core::Status SaveTaskSettings(const TaskSettings& settings, const std::string& path) {
  toml::table thresholds;
  for (const auto& [label, value] : settings.thresholds) thresholds.insert(label, value);
  toml::table table{{"task", std::string(TaskName(settings.task))},
                    {"model", settings.model_file},
                    {"fingerprint", settings.fingerprint},
                    {"preprocessing", settings.preprocessing},
                    {"decision_threshold", settings.decision_threshold},
                    {"window_words", static_cast<std::int64_t>(settings.window_words)},
                    {"long_text_words", static_cast<std::int64_t>(settings.long_text_words)},
                    {"long_decision_threshold", settings.long_decision_threshold},
                    {"thresholds", std::move(thresholds)}};
  if (!settings.companions.empty()) {
    toml::array companions;
    for (const std::string& name : settings.companions) companions.push_back(name);
    table.insert("companions", std::move(companions));
  }
  std::ofstream file(path, std::ios::trunc);
  file << "# Written by `haven train`; thresholds tuned on dev data (see the model card).\n"
       << table << "\n";
  if (!file) {
    return core::Fail(core::ErrorCode::kInternal, "cannot write '" + path + "'", "out");
  }
  return {};
}

TaskModel::TaskModel(std::shared_ptr<const FastTextModel> model, TaskSettings settings)
    : model_(std::move(model)), settings_(std::move(settings)) {
  const std::vector<std::string>& labels = model_->labels();
  for (std::size_t i = 0; i < labels.size(); ++i) {
    thresholds_.push_back(ThresholdFor(labels[i]));
    if (labels[i] == kCrisisLabel && crisis_index_ < 0)
      crisis_index_ = static_cast<std::int32_t>(i);
  }
}

core::Result<std::shared_ptr<const TaskModel>> TaskModel::Load(const std::string& models_dir,
                                                               Task task) {
  return Load(models_dir, task, TaskName(task));
}

core::Result<std::shared_ptr<const TaskModel>> TaskModel::Load(const std::string& models_dir,
                                                               Task task,
                                                               std::string_view settings_name) {
  const std::filesystem::path dir(models_dir);
  const std::string settings_path = (dir / (std::string(settings_name) + ".toml")).string();
  auto settings = LoadTaskSettings(settings_path);
  if (!settings) return std::unexpected(settings.error());
  if (settings->task != task) {
    return core::Fail(
        core::ErrorCode::kInvalidArgument,
        settings_path + ": describes task '" + std::string(TaskName(settings->task)) + "'", "task");
  }
  if (settings->preprocessing != kPreprocessingVersion) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      settings_path + ": trained with preprocessing '" + settings->preprocessing +
                          "', this build uses '" + std::string(kPreprocessingVersion) +
                          "' (retrain with models/train.sh)",
                      "preprocessing");
  }
  const std::string model_path = (dir / settings->model_file).string();
  auto fingerprint = FileFingerprint(model_path);
  if (!fingerprint) {
    return core::Fail(core::ErrorCode::kNotFound, "cannot open model file '" + model_path + "'",
                      "model");
  }
  if (*fingerprint != settings->fingerprint) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "model file '" + model_path + "' does not match the fingerprint in " +
                          settings_path + " (corrupted or replaced; retrain or restore it)",
                      "model");
  }
  auto model = FastTextModel::Load(model_path);
  if (!model) return std::unexpected(model.error());
  return std::make_shared<const TaskModel>(std::move(*model), std::move(*settings));
}

core::Result<std::vector<std::shared_ptr<const TaskModel>>> LoadCompanions(
    const std::string& models_dir, const std::vector<std::string>& names) {
  std::vector<std::shared_ptr<const TaskModel>> companions;
  for (const std::string& name : names) {
    auto companion = TaskModel::Load(models_dir, Task::kCrisis, name);
    if (!companion) return std::unexpected(companion.error());
    companions.push_back(std::move(*companion));
  }
  return companions;
}

void AverageCrisisWithCompanions(const std::vector<std::shared_ptr<const TaskModel>>& companions,
                                 std::string_view classifier_input,
                                 std::vector<LabelScore>& scores) {
  if (companions.empty()) return;
  const auto crisis_of = [](const std::vector<LabelScore>& list) {
    const auto it = std::ranges::find(list, kCrisisLabel, &LabelScore::label);
    return it == list.end() ? 0.0 : it->score;
  };
  double sum = crisis_of(scores);
  for (const auto& companion : companions) sum += crisis_of(companion->Scores(classifier_input));
  const double mean = sum / static_cast<double>(1 + companions.size());
  for (LabelScore& s : scores) s.score = s.label == kCrisisLabel ? mean : 1.0 - mean;
  std::ranges::sort(scores, std::greater<>{}, &LabelScore::score);
}

std::vector<LabelScore> TaskModel::Scores(std::string_view classifier_input) const {
  std::vector<LabelScore> best = model_->Scores(classifier_input);
  const std::size_t window = settings_.window_words;
  if (settings_.task != Task::kCrisis || window == 0) return best;
  // A long post is also read in overlapping windows and judged by its most alarming one, so
  // one sentence of ideation is not diluted by pages of everyday words.
  std::vector<std::string_view> words;
  for (std::size_t pos = 0; pos < classifier_input.size();) {
    std::size_t end = classifier_input.find(' ', pos);
    if (end == std::string_view::npos) end = classifier_input.size();
    if (end > pos) words.push_back(classifier_input.substr(pos, end - pos));
    pos = end + 1;
  }
  if (words.size() <= window) return best;
  double best_score = ScoreOf(best, kCrisisLabel);
  for (std::size_t start = 0; start < words.size(); start += std::max<std::size_t>(1, window / 2)) {
    const std::size_t end = std::min(words.size(), start + window);
    const std::string_view part(
        words[start].data(), static_cast<std::size_t>(words[end - 1].data() +
                                                      words[end - 1].size() - words[start].data()));
    std::vector<LabelScore> scores = model_->Scores(part);
    if (const double score = ScoreOf(scores, kCrisisLabel); score > best_score) {
      best_score = score;
      best = std::move(scores);
    }
    if (end == words.size()) break;
  }
  return best;
}

double TaskModel::ThresholdFor(const std::string& label) const {
  auto it = settings_.thresholds.find(label);
  return it == settings_.thresholds.end() ? 0.5 : it->second;
}

double TaskModel::DecisionScore(const std::vector<LabelScore>& scores) const {
  switch (settings_.task) {
    case Task::kCrisis:
      return std::clamp(ScoreOf(scores, kCrisisLabel), 0.0, 1.0);
    case Task::kDistortion: {
      // The most likely distortion: per-label heads transfer to short texts better than the
      // "none" head, which learnt mostly from long posts.
      double best = 0.0;
      for (const LabelScore& s : scores) {
        if (s.label != kNoneLabel) best = std::max(best, s.score);
      }
      return std::clamp(best, 0.0, 1.0);
    }
    case Task::kEmotion:
      return scores.empty() ? 0.0 : scores.front().score;
  }
  return 0.0;
}

std::size_t CountWords(std::string_view classifier_input) {
  std::size_t words = 0;
  bool in_word = false;
  for (char c : classifier_input) {
    if (c != ' ' && !in_word) ++words;
    in_word = c != ' ';
  }
  return words;
}

double TaskModel::DecisionThreshold(std::size_t input_words) const {
  const bool is_long = settings_.long_text_words > 0 && input_words > settings_.long_text_words;
  return is_long ? settings_.long_decision_threshold : settings_.decision_threshold;
}

std::vector<std::string> TaskModel::Decide(const std::vector<LabelScore>& scores,
                                           std::size_t input_words) const {
  if (settings_.task == Task::kCrisis) {
    const bool crisis = DecisionScore(scores) >= DecisionThreshold(input_words);
    return {std::string(crisis ? kCrisisLabel : kNoneLabel)};
  }
  if (settings_.task == Task::kDistortion &&
      DecisionScore(scores) < DecisionThreshold(input_words)) {
    return {std::string(kNoneLabel)};
  }
  std::vector<std::string> labels;
  const LabelScore* top = nullptr;
  for (const LabelScore& s : scores) {
    if (settings_.task == Task::kDistortion && s.label == kNoneLabel) continue;
    if (top == nullptr || s.score > top->score) top = &s;
    if (s.score >= ThresholdFor(s.label)) labels.push_back(s.label);
  }
  if (labels.empty() && top != nullptr) labels.push_back(top->label);
  if (labels.empty()) labels.emplace_back(kNoneLabel);
  return labels;
}

ModelReading TaskModel::ReadScores(const std::vector<LabelScore>& scores,
                                   std::size_t input_words) const {
  ModelReading reading{DecisionScore(scores), {}};
  const std::vector<std::string> labels = Decide(scores, input_words);
  for (const LabelScore& s : scores) {
    if (std::ranges::find(labels, s.label) != labels.end() && s.label != kNoneLabel) {
      reading.selected.push_back(s);
    }
  }
  return reading;
}

// DecisionScore over (probability, label index) pairs; ScoreOf finds the first "crisis" score.
double TaskModel::DecisionScore(const std::vector<std::pair<float, std::int32_t>>& ranked) const {
  switch (settings_.task) {
    case Task::kCrisis:
      for (const auto& [p, i] : ranked) {
        if (model_->labels()[static_cast<std::size_t>(i)] == kCrisisLabel) {
          return std::clamp(static_cast<double>(p), 0.0, 1.0);
        }
      }
      return 0.0;
    case Task::kDistortion: {
      double best = 0.0;
      for (const auto& [p, i] : ranked) {
        if (model_->labels()[static_cast<std::size_t>(i)] != kNoneLabel) {
          best = std::max(best, static_cast<double>(p));
        }
      }
      return std::clamp(best, 0.0, 1.0);
    }
    case Task::kEmotion:
      return ranked.empty() ? 0.0 : static_cast<double>(ranked.front().first);
  }
  return 0.0;
}

ModelReading TaskModel::Read(std::string_view classifier_input,
                             const std::vector<HashedToken>& tokens,
                             std::size_t input_words) const {
  if (settings_.task == Task::kCrisis && settings_.window_words > 0) {
    return ReadScores(Scores(classifier_input), input_words);  // windows: the general path
  }
  const auto ranked = model_->RankedScores(tokens);
  ModelReading reading{DecisionScore(ranked), {}};
  const std::vector<std::string>& labels = model_->labels();
  const auto label_of = [&](std::int32_t i) -> const std::string& {
    return labels[static_cast<std::size_t>(i)];
  };
  // Decide, then Selected: the labels at or above their thresholds (distortion: "none" left
  // out, and nothing below the decision threshold), else the top one; "none" never selected.
  const auto keep = [&](std::int32_t i, float p) {
    if (label_of(i) != kNoneLabel)
      reading.selected.push_back({label_of(i), static_cast<double>(p)});
  };
  if (settings_.task == Task::kCrisis) {
    if (reading.decision_score >= DecisionThreshold(input_words) && crisis_index_ >= 0) {
      for (const auto& [p, i] : ranked) {
        if (label_of(i) == kCrisisLabel) keep(i, p);
      }
    }
    return reading;
  }
  const bool distortion = settings_.task == Task::kDistortion;
  if (distortion && reading.decision_score < DecisionThreshold(input_words)) return reading;
  const std::pair<float, std::int32_t>* top = nullptr;
  bool any = false;
  for (const auto& entry : ranked) {
    if (distortion && label_of(entry.second) == kNoneLabel) continue;
    if (top == nullptr || static_cast<double>(entry.first) > static_cast<double>(top->first)) {
      top = &entry;
    }
    if (static_cast<double>(entry.first) >= thresholds_[static_cast<std::size_t>(entry.second)]) {
      keep(entry.second, entry.first);
      any = true;
    }
  }
  if (!any && top != nullptr) keep(top->second, top->first);
  return reading;
}

double BestF1Threshold(const std::vector<std::pair<double, bool>>& scored) {
  const auto positives = std::ranges::count_if(scored, [](const auto& p) { return p.second; });
  if (positives == 0) return 0.5;
  double best_threshold = 0.5;
  double best_f1 = -1.0;
  for (int step = 2; step <= 95; ++step) {
    const double threshold = step / 100.0;
    std::size_t tp = 0, fp = 0;
    for (const auto& [score, positive] : scored) {
      if (score < threshold) continue;
      (positive ? tp : fp) += 1;
    }
    const double f1 = 2.0 * static_cast<double>(tp) / static_cast<double>(tp + fp + positives);
    if (f1 > best_f1) {
      best_f1 = f1;
      best_threshold = threshold;
    }
  }
  return best_threshold;
}

double RecallFirstThreshold(const std::vector<std::pair<double, bool>>& scored,
                            double target_recall) {
  std::vector<double> positive_scores;
  for (const auto& [score, positive] : scored) {
    if (positive) positive_scores.push_back(score);
  }
  if (positive_scores.empty()) return 0.5;
  std::ranges::sort(positive_scores, std::greater<>());
  const auto needed = static_cast<std::size_t>(
      std::ceil(target_recall * static_cast<double>(positive_scores.size())));
  const std::size_t index = std::clamp<std::size_t>(needed, 1, positive_scores.size()) - 1;
  // Round down to 3 decimals so the threshold prints exactly and keeps the positive above it.
  return std::floor(positive_scores[index] * 1000.0) / 1000.0;
}

}  // namespace haven::nlp
