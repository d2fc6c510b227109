#include "nlp/fasttext_output.h"

#include <fasttext/densematrix.h>
#include <fasttext/loss.h>

#include <algorithm>
#include <cmath>

#include "nlp/row_sum.h"

namespace haven::nlp {

// fastText's one-vs-all loss, only to call its own sigmoid (a 512-entry table, protected in
// fastText::Loss): the scores then equal BinaryLogisticLoss::computeOutput's exactly.
class OneVsAllSigmoid final : public fasttext::OneVsAllLoss {
 public:
  explicit OneVsAllSigmoid(std::shared_ptr<fasttext::Matrix>& output) : OneVsAllLoss(output) {}
  [[nodiscard]] float Sigmoid(float x) const { return sigmoid(x); }
};

FastTextOutput::FastTextOutput() = default;
FastTextOutput::~FastTextOutput() = default;

std::unique_ptr<FastTextOutput> FastTextOutput::Build(
    const std::shared_ptr<fasttext::Matrix>& output, Kind kind) {
  const auto* dense = dynamic_cast<const fasttext::DenseMatrix*>(output.get());
  if (dense == nullptr) return nullptr;
  std::unique_ptr<FastTextOutput> layer(new FastTextOutput());
  layer->kind_ = kind;
  layer->labels_ = static_cast<std::size_t>(dense->size(0));
  layer->dim_ = static_cast<std::size_t>(dense->size(1));
  layer->stride_ = PaddedWidth(layer->labels_);
  layer->transposed_.assign(layer->dim_ * layer->stride_, 0.0F);
  for (std::size_t i = 0; i < layer->labels_; ++i) {
    for (std::size_t j = 0; j < layer->dim_; ++j) {
      layer->transposed_[j * layer->stride_ + i] =
          dense->at(static_cast<std::int64_t>(i), static_cast<std::int64_t>(j));
    }
  }
  layer->matrix_ = output;
  if (kind == Kind::kOneVsAll) layer->sigmoid_ = std::make_unique<OneVsAllSigmoid>(layer->matrix_);
  return layer;
}

bool FastTextOutput::Compute(const float* hidden, float* scores, float* scratch) const {
  // DenseMatrix::dotRow per label: d = 0, then d += w[i][j] * hidden[j] for j = 0..dim, in
  // float. Here lane i of `dots` takes exactly those steps; the lanes vectorise.
  float* dots = scratch;
  std::fill(dots, dots + stride_, 0.0F);
  AddScaledRows(transposed_.data(), dim_, stride_, hidden, dots);
  for (std::size_t i = 0; i < labels_; ++i) {
    if (std::isnan(dots[i])) return false;  // dotRow throws EncounterNanError
    scores[i] = dots[i];
  }
  if (kind_ == Kind::kOneVsAll) {
    for (std::size_t i = 0; i < labels_; ++i) scores[i] = sigmoid_->Sigmoid(scores[i]);
  } else {
    Softmax(scores);
  }
  return true;
}

// SoftmaxLoss::computeOutput after its matrix product: the max by std::max(output[i], max),
// exp in double (fastText calls ::exp on the float difference), the sum and the division in
// float, in label order.
void FastTextOutput::Softmax(float* scores) const {
  if (labels_ == 0) return;
  float max = scores[0];
  float z = 0.0F;
  for (std::size_t i = 0; i < labels_; ++i) max = std::max(scores[i], max);
  for (std::size_t i = 0; i < labels_; ++i) {
    scores[i] = static_cast<float>(std::exp(static_cast<double>(scores[i] - max)));
    z += scores[i];
  }
  for (std::size_t i = 0; i < labels_; ++i) scores[i] /= z;
}

}  // namespace haven::nlp
