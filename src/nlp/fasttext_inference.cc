#include "nlp/fasttext_inference.h"

#include <fasttext/args.h>
#include <fasttext/densematrix.h>
#include <fasttext/loss.h>
#include <fasttext/model.h>
#include <fasttext/quantmatrix.h>
#include <fasttext/vector.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <fstream>
#include <unordered_map>

#include "nlp/fast_mod.h"
#include "nlp/fasttext_output.h"
#include "nlp/row_sum.h"

namespace haven::nlp {
namespace {

constexpr std::string_view kEndOfSentence = "</s>";  // fastText's Dictionary::EOS
constexpr std::uint32_t kFnvOffset = 2166136261U;
constexpr std::uint32_t kFnvPrime = 16777619U;
constexpr std::uint64_t kWordNgramPrime = 116049371ULL;

// fastText's hash step: the byte is sign-extended (models were trained with signed char).
inline std::uint32_t HashStep(std::uint32_t h, char c) {
  return (h ^ static_cast<std::uint32_t>(static_cast<std::int8_t>(c))) * kFnvPrime;
}

std::uint32_t Hash(std::string_view text) {
  std::uint32_t h = kFnvOffset;
  for (char c : text) h = HashStep(h, c);
  return h;
}

inline bool IsSeparator(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\v' || c == '\f' || c == '\0';
}

inline bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

template <typename T>
bool ReadValue(std::istream& in, T& value) {
  in.read(reinterpret_cast<char*>(&value), sizeof value);
  return static_cast<bool>(in);
}

// The dictionary section of a model file (fastText's Dictionary::save layout).
struct DictionaryData {
  std::vector<std::string> words;
  std::vector<std::string> labels;
  std::int64_t prune_size = -1;
  std::unordered_map<std::int32_t, std::int32_t> prune;
};

bool ReadDictionary(std::istream& in, DictionaryData& dict) {
  std::int32_t size = 0, nwords = 0, nlabels = 0;
  std::int64_t ntokens = 0;
  if (!ReadValue(in, size) || !ReadValue(in, nwords) || !ReadValue(in, nlabels) ||
      !ReadValue(in, ntokens) || !ReadValue(in, dict.prune_size)) {
    return false;
  }
  if (size < 0 || nwords < 0 || nlabels < 0 || nwords + nlabels != size) return false;
  for (std::int32_t i = 0; i < size; ++i) {
    std::string word;
    std::getline(in, word, '\0');
    std::int64_t count = 0;
    std::int8_t type = 0;
    if (!ReadValue(in, count) || !ReadValue(in, type)) return false;
    if ((type == 0) != (i < nwords)) return false;  // words first, then labels
    (type == 0 ? dict.words : dict.labels).push_back(std::move(word));
  }
  for (std::int64_t i = 0; i < dict.prune_size; ++i) {
    std::int32_t from = 0, to = 0;
    if (!ReadValue(in, from) || !ReadValue(in, to)) return false;
    dict.prune[from] = to;
  }
  return true;
}

std::shared_ptr<fasttext::Matrix> ReadMatrix(std::istream& in, bool quantised) {
  std::shared_ptr<fasttext::Matrix> matrix;
  if (quantised) {
    matrix = std::make_shared<fasttext::QuantMatrix>();
  } else {
    matrix = std::make_shared<fasttext::DenseMatrix>();
  }
  matrix->load(in);
  return matrix;
}

// Hash bucket -> input row (-1 when pruned away), as Dictionary::pushHash maps it.
std::vector<std::int32_t> BucketRows(const DictionaryData& dict, int buckets, std::int32_t nwords) {
  std::vector<std::int32_t> rows(static_cast<std::size_t>(std::max(buckets, 0)), -1);
  if (dict.prune_size < 0) {  // not pruned: every bucket has its row
    for (std::size_t b = 0; b < rows.size(); ++b) rows[b] = nwords + static_cast<std::int32_t>(b);
  }
  for (const auto& [from, to] : dict.prune) {
    if (from < 0 || to < 0 || static_cast<std::size_t>(from) >= rows.size()) continue;
    rows[static_cast<std::size_t>(from)] = nwords + to;
  }
  return rows;
}

// The input matrix as floats, each row exactly as fastText adds it to a zero vector (for a
// quantised matrix: norm * centroid per sub-vector), padded with zeros to `width` floats.
std::vector<float> Dequantise(const fasttext::Matrix& input, std::size_t width) {
  const std::int64_t rows = input.size(0);
  const std::int64_t dim = input.size(1);
  std::vector<float> out(static_cast<std::size_t>(rows) * width, 0.0F);
  fasttext::Vector row(dim);
  for (std::int64_t i = 0; i < rows; ++i) {
    row.zero();
    input.addRowToVector(row, static_cast<std::int32_t>(i));
    std::copy(row.data(), row.data() + dim, out.begin() + i * static_cast<std::int64_t>(width));
  }
  return out;
}

}  // namespace

std::vector<HashedToken> HashTokens(std::string_view input) {
  std::vector<HashedToken> tokens;
  std::size_t pos = 0;
  while (pos < input.size()) {
    while (pos < input.size() && IsSeparator(input[pos])) ++pos;
    const std::size_t begin = pos;
    std::uint32_t h = kFnvOffset;
    while (pos < input.size() && !IsSeparator(input[pos])) h = HashStep(h, input[pos++]);
    if (pos > begin) tokens.push_back({input.substr(begin, pos - begin), h});
  }
  static const std::uint32_t kEosHash = Hash(kEndOfSentence);
  tokens.push_back({kEndOfSentence, kEosHash});
  return tokens;
}

FastTextInference::FastTextInference() = default;
FastTextInference::~FastTextInference() = default;

core::Result<std::shared_ptr<const FastTextInference>> FastTextInference::Load(
    const std::string& path) {
  std::shared_ptr<FastTextInference> model(new FastTextInference());
  core::Status status;
  try {
    status = model->Read(path);
  } catch (const std::exception& e) {
    status = core::Fail(core::ErrorCode::kInvalidArgument,
                        "model file '" + path + "' is corrupted: " + e.what(), "model");
  } catch (...) {
    status = core::Fail(core::ErrorCode::kInvalidArgument, "model file '" + path + "' is corrupted",
                        "model");
  }
  if (!status) return std::unexpected(status.error());
  return std::shared_ptr<const FastTextInference>(std::move(model));
}

core::Status FastTextInference::Read(const std::string& path) {
  auto fail = [&](const std::string& why) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "model file '" + path + "' cannot be read for inference: " + why, "model");
  };
  std::ifstream in(path, std::ios::binary);
  in.seekg(2 * sizeof(std::int32_t));  // magic and version, checked by FastTextModel::Load
  args_ = std::make_shared<fasttext::Args>();
  args_->load(in);
  if (!in) return fail("truncated");
  if (args_->model != fasttext::model_name::sup) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "model file '" + path + "' is not a supervised classifier", "model");
  }
  DictionaryData dict;
  if (!in || !ReadDictionary(in, dict)) return fail("unexpected dictionary layout");
  bool quantised_input = false;
  bool quantised_output = false;
  if (!ReadValue(in, quantised_input)) return fail("truncated");
  std::shared_ptr<fasttext::Matrix> input = ReadMatrix(in, quantised_input);
  if (!ReadValue(in, quantised_output)) return fail("truncated");
  output_ = ReadMatrix(in, quantised_input && quantised_output);
  if (!in) return fail("truncated");
  if (args_->loss == fasttext::loss_name::softmax) {
    loss_ = std::make_shared<fasttext::SoftmaxLoss>(output_);
    fast_output_ = FastTextOutput::Build(output_, FastTextOutput::Kind::kSoftmax);
  } else if (args_->loss == fasttext::loss_name::ova) {
    loss_ = std::make_shared<fasttext::OneVsAllLoss>(output_);
    fast_output_ = FastTextOutput::Build(output_, FastTextOutput::Kind::kOneVsAll);
  } else {
    return fail("only softmax and one-vs-all losses are supported");
  }
  nwords_ = static_cast<std::int32_t>(dict.words.size());
  dim_ = static_cast<std::int32_t>(input->size(1));
  const std::int64_t rows = input->size(0);
  if (dim_ != args_->dim || output_->size(0) != static_cast<std::int64_t>(dict.labels.size())) {
    return fail("matrix sizes do not match the dictionary");
  }
  bucket_rows_ = BucketRows(dict, args_->bucket, nwords_);
  if (!bucket_rows_.empty()) {
    buckets32_ = std::make_shared<const FastMod32>(static_cast<std::uint32_t>(args_->bucket));
    buckets64_ = std::make_shared<const FastMod64>(static_cast<std::uint64_t>(args_->bucket));
  }
  for (std::int32_t row : bucket_rows_) {
    if (row >= rows) return fail("a hash bucket points past the input matrix");
  }
  if (nwords_ > rows) return fail("fewer input rows than words");
  width_ = PaddedWidth(static_cast<std::size_t>(dim_));
  input_ = Dequantise(*input, width_);
  labels_ = std::move(dict.labels);
  BuildWordTable(dict.words);
  return {};
}

