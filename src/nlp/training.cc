#include "nlp/training.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <unordered_set>

#include "nlp/evaluation.h"
#include "nlp/labelled_data.h"

namespace haven::nlp {
namespace {

std::uint64_t Fnv1a(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return hash;
}

// Keeps only labels the task knows; for crisis, exactly one of crisis/none.
bool UsableLabels(Task task, const std::vector<std::string>& labels) {
  if (task != Task::kCrisis) return !labels.empty();
  return labels.size() == 1 && (labels[0] == kCrisisLabel || labels[0] == kNoneLabel);
}

struct Assembled {
  std::vector<TrainingLine> train;
  LabelledData dev;
};

core::Status AddLabelledFiles(const TrainRequest& request, Assembled& out, std::ostream& progress) {
  std::size_t counter = 0;
  for (const std::string& path : request.data_files) {
    auto data = ReadLabelledFile(path);
    if (!data) return std::unexpected(data.error());
    std::size_t skipped = data->malformed.size();
    for (const LabelledExample& example : data->examples) {
      if (!UsableLabels(request.task, example.labels)) {
        ++skipped;
        continue;
      }
      ++counter;
      if (request.holdout_every > 0 && counter % request.holdout_every == 0) {
        out.dev.examples.push_back(example);
        continue;
      }
      out.train.push_back({PrepareInput(example.text), example.labels});
    }
    progress << fmt::format("read {}: {} examples, {} skipped\n", path, data->examples.size(),
                            skipped);
  }
  return {};
}

core::Status AddNegatives(const TrainRequest& request, Assembled& out, std::ostream& progress) {
  std::vector<std::pair<std::uint64_t, std::string>> candidates;
  std::size_t risky = 0;
  for (const std::string& path : request.negative_files) {
    auto data = ReadLabelledFile(path);
    if (!data) return std::unexpected(data.error());
    for (const LabelledExample& example : data->examples) {
      const NormalizedText normalized = Normalize(example.text);
      if (MentionsRisk(normalized)) {
        ++risky;
        continue;
      }
      candidates.emplace_back(Fnv1a(example.text), ClassifierInput(normalized));
    }
  }
  // A stable pseudo-random selection: order by text hash.
  std::ranges::sort(candidates);
  const std::size_t keep = std::min(candidates.size(), request.negatives_limit);
  for (std::size_t i = 0; i < keep; ++i) {
    out.train.push_back({std::move(candidates[i].second), {std::string(kNoneLabel)}});
  }
  if (!request.negative_files.empty()) {
    progress << fmt::format("everyday negatives: kept {} of {} ({} mentioning risk removed)\n",
                            keep, candidates.size() + risky, risky);
  }
  return {};
}

core::Status AddDevFiles(const TrainRequest& request, Assembled& out, std::ostream& progress) {
  for (const std::string& path : request.dev_files) {
    auto data = ReadLabelledFile(path);
    if (!data) return std::unexpected(data.error());
    for (LabelledExample& example : data->examples) {
      if (UsableLabels(request.task, example.labels)) out.dev.examples.push_back(example);
    }
    progress << fmt::format("dev {}: {} examples\n", path, data->examples.size());
  }
  return {};
}

// Chooses thresholds on dev scores and stores them in `settings`.
void TuneThresholds(const TaskModel& model, const LabelledData& dev,
                    const std::vector<std::vector<LabelScore>>& scores,
                    const std::vector<std::size_t>& words, double target_recall,
                    double long_target_recall, TaskSettings& settings) {
  // Pairs over the examples whose length class is `length` (0 all, 1 short, 2 long).
  auto pairs_for = [&](auto score_of, auto is_positive, int length = 0) {
    std::vector<std::pair<double, bool>> pairs;
    for (std::size_t i = 0; i < dev.examples.size(); ++i) {
      const bool is_long = settings.long_text_words > 0 && words[i] > settings.long_text_words;
      if ((length == 1 && is_long) || (length == 2 && !is_long)) continue;
      pairs.emplace_back(score_of(scores[i]), is_positive(dev.examples[i].labels));
    }
    return pairs;
  };
  auto has = [](const std::string& label) {
    return [label](const std::vector<std::string>& labels) {
      return std::ranges::find(labels, label) != labels.end();
    };
  };
  auto score_for = [](const std::string& label) {
    return [label](const std::vector<LabelScore>& s) {
      for (const LabelScore& ls : s) {
        if (ls.label == label) return ls.score;
      }
      return 0.0;
    };
  };
  if (settings.task == Task::kCrisis) {
    const std::string crisis(kCrisisLabel);
    const bool split = settings.long_text_words > 0;
    settings.decision_threshold = RecallFirstThreshold(
        pairs_for(score_for(crisis), has(crisis), split ? 1 : 0), target_recall);
    settings.long_decision_threshold =
        RecallFirstThreshold(pairs_for(score_for(crisis), has(crisis), split ? 2 : 0),
                             split ? long_target_recall : target_recall);
    return;
  }
  for (const std::string& label : model.model().labels()) {
    if (settings.task == Task::kDistortion && label == kNoneLabel) continue;
    settings.thresholds[label] = BestF1Threshold(pairs_for(score_for(label), has(label)));
  }
  if (settings.task == Task::kDistortion) {
    const std::string none(kNoneLabel);
    auto distorted = [none](const std::vector<std::string>& labels) {
      return std::ranges::any_of(labels, [&](const std::string& l) { return l != none; });
    };
    auto detection = [&](const std::vector<LabelScore>& s) { return model.DecisionScore(s); };
    // Short thoughts and long posts score differently: each length class gets its own.
    const bool split = settings.long_text_words > 0;
    settings.decision_threshold = BestF1Threshold(pairs_for(detection, distorted, split ? 1 : 0));
    settings.long_decision_threshold =
        split ? BestF1Threshold(pairs_for(detection, distorted, 2)) : settings.decision_threshold;
  }
}

}  // namespace

TrainParameters DefaultParameters(Task task) {
  TrainParameters p;
  switch (task) {
    case Task::kCrisis:
      p.loss = LossKind::kSoftmax;
      p.dim = 50;
      p.epoch = 25;
      p.lr = 0.5;
      p.minn = 3;
      p.maxn = 5;
      break;
    case Task::kEmotion:
      p.loss = LossKind::kOneVsAll;
      p.dim = 50;
      p.epoch = 15;
      p.lr = 0.3;
      p.minn = 3;  // character n-grams: dev macro-F1 0.430 vs 0.422 without
      p.maxn = 5;
      break;
    case Task::kDistortion:
      p.loss = LossKind::kOneVsAll;
      p.dim = 50;
      p.epoch = 30;
      p.lr = 0.3;
      break;
  }
  return p;
}

bool MentionsRisk(const NormalizedText& text) {
  static const std::unordered_set<std::string_view> kRiskWords = {
      "kill",    "killing", "killed",   "suicide", "suicidal", "die",      "dying", "died",
      "dead",    "death",   "overdose", "harm",    "cut",      "cutting",  "hang",  "hanging",
      "shoot",   "gun",     "murder",   "abuse",   "abused",   "rape",     "raped", "hurt",
      "hurting", "pills",   "jump",     "bridge",  "knife",    "blood",    "bleed", "razor",
      "noose",   "end",     "live",     "living",  "alive",    "life",     "hit",   "beat",
      "beats",   "threat",  "threaten", "unsafe",  "grave",    "coffin",   "skull", "weapon",
      "choke",   "morir",   "muerte",   "matar",   "matarme",  "suicidio", "vivir", "daño",
  };
  return std::ranges::any_of(text.tokens,
                             [](const Token& token) { return kRiskWords.contains(token.text); });
}

namespace {

// Tunes thresholds for the freshly trained model on the dev examples, writes the settings file
// beside the model and returns the dev report.
core::Result<EvalReport> TuneAndSave(const TrainRequest& request, const LabelledData& dev,
                                     std::shared_ptr<const FastTextModel> model,
                                     std::ostream& progress) {
  auto fingerprint = FileFingerprint(request.out_path);
  if (!fingerprint) return std::unexpected(fingerprint.error());
  const std::filesystem::path out(request.out_path);
  TaskSettings settings;
  settings.task = request.task;
  settings.model_file = out.filename().string();
  settings.fingerprint = *fingerprint;
  if (request.task == Task::kCrisis) settings.window_words = request.window_words;
  if (request.task != Task::kEmotion) settings.long_text_words = request.long_text_words;
  auto companions = LoadCompanions(out.parent_path().string(), request.companions);
  if (!companions) return std::unexpected(companions.error());
  settings.companions = request.companions;
  std::vector<std::vector<LabelScore>> dev_scores;
  std::vector<std::size_t> dev_words;
  const TaskModel untuned(model, settings);
  for (const LabelledExample& example : dev.examples) {
    const std::string input = PrepareInput(example.text);
    dev_scores.push_back(untuned.Scores(input));
    AverageCrisisWithCompanions(*companions, input, dev_scores.back());
    dev_words.push_back(CountWords(input));
  }
  if (!dev.examples.empty()) {
    TuneThresholds(untuned, dev, dev_scores, dev_words, request.crisis_target_recall,
                   request.long_target_recall, settings);
  }
  std::filesystem::path settings_path = out;
  settings_path.replace_extension(".toml");
  if (auto status = SaveTaskSettings(settings, settings_path.string()); !status) {
    return std::unexpected(status.error());
  }
  progress << "wrote " << settings_path.string() << "\n";
  EvalReport report;
  if (!dev.examples.empty()) {
    report = EvaluateScores(TaskModel(model, settings), dev, dev_scores, dev_words);
    progress << "dev figures at the chosen thresholds:\n" << FormatReport(report);
  }
  return report;
}

}  // namespace

core::Result<EvalReport> Train(const TrainRequest& request, std::ostream& progress) {
  if (!request.out_path.ends_with(".ftz")) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "--out must name a .ftz file, got '" + request.out_path + "'", "out");
  }
  const std::filesystem::path out(request.out_path);
  std::error_code ignored;
  if (out.has_parent_path()) std::filesystem::create_directories(out.parent_path(), ignored);

  Assembled assembled;
  for (auto step : {&AddLabelledFiles, &AddNegatives, &AddDevFiles}) {
    if (auto status = step(request, assembled, progress); !status) {
      return std::unexpected(status.error());
    }
  }
  std::mt19937 rng(static_cast<std::mt19937::result_type>(request.parameters.seed));
  std::shuffle(assembled.train.begin(), assembled.train.end(), rng);
  if (auto status = TrainFastText(assembled.train, request.parameters, request.out_path, progress);
      !status) {
    return std::unexpected(status.error());
  }
  auto model = FastTextModel::Load(request.out_path);
  if (!model) return std::unexpected(model.error());
  return TuneAndSave(request, assembled.dev, *model, progress);
}

}  // namespace haven::nlp
