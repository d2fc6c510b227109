// nlp::Analyzer: everything Haven reads from one user text, computed once per turn
// (DESIGN.md §3 step 2): normalised text and tokens, sentiment, emotions, distortions and the
// crisis model's score. safety::Assess combines the crisis score with its rules.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "nlp/distortions.h"
#include "nlp/normalizer.h"
#include "nlp/task_model.h"
#include "nlp/vader.h"

namespace haven::nlp {

struct Analysis {
  std::string normalised;  // Normalize(text).text
  Language language = Language::kEnglish;
  std::vector<Token> tokens;            // with negation cues and scope
  SentimentScores sentiment;            // VADER on the raw text (English lexicon)
  std::vector<LabelScore> emotions;     // emotions above their thresholds, highest first
  std::vector<LabelScore> distortions;  // distortions found (empty when none), highest first
  double distortion_score = 0.0;        // the top distortion score: how likely any is
  double crisis_score = 0.0;  // P(crisis), 0..1: the crisis model's, averaged with its companions
  double crisis_threshold = 0.5;  // the shipped recall-first threshold
  bool crisis_flagged = false;    // crisis_score >= crisis_threshold
  std::size_t input_words = 0;    // words the classifiers saw (long posts vs chat)
};

// JSON for `haven analyze` and the API: normalised, language, sentiment{compound,pos,neu,neg},
// emotions[{label,score}], distortions[{label,score}], distortion_score, crisis{score,threshold,
// flagged}, negated (words in a negation scope).
[[nodiscard]] nlohmann::json ToJson(const Analysis& analysis);

// Owns the loaded lexicon and models. Immutable after Load; Analyze is const and thread-safe.
class Analyzer {
 public:
  // Loads content_dir/lexicons/vader/vader_lexicon.txt, content_dir/distortions/distortions.toml
  // and models_dir/{crisis,emotion,distortion}.{toml,ftz}, plus the crisis model's companions
  // (TaskSettings::companions). The error names the file at fault.
  [[nodiscard]] static core::Result<std::shared_ptr<const Analyzer>> Load(
      const std::string& models_dir, const std::string& content_dir);

  // `crisis_companions`: further crisis models whose P(crisis) is averaged with `crisis`'s.
  Analyzer(std::shared_ptr<const Vader> vader, std::shared_ptr<const TaskModel> crisis,
           std::shared_ptr<const TaskModel> emotion, std::shared_ptr<const TaskModel> distortion,
           std::vector<Distortion> catalogue,
           std::vector<std::shared_ptr<const TaskModel>> crisis_companions = {});

  // Analyses one text (any length; only the first kMaxBytes are read). Never fails.
  [[nodiscard]] Analysis Analyze(std::string_view text) const;

  [[nodiscard]] const std::vector<Distortion>& distortion_catalogue() const { return catalogue_; }

  static constexpr std::size_t kMaxBytes = 64 * 1024;

 private:
  std::shared_ptr<const Vader> vader_;
  std::shared_ptr<const TaskModel> crisis_;
  std::vector<std::shared_ptr<const TaskModel>> crisis_companions_;
  std::shared_ptr<const TaskModel> emotion_;
  std::shared_ptr<const TaskModel> distortion_;
  std::vector<Distortion> catalogue_;
};

}  // namespace haven::nlp