// Rows to add to one hidden vector, gathered in order and added a batch at a time.
class FastTextInference::RowBatch {
 public:
  RowBatch(std::size_t width, float* hidden) : width_(width), hidden_(hidden) {}
  RowBatch(const RowBatch&) = delete;
  RowBatch& operator=(const RowBatch&) = delete;
  void Add(const float* row) {
    // Rows are scattered over megabytes: ask for each one now, so that the loads overlap
    // while more rows are found (the sums read them only at Flush).
    for (std::size_t b = 0; b < width_ * sizeof(float); b += 64)
      __builtin_prefetch(reinterpret_cast<const char*>(row) + b);
    rows_[count_++] = row;
    if (count_ == kCapacity) Flush();
  }
  void Flush() {
    AddRows(rows_, count_, width_, hidden_);
    count_ = 0;
  }

 private:
  static constexpr std::size_t kCapacity = 64;
  const float* rows_[kCapacity];
  std::size_t count_ = 0;
  std::size_t width_;
  float* hidden_;
};

const float* FastTextInference::Row(std::int32_t row) const {
  return input_.data() + static_cast<std::size_t>(row) * width_;
}

void FastTextInference::BuildWordTable(const std::vector<std::string>& words) {
  words_ = words;
  word_slots_.assign(std::bit_ceil(2 * words_.size() + 1), {0U, -1});
  const std::size_t mask = word_slots_.size() - 1;
  word_vectors_.assign(words_.size() * width_, 0.0F);
  word_row_counts_.assign(words_.size(), 0U);
  for (std::size_t i = 0; i < words_.size(); ++i) {
    const std::uint32_t hash = Hash(words_[i]);
    std::size_t slot = hash & mask;
    while (word_slots_[slot].second >= 0) slot = (slot + 1) & mask;
    word_slots_[slot] = {hash, static_cast<std::int32_t>(i)};
    // Dictionary::initNgrams: the word itself, then its character n-grams (none for </s>).
    RowBatch batch(width_, word_vectors_.data() + i * width_);
    batch.Add(Row(static_cast<std::int32_t>(i)));
    std::size_t rows = 1;
    if (words_[i] != kEndOfSentence) rows += AddSubwords(words_[i], batch);
    batch.Flush();
    word_row_counts_[i] = static_cast<std::uint32_t>(rows);
  }
}

