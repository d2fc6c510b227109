// Adapter over fastText 0.9.2: loads supervised models with errors as values, scores text, and
// trains + quantises new models reproducibly. fastText exceptions never leave this file pair.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "nlp/fasttext_inference.h"

namespace fasttext {
class FastText;
}  // namespace fasttext

namespace haven::nlp {

struct LabelScore {
  std::string label;  // without fastText's "__label__" prefix
  double score = 0.0;
};

// A loaded fastText classifier. Immutable; Scores is const and thread-safe.
class FastTextModel {
 public:
  // Loads a .bin/.ftz file. NotFound when missing; InvalidArgument naming the file when it is
  // not a fastText model, has an unsupported version, is corrupted or is not supervised.
  [[nodiscard]] static core::Result<std::shared_ptr<const FastTextModel>> Load(
      const std::string& path);
  ~FastTextModel();

  // Probability of every label for one line of classifier input, highest first. Empty input
  // gives the model's prior-free output (all labels, possibly equal scores).
  [[nodiscard]] std::vector<LabelScore> Scores(std::string_view classifier_input) const;
  // The same for input already split by HashTokens (shared by several models).
  [[nodiscard]] std::vector<LabelScore> Scores(const std::vector<HashedToken>& tokens) const;
  // The same as (probability, index into labels()) pairs, without building label strings.
  [[nodiscard]] std::vector<std::pair<float, std::int32_t>> RankedScores(
      const std::vector<HashedToken>& tokens) const;
  // Scores through fastText's own stream parser (FastText::predictLine): slower, kept to check
  // that the fast path gives the same output. Loads fastText's own copy of the model on first
  // use (tests and benchmarks only), so serving holds one copy.
  [[nodiscard]] std::vector<LabelScore> ReferenceScores(std::string_view classifier_input) const;

  [[nodiscard]] const std::vector<std::string>& labels() const { return labels_; }
  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  FastTextModel(std::shared_ptr<const FastTextInference> inference, std::vector<std::string> labels,
                std::string path);
  std::shared_ptr<const FastTextInference> inference_;
  mutable std::once_flag reference_loaded_;
  mutable std::shared_ptr<fasttext::FastText> reference_;  // null if it failed to load
  std::vector<std::string> labels_;
  std::string path_;
};

enum class LossKind { kSoftmax, kOneVsAll };

// Hyper-parameters of one training run; recorded in the model card.
struct TrainParameters {
  LossKind loss = LossKind::kSoftmax;
  int dim = 50;
  int epoch = 25;
  double lr = 0.5;
  int word_ngrams = 2;
  int min_count = 1;
  int minn = 0;  // character n-grams off by default (size); >0 turns them on
  int maxn = 0;
  int bucket = 200000;
  int seed = 42;
  int threads = 1;             // 1 makes training reproducible
  std::size_t cutoff = 30000;  // quantisation: rows kept in the input matrix
  int dsub = 2;
};

struct TrainingLine {
  std::string input;                // classifier input (normalised text)
  std::vector<std::string> labels;  // one or more
};

// Trains a supervised model on `lines`, quantises it (qnorm, cutoff, retrain) and writes it to
// `out_path` (.ftz). Progress goes to `progress`. Internal naming the cause on any failure.
[[nodiscard]] core::Status TrainFastText(const std::vector<TrainingLine>& lines,
                                         const TrainParameters& parameters,
                                         const std::string& out_path, std::ostream& progress);

// FNV-1a 64-bit hash of a file's bytes as 16 hex digits, to detect corrupted model files.
[[nodiscard]] core::Result<std::string> FileFingerprint(const std::string& path);

}  // namespace haven::nlp
