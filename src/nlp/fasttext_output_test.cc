#include "nlp/fasttext_output.h"

#include <fasttext/densematrix.h>
#include <fasttext/fasttext.h>
#include <fasttext/loss.h>
#include <fasttext/model.h>
#include <fasttext/quantmatrix.h>
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace haven::nlp {
namespace {

struct ShippedLayer {
  std::string path;
  FastTextOutput::Kind kind;
};

class FastOutputEqualsComputeOutput : public ::testing::TestWithParam<ShippedLayer> {};

// Hidden vectors of every scale: random means of rows, zeros, large and tiny values.
std::vector<std::vector<float>> SampleHidden(std::size_t dim) {
  std::mt19937 rng(7);
  std::vector<std::vector<float>> out;
  for (float scale : {0.0F, 1e-30F, 0.01F, 0.1F, 1.0F, 10.0F, 1e3F, 1e30F}) {
    for (int k = 0; k < 60; ++k) {
      std::normal_distribution<float> normal(0.0F, scale);
      std::vector<float> hidden(dim);
      for (float& h : hidden) h = scale == 0.0F ? 0.0F : normal(rng);
      out.push_back(std::move(hidden));
    }
  }
  return out;
}

// The fast layer takes fastText's own float steps: every probability equals computeOutput's
// bit for bit, for the shipped models' output matrices.
TEST_P(FastOutputEqualsComputeOutput, BitForBit) {
  fasttext::FastText model;
  model.loadModel(GetParam().path);
  auto output = std::const_pointer_cast<fasttext::Matrix>(
      std::static_pointer_cast<const fasttext::Matrix>(model.getOutputMatrix()));
  const auto layer = FastTextOutput::Build(output, GetParam().kind);
  ASSERT_NE(layer, nullptr);
  std::unique_ptr<fasttext::Loss> loss;
  if (GetParam().kind == FastTextOutput::Kind::kSoftmax) {
    loss = std::make_unique<fasttext::SoftmaxLoss>(output);
  } else {
    loss = std::make_unique<fasttext::OneVsAllLoss>(output);
  }
  const auto dim = static_cast<std::size_t>(output->size(1));
  const auto labels = static_cast<std::size_t>(output->size(0));
  ASSERT_EQ(layer->labels(), labels);
  std::vector<float> scores(labels);
  std::vector<float> scratch(layer->scratch_size());
  for (const std::vector<float>& hidden : SampleHidden(dim)) {
    fasttext::Model::State state(static_cast<std::int32_t>(dim), static_cast<std::int32_t>(labels),
                                 0);
    std::copy(hidden.begin(), hidden.end(), state.hidden.data());
    bool threw = false;
    try {
      loss->computeOutput(state);
    } catch (...) {
      threw = true;  // a NaN dot product
    }
    const bool computed = layer->Compute(hidden.data(), scores.data(), scratch.data());
    ASSERT_EQ(computed, !threw);
    if (!computed) continue;
    for (std::size_t i = 0; i < labels; ++i) {
      EXPECT_EQ(std::bit_cast<std::uint32_t>(scores[i]),
                std::bit_cast<std::uint32_t>(state.output[static_cast<std::int64_t>(i)]))
          << "label " << i << ": " << scores[i] << " vs " << state.output[static_cast<int>(i)];
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    ShippedModels, FastOutputEqualsComputeOutput,
    ::testing::Values(ShippedLayer{"models/crisis.ftz", FastTextOutput::Kind::kSoftmax},
                      ShippedLayer{"models/emotion.ftz", FastTextOutput::Kind::kOneVsAll},
                      ShippedLayer{"models/distortion.ftz", FastTextOutput::Kind::kOneVsAll},
                      // The other loss on the same matrices: any shape of layer works alike.
                      ShippedLayer{"models/emotion.ftz", FastTextOutput::Kind::kSoftmax},
                      ShippedLayer{"models/crisis.ftz", FastTextOutput::Kind::kOneVsAll}));

TEST(FastTextOutput, QuantisedOutputIsLeftToFastText) {
  std::shared_ptr<fasttext::Matrix> quantised = std::make_shared<fasttext::QuantMatrix>();
  EXPECT_EQ(FastTextOutput::Build(quantised, FastTextOutput::Kind::kSoftmax), nullptr);
}

}  // namespace
}  // namespace haven::nlp