std::int32_t FastTextInference::FindWord(std::string_view word, std::uint32_t hash) const {
  const std::size_t mask = word_slots_.size() - 1;
  for (std::size_t slot = hash & mask; word_slots_[slot].second >= 0; slot = (slot + 1) & mask) {
    const auto [slot_hash, id] = word_slots_[slot];
    if (slot_hash == hash && words_[static_cast<std::size_t>(id)] == word) return id;
  }
  return -1;
}

// Dictionary::computeSubwords over "<word>": n-grams of minn..maxn code points, hashed
// incrementally (FNV-1a extends one byte at a time); buckets pruned away add nothing.
std::size_t FastTextInference::AddSubwords(std::string_view word, RowBatch& batch) const {
  const int minn = args_->minn;
  const int maxn = args_->maxn;
  if (maxn <= 0 || bucket_rows_.empty()) return 0;
  // "<word>" in one buffer (on the stack for all but very long words).
  constexpr std::size_t kStackBytes = 128;
  char stack[kStackBytes];
  std::string heap;
  const std::size_t size = word.size() + 2;
  char* bracketed = stack;
  if (size > kStackBytes) {
    heap.resize(size);
    bracketed = heap.data();
  }
  bracketed[0] = '<';
  std::memcpy(bracketed + 1, word.data(), word.size());
  bracketed[size - 1] = '>';
  const auto max_n = static_cast<std::size_t>(maxn);
  const auto min_n = static_cast<std::size_t>(minn);
  std::size_t count = 0;
  for (std::size_t i = 0; i < size; ++i) {
    if (IsContinuation(bracketed[i])) continue;
    std::uint32_t h = kFnvOffset;
    for (std::size_t j = i, n = 1; j < size && n <= max_n; ++n) {
      h = HashStep(h, bracketed[j++]);
      while (j < size && IsContinuation(bracketed[j])) h = HashStep(h, bracketed[j++]);
      if (n >= min_n && !(n == 1 && (i == 0 || j == size))) {
        const std::int32_t row = bucket_rows_[(*buckets32_)(h)];
        if (row >= 0) {
          batch.Add(Row(row));
          ++count;
        }
      }
    }
  }
  return count;
}

