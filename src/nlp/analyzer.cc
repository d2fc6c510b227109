#include "nlp/analyzer.h"

#include <algorithm>
#include <filesystem>

namespace haven::nlp {
namespace {

core::Status CheckDistortionLabels(const TaskModel& model, const std::vector<Distortion>& known,
                                   const std::string& catalogue_path) {
  for (const std::string& label : model.model().labels()) {
    if (label == kNoneLabel) continue;
    const bool listed =
        std::ranges::any_of(known, [&](const Distortion& d) { return d.name == label; });
    if (!listed) {
      return core::Fail(core::ErrorCode::kInvalidArgument,
                        "model '" + model.model().path() + "' outputs the distortion '" + label +
                            "' which " + catalogue_path + " does not describe",
                        "distortion");
    }
  }
  return {};
}

}  // namespace

Analyzer::Analyzer(std::shared_ptr<const Vader> vader, std::shared_ptr<const TaskModel> crisis,
                   std::shared_ptr<const TaskModel> emotion,
                   std::shared_ptr<const TaskModel> distortion, std::vector<Distortion> catalogue,
                   std::vector<std::shared_ptr<const TaskModel>> crisis_companions)
    : vader_(std::move(vader)),
      crisis_(std::move(crisis)),
      crisis_companions_(std::move(crisis_companions)),
      emotion_(std::move(emotion)),
      distortion_(std::move(distortion)),
      catalogue_(std::move(catalogue)) {}

core::Result<std::shared_ptr<const Analyzer>> Analyzer::Load(const std::string& models_dir,
                                                             const std::string& content_dir) {
  const std::filesystem::path content(content_dir);
  auto vader = Vader::Load((content / "lexicons" / "vader" / "vader_lexicon.txt").string());
  if (!vader) return std::unexpected(vader.error());
  const std::string catalogue_path = (content / "distortions" / "distortions.toml").string();
  auto catalogue = LoadDistortions(catalogue_path);
  if (!catalogue) return std::unexpected(catalogue.error());
  auto crisis = TaskModel::Load(models_dir, Task::kCrisis);
  if (!crisis) return std::unexpected(crisis.error());
  auto companions = LoadCompanions(models_dir, (*crisis)->settings().companions);
  if (!companions) return std::unexpected(companions.error());
  auto emotion = TaskModel::Load(models_dir, Task::kEmotion);
  if (!emotion) return std::unexpected(emotion.error());
  auto distortion = TaskModel::Load(models_dir, Task::kDistortion);
  if (!distortion) return std::unexpected(distortion.error());
  if (auto status = CheckDistortionLabels(**distortion, *catalogue, catalogue_path); !status) {
    return std::unexpected(status.error());
  }
  return std::make_shared<const Analyzer>(std::move(*vader), std::move(*crisis),
                                          std::move(*emotion), std::move(*distortion),
                                          std::move(*catalogue), std::move(*companions));
}

Analysis Analyzer::Analyze(std::string_view text) const {
  if (text.size() > kMaxBytes) text = text.substr(0, kMaxBytes);
  Analysis analysis;
  NormalizedText normalized = Normalize(text);
  const std::string input = ClassifierInput(normalized);
  analysis.normalised = std::move(normalized.text);
  analysis.language = normalized.language;
  analysis.tokens = std::move(normalized.tokens);
  // ASCII needs neither sanitising nor emoji replacement: VADER reads the text as it is.
  const bool ascii = std::ranges::all_of(text, [](char c) { return (c & 0x80) == 0; });
  analysis.sentiment =
      ascii ? vader_->Score(text)
            : vader_->Score(ReplaceEmoji(SanitizeUtf8(text), EmoticonHandling::kKeep));

  const std::size_t words = CountWords(input);
  analysis.input_words = words;
  const std::vector<HashedToken> tokens = HashTokens(input);  // one split for the three models
  analysis.emotions = emotion_->Read(input, tokens, words).selected;
  ModelReading distortion = distortion_->Read(input, tokens, words);
  analysis.distortion_score = distortion.decision_score;
  analysis.distortions = std::move(distortion.selected);
  // Companions (models with other features) are averaged in: fewer false alarms at the same
  // recall than either alone (models/crisis.md).
  double crisis_score = crisis_->Read(input, tokens, words).decision_score;
  for (const auto& companion : crisis_companions_) {
    crisis_score += companion->Read(input, tokens, words).decision_score;
  }
  analysis.crisis_score = crisis_score / static_cast<double>(1 + crisis_companions_.size());
  analysis.crisis_threshold = crisis_->DecisionThreshold(words);
  analysis.crisis_flagged = analysis.crisis_score >= analysis.crisis_threshold;
  return analysis;
}

nlohmann::json ToJson(const Analysis& analysis) {
  auto scores = [](const std::vector<LabelScore>& list) {
    nlohmann::json out = nlohmann::json::array();
    for (const LabelScore& s : list) out.push_back({{"label", s.label}, {"score", s.score}});
    return out;
  };
  nlohmann::json negated = nlohmann::json::array();
  for (const Token& token : analysis.tokens) {
    if (token.negated) negated.push_back(token.text);
  }
  return {
      {"normalised", analysis.normalised},
      {"language", LanguageCode(analysis.language)},
      {"sentiment",
       {{"compound", analysis.sentiment.compound},
        {"pos", analysis.sentiment.pos},
        {"neu", analysis.sentiment.neu},
        {"neg", analysis.sentiment.neg}}},
      {"emotions", scores(analysis.emotions)},
      {"distortions", scores(analysis.distortions)},
      {"distortion_score", analysis.distortion_score},
      {"crisis",
       {{"score", analysis.crisis_score},
        {"threshold", analysis.crisis_threshold},
        {"flagged", analysis.crisis_flagged}}},
      {"negated", negated},
  };
}

}  // namespace haven::nlp
