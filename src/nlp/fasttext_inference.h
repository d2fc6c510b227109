// Fast inference for supervised fastText 0.9.2 models (internal to nlp). Reads the model file
// with fastText's own classes, then keeps a dequantised input matrix, each vocabulary word's
// rows (the word and its character n-grams) pre-summed into one vector, and a dense bucket ->
// row table, so scoring a line needs no stream, string or hash-map work and one vector add per
// known word. The output layer is fastText's Loss::computeOutput over the same hidden vector (the
// mean of the same rows), computed for all labels at once (fasttext_output.h); only the order of
// the row additions differs, so probabilities equal FastText::predictLine's to about 1e-6, not
// bit for bit.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace fasttext {
class Args;
class Loss;
class Matrix;
}  // namespace fasttext

namespace haven::nlp {

class FastTextOutput;  // fasttext_output.h
class FastMod32;       // fast_mod.h
class FastMod64;

// One whitespace-separated token of classifier input with its fastText (FNV-1a) hash, which
// does not depend on the model: shared by every model that scores the same input.
struct HashedToken {
  std::string_view text;
  std::uint32_t hash = 0;
};

// Splits like fastText's Dictionary::readWord on one line (' ', \t, \n, \v, \f, \r, \0) and
// appends the end-of-sentence token "</s>". The views point into `input` (or a static string).
[[nodiscard]] std::vector<HashedToken> HashTokens(std::string_view input);

// A loaded model ready for scoring. Immutable; Predict is const and thread-safe.
class FastTextInference {
 public:
  // Loads a supervised .bin/.ftz (signature already checked by the caller). InvalidArgument
  // naming the file when the layout is unexpected or the loss is not softmax / one-vs-all.
  [[nodiscard]] static core::Result<std::shared_ptr<const FastTextInference>> Load(
      const std::string& path);
  ~FastTextInference();

  // (probability, label index) of every label, highest first; what predictLine gives with
  // k = all labels and threshold 0 (probabilities as exp(log(p + 1e-5)), as fastText reports).
  // May throw fastText's NaN error like predictLine; FastTextModel::Scores catches it.
  [[nodiscard]] std::vector<std::pair<float, std::int32_t>> Predict(
      const std::vector<HashedToken>& tokens) const;
  [[nodiscard]] const std::vector<std::string>& labels() const { return labels_; }

 private:
  FastTextInference();
  [[nodiscard]] core::Status Read(const std::string& path);
  class RowBatch;  // rows gathered for AddRows
  void BuildWordTable(const std::vector<std::string>& words);
  [[nodiscard]] std::int32_t FindWord(std::string_view word, std::uint32_t hash) const;
  [[nodiscard]] const float* Row(std::int32_t row) const;  // width_ floats of input_
  // Adds the rows of the character n-grams of `word` (Dictionary::computeSubwords order) to
  // `batch` and returns how many there were.
  std::size_t AddSubwords(std::string_view word, RowBatch& batch) const;
  // Adds the rows of `tokens` to hidden[0..width_) in this order: the pre-summed vectors of
  // known words, the n-gram rows of unknown words, then the word n-gram rows; returns the row
  // count.
  std::size_t SumRows(const std::vector<HashedToken>& tokens, float* hidden) const;
  std::size_t AddWordNgrams(const std::vector<HashedToken>& tokens, RowBatch& batch) const;
  // Probabilities from the mean hidden vector, through fastText's Loss (quantised output only).
  [[nodiscard]] bool ComputeOutputWithLoss(const float* hidden, float* scores) const;

  std::shared_ptr<fasttext::Args> args_;
  std::int32_t nwords_ = 0;
  std::int32_t dim_ = 0;
  std::size_t width_ = 0;  // floats per stored row: dim_ padded to whole vectors (row_sum.h)
  std::vector<std::string> words_;  // in-vocabulary words, by id
  // Open addressing over words_: (hash, id) so probes skip other words without a string compare.
  std::vector<std::pair<std::uint32_t, std::int32_t>> word_slots_;
  std::vector<std::uint32_t> word_row_counts_;  // word id -> rows summed into its vector
  std::vector<float> word_vectors_;             // word id -> sum of its rows (width_ floats each)
  std::vector<std::int32_t> bucket_rows_;       // hash bucket -> row, -1 when pruned away
  std::shared_ptr<const FastMod32> buckets32_;  // % bucket count, for character n-gram hashes
  std::shared_ptr<const FastMod64> buckets64_;  // % bucket count, for word n-gram hashes
  std::vector<float> input_;                    // dequantised input matrix, width_ per row
  std::vector<std::string> labels_;             // with the "__label__" prefix
  std::shared_ptr<fasttext::Matrix> output_;    // must outlive loss_ (Loss keeps a reference)
  std::shared_ptr<fasttext::Loss> loss_;
  std::unique_ptr<FastTextOutput> fast_output_;  // null when the output matrix is quantised
};

}  // namespace haven::nlp