std::size_t FastTextInference::SumRows(const std::vector<HashedToken>& tokens,
                                       float* hidden) const {
  std::size_t count = 0;
  const std::string& label_prefix = args_->label;
  // Each token's word id (-1: unknown, -2: a label or the end of sentence, no subwords).
  constexpr std::size_t kStackTokens = 256;
  std::int32_t stack_ids[kStackTokens];
  std::vector<std::int32_t> heap_ids;
  std::int32_t* ids = stack_ids;
  if (tokens.size() > kStackTokens) {
    heap_ids.resize(tokens.size());
    ids = heap_ids.data();
  }
  RowBatch batch(width_, hidden);
  bool unknown = false;  // some word is out of the vocabulary
  for (std::size_t t = 0; t < tokens.size(); ++t) {
    const HashedToken& token = tokens[t];
    ids[t] = -2;
    if (token.text.starts_with(label_prefix)) continue;  // a label, not a word
    const std::int32_t id = FindWord(token.text, token.hash);
    if (id < 0) {
      if (token.text != kEndOfSentence) ids[t] = -1;
      unknown = unknown || ids[t] == -1;
      continue;
    }
    ids[t] = id;
    batch.Add(word_vectors_.data() + static_cast<std::size_t>(id) * width_);
    count += word_row_counts_[static_cast<std::size_t>(id)];
  }
  // Rows of unknown words and of word n-grams come after all word vectors, as fastText's
  // getLine lists them after the words (the sums must run in one fixed order).
  for (std::size_t t = 0; unknown && t < tokens.size(); ++t) {
    if (ids[t] == -1) count += AddSubwords(tokens[t].text, batch);
  }
  count += AddWordNgrams(tokens, batch);
  batch.Flush();
  return count;
}

