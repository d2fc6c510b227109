#include "nlp/fasttext_model.h"

#include <fasttext/fasttext.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace haven::nlp {
namespace {

constexpr std::int32_t kFastTextMagic = 793712314;
constexpr std::int32_t kFastTextVersion = 12;
constexpr std::string_view kLabelPrefix = "__label__";

core::Status CheckSignature(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return core::Fail(core::ErrorCode::kNotFound, "cannot open model file '" + path + "'", "model");
  }
  std::int32_t magic = 0;
  std::int32_t version = 0;
  file.read(reinterpret_cast<char*>(&magic), sizeof magic);
  file.read(reinterpret_cast<char*>(&version), sizeof version);
  if (!file || magic != kFastTextMagic) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "model file '" + path + "' is not a fastText model (bad signature)", "model");
  }
  if (version != kFastTextVersion) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      fmt::format("model file '{}' has fastText format version {}; this build "
                                  "reads version {} (retrain with `haven train`)",
                                  path, version, kFastTextVersion),
                      "model");
  }
  return {};
}

}  // namespace

FastTextModel::FastTextModel(std::shared_ptr<const FastTextInference> inference,
                             std::vector<std::string> labels, std::string path)
    : inference_(std::move(inference)), labels_(std::move(labels)), path_(std::move(path)) {}

FastTextModel::~FastTextModel() = default;

core::Result<std::shared_ptr<const FastTextModel>> FastTextModel::Load(const std::string& path) {
  if (auto status = CheckSignature(path); !status) return std::unexpected(status.error());
  auto inference = FastTextInference::Load(path);
  if (!inference) return std::unexpected(inference.error());
  std::vector<std::string> labels;
  for (std::string label : (*inference)->labels()) {
    if (label.starts_with(kLabelPrefix)) label.erase(0, kLabelPrefix.size());
    labels.push_back(std::move(label));
  }
  if (labels.empty()) {
    return core::Fail(core::ErrorCode::kInvalidArgument, "model file '" + path + "' has no labels",
                      "model");
  }
  return std::shared_ptr<const FastTextModel>(
      new FastTextModel(std::move(*inference), std::move(labels), path));
}

std::vector<LabelScore> FastTextModel::Scores(std::string_view classifier_input) const {
  return Scores(HashTokens(classifier_input));
}

std::vector<std::pair<float, std::int32_t>> FastTextModel::RankedScores(
    const std::vector<HashedToken>& tokens) const {
  try {
    return inference_->Predict(tokens);
  } catch (...) {
    return {};  // fastText's NaN check; an unscored text must not take the process down
  }
}

std::vector<LabelScore> FastTextModel::Scores(const std::vector<HashedToken>& tokens) const {
  std::vector<LabelScore> scores;
  const std::vector<std::pair<float, std::int32_t>> predictions = RankedScores(tokens);
  scores.reserve(predictions.size());
  for (const auto& [probability, index] : predictions) {
    scores.push_back({labels_[static_cast<std::size_t>(index)], static_cast<double>(probability)});
  }
  return scores;
}

std::vector<LabelScore> FastTextModel::ReferenceScores(std::string_view classifier_input) const {
  std::string line(classifier_input);
  std::ranges::replace(line, '\n', ' ');
  line.push_back('\n');  // training lines end with a newline (fastText's </s> token)
  std::istringstream in(line);
  std::vector<std::pair<fasttext::real, std::string>> predictions;
  std::vector<LabelScore> scores;
  std::call_once(reference_loaded_, [this] {
    auto model = std::make_shared<fasttext::FastText>();
    try {
      model->loadModel(path_);
      reference_ = std::move(model);
    } catch (...) {
      reference_ = nullptr;  // the file changed since Load: no reference scores
    }
  });
  if (!reference_) return scores;
  try {
    reference_->predictLine(in, predictions, static_cast<std::int32_t>(labels_.size()), 0.0);
  } catch (...) {
    predictions.clear();  // never expected; an unscored text must not take the process down
  }
  for (auto& [probability, label] : predictions) {
    if (label.starts_with(kLabelPrefix)) label.erase(0, kLabelPrefix.size());
    scores.push_back({std::move(label), static_cast<double>(probability)});
  }
  return scores;
}

namespace {

core::Status WriteTrainingFile(const std::vector<TrainingLine>& lines, const std::string& path) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  for (const TrainingLine& line : lines) {
    for (const std::string& label : line.labels) file << kLabelPrefix << label << ' ';
    std::string input = line.input;
    std::ranges::replace(input, '\n', ' ');
    file << input << '\n';
  }
  if (!file) {
    return core::Fail(core::ErrorCode::kInternal, "cannot write training file '" + path + "'",
                      "out");
  }
  return {};
}

fasttext::Args MakeArgs(const TrainParameters& p, const std::string& input) {
  fasttext::Args args;
  args.input = input;
  args.model = fasttext::model_name::sup;
  args.loss =
      p.loss == LossKind::kOneVsAll ? fasttext::loss_name::ova : fasttext::loss_name::softmax;
  args.dim = p.dim;
  args.epoch = p.epoch;
  args.lr = p.lr;
  args.wordNgrams = p.word_ngrams;
  args.minCount = p.min_count;
  args.minn = p.minn;
  args.maxn = p.maxn;
  args.bucket = p.bucket;
  args.seed = p.seed;
  args.thread = p.threads;
  args.verbose = 2;
  return args;
}

}  // namespace

core::Status TrainFastText(const std::vector<TrainingLine>& lines,
                           const TrainParameters& parameters, const std::string& out_path,
                           std::ostream& progress) {
  if (lines.empty()) {
    return core::Fail(core::ErrorCode::kInvalidArgument, "no training examples", "data");
  }
  const std::string input_path = out_path + ".train.txt";
  if (auto status = WriteTrainingFile(lines, input_path); !status) return status;
  core::Status result;
  try {
    fasttext::FastText model;
    progress << fmt::format("training on {} examples (fastText, seed {}, {} thread)\n",
                            lines.size(), parameters.seed, parameters.threads);
    model.train(MakeArgs(parameters, input_path));
    progress << "\nquantising (cutoff " << parameters.cutoff << ", retrain, qnorm)\n";
    fasttext::Args quantize = MakeArgs(parameters, input_path);
    quantize.qnorm = true;
    quantize.retrain = true;
    quantize.cutoff = parameters.cutoff;
    quantize.dsub = static_cast<std::size_t>(parameters.dsub);
    quantize.output = out_path;
    model.quantize(quantize);
    model.saveModel(out_path);
    progress << "\nwrote " << out_path << "\n";
  } catch (const std::exception& e) {
    result =
        core::Fail(core::ErrorCode::kInternal, std::string("fastText failed: ") + e.what(), "data");
  }
  std::error_code ignored;
  std::filesystem::remove(input_path, ignored);
  return result;
}

core::Result<std::string> FileFingerprint(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return core::Fail(core::ErrorCode::kNotFound, "cannot open '" + path + "'", "model");
  }
  std::uint64_t hash = 14695981039346656037ULL;
  char buffer[1 << 16];
  while (file.read(buffer, sizeof buffer) || file.gcount() > 0) {
    for (std::streamsize i = 0; i < file.gcount(); ++i) {
      hash ^= static_cast<unsigned char>(buffer[i]);
      hash *= 1099511628211ULL;
    }
  }
  return fmt::format("{:016x}", hash);
}

}  // namespace haven::nlp
