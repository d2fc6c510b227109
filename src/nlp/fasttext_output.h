// The output layer of a supervised fastText model (internal to nlp): what fastText's
// Loss::computeOutput puts in Model::State::output, bit for bit, without its per-label virtual
// dot products. The output matrix is kept transposed so that one pass over the hidden vector
// computes every label's dot product at once (each label's sum still runs over the dimensions
// in fastText's order, so every float operation is the same).
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

namespace fasttext {
class Matrix;
}  // namespace fasttext

namespace haven::nlp {

class OneVsAllSigmoid;  // fasttext_output.cc: fastText's own sigmoid table

class FastTextOutput {
 public:
  enum class Kind { kSoftmax, kOneVsAll };

  // nullptr when `output` is not a dense matrix (a quantised output layer): callers then use
  // fastText's Loss. The matrix must outlive the result only during Build.
  [[nodiscard]] static std::unique_ptr<FastTextOutput> Build(
      const std::shared_ptr<fasttext::Matrix>& output, Kind kind);
  ~FastTextOutput();

  [[nodiscard]] std::size_t labels() const { return labels_; }
  // Floats of scratch Compute needs besides its input and output.
  [[nodiscard]] std::size_t scratch_size() const { return stride_; }

  // Writes the probability of each label into scores[0..labels()), as computeOutput does with
  // the same hidden vector (dim floats). False when a dot product is NaN, where fastText throws.
  // `scratch` holds scratch_size() floats. Const and thread-safe.
  bool Compute(const float* hidden, float* scores, float* scratch) const;

 private:
  FastTextOutput();
  void Softmax(float* scores) const;

  Kind kind_ = Kind::kSoftmax;
  std::size_t labels_ = 0;
  std::size_t dim_ = 0;
  std::size_t stride_ = 0;         // labels rounded up to a multiple of 8 (padding is zero)
  std::vector<float> transposed_;  // dim_ x stride_: row j holds weight j of every label
  std::shared_ptr<fasttext::Matrix> matrix_;  // fastText's Loss keeps a reference to it
  std::unique_ptr<OneVsAllSigmoid> sigmoid_;  // for kOneVsAll
};

}  // namespace haven::nlp