// Dictionary::addWordNgrams over the token hashes (int32 as in Dictionary::getLine: the sign
// matters), labels left out.
std::size_t FastTextInference::AddWordNgrams(const std::vector<HashedToken>& tokens,
                                             RowBatch& batch) const {
  const auto n = static_cast<std::size_t>(std::max(args_->wordNgrams, 1));
  if (bucket_rows_.empty() || n < 2) return 0;
  const std::string& label_prefix = args_->label;
  const auto is_word = [&](const HashedToken& t) { return !t.text.starts_with(label_prefix); };
  const auto extend = [](std::uint64_t h, std::uint32_t next) {
    return h * kWordNgramPrime +
           static_cast<std::uint64_t>(static_cast<std::int64_t>(static_cast<std::int32_t>(next)));
  };
  std::size_t count = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (!is_word(tokens[i])) continue;
    auto h = static_cast<std::uint64_t>(
        static_cast<std::int64_t>(static_cast<std::int32_t>(tokens[i].hash)));
    for (std::size_t j = i + 1, taken = 1; j < tokens.size() && taken < n; ++j) {
      if (!is_word(tokens[j])) continue;
      h = extend(h, tokens[j].hash);
      ++taken;
      const std::int32_t row = bucket_rows_[(*buckets64_)(h)];
      if (row >= 0) {
        batch.Add(Row(row));
        ++count;
      }
    }
  }
  return count;
}

bool FastTextInference::ComputeOutputWithLoss(const float* hidden, float* scores) const {
  const auto nlabels = static_cast<std::int32_t>(labels_.size());
  fasttext::Model::State state(dim_, nlabels, 0);
  std::copy(hidden, hidden + dim_, state.hidden.data());
  loss_->computeOutput(state);
  std::copy(state.output.data(), state.output.data() + nlabels, scores);
  return true;
}

std::vector<std::pair<float, std::int32_t>> FastTextInference::Predict(
    const std::vector<HashedToken>& tokens) const {
  const auto dim = static_cast<std::size_t>(dim_);
  const std::size_t nlabels = labels_.size();
  const std::size_t extra = fast_output_ ? fast_output_->scratch_size() : 0;
  // hidden (padded to width_), scores and the output layer's scratch; on the stack for the
  // usual sizes.
  constexpr std::size_t kStackFloats = 1024;
  float stack[kStackFloats];
  std::vector<float> heap;
  float* buffer = stack;
  if (width_ + nlabels + extra > kStackFloats) {
    heap.resize(width_ + nlabels + extra);
    buffer = heap.data();
  }
  float* hidden = buffer;
  float* scores = buffer + width_;
  // Model::computeHidden: the mean of the rows.
  std::fill(hidden, hidden + width_, 0.0F);
  const std::size_t count = SumRows(tokens, hidden);
  if (count == 0) return {};
  const auto scale = static_cast<float>(1.0 / static_cast<double>(count));
  for (std::size_t j = 0; j < dim; ++j) hidden[j] *= scale;
  const bool computed = fast_output_ ? fast_output_->Compute(hidden, scores, scores + nlabels)
                                     : ComputeOutputWithLoss(hidden, scores);
  if (!computed) return {};  // a NaN dot product: predictLine throws there
  // Loss::predict with k = all labels and threshold 0 reports exp(log(p + 1e-5)) per label,
  // highest first; computing p + 1e-5 directly and sorting skips its heap and log/exp.
  constexpr float kLogEpsilon = 1e-5F;  // fastText's std_log offset
  std::vector<std::pair<float, std::int32_t>> predictions;
  predictions.reserve(nlabels);
  for (std::size_t i = 0; i < nlabels; ++i) {
    if (std::isnan(scores[i])) return {};  // as predictLine refuses it; sort needs order
    // Insertion keeps equal scores in label order (ties are common: fastText's sigmoid is a
    // 512-entry table), as a stable sort would; few labels, no allocation.
    const float p = scores[i] + kLogEpsilon;
    auto at = predictions.end();
    while (at != predictions.begin() && (at - 1)->first < p) --at;
    predictions.insert(at, {p, static_cast<std::int32_t>(i)});
  }
  return predictions;
}

}  // namespace haven::nlp
