#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "nlp/fast_mod.h"
#include "nlp/row_sum.h"

namespace haven::nlp {
namespace {

TEST(FastMod, EqualsTheRemainderForEveryKindOfNumerator) {
  std::mt19937_64 rng(11);
  for (std::uint64_t d : {1ULL, 2ULL, 3ULL, 7ULL, 1000ULL, 200000ULL, 2000000ULL, 65537ULL,
                          2147483647ULL, 4294967295ULL}) {
    const FastMod32 mod32(static_cast<std::uint32_t>(d));
    const FastMod64 mod64(d);
    std::vector<std::uint64_t> xs = {
        0, 1, d - 1, d, d + 1, 2 * d - 1, UINT32_MAX, UINT64_MAX, UINT64_MAX - 1, 1ULL << 63};
    for (int i = 0; i < 100000; ++i) xs.push_back(rng());
    for (std::uint64_t x : xs) {
      ASSERT_EQ(mod64(x), x % d) << x << " % " << d;
      const auto x32 = static_cast<std::uint32_t>(x);
      ASSERT_EQ(mod32(x32), x32 % static_cast<std::uint32_t>(d)) << x32 << " % " << d;
    }
  }
}

// The batched, register-held sums take the same float steps as the plain loop, bit for bit,
// for every width and for values that round, overflow or are not numbers.
TEST(AddRows, EqualsThePlainLoopBitForBit) {
  std::mt19937 rng(5);
  std::uniform_real_distribution<float> uniform(-1.0F, 1.0F);
  const float specials[] = {0.0F,
                            -0.0F,
                            1e-40F,
                            3.4e38F,
                            -3.4e38F,
                            std::numeric_limits<float>::infinity(),
                            std::numeric_limits<float>::quiet_NaN(),
                            1e-7F,
                            1e7F};
  for (std::size_t width = kRowLanes; width <= 12 * kRowLanes; width += kRowLanes) {
    for (std::size_t count : {0U, 1U, 3U, 64U, 200U}) {
      std::vector<std::vector<float>> rows(count, std::vector<float>(width));
      for (auto& row : rows) {
        for (float& v : row) v = uniform(rng) * (rng() % 4 == 0 ? 1e6F : 1.0F);
        row[rng() % width] = specials[rng() % std::size(specials)];
      }
      std::vector<const float*> pointers;
      for (const auto& row : rows) pointers.push_back(row.data());
      std::vector<float> expected(width, 0.0F);
      std::vector<float> hidden(width, 0.0F);
      for (std::size_t j = 0; j < width; ++j) expected[j] = hidden[j] = uniform(rng);
      for (const auto& row : rows) {
        for (std::size_t j = 0; j < width; ++j) expected[j] += row[j];
      }
      AddRows(pointers.data(), pointers.size(), width, hidden.data());
      for (std::size_t j = 0; j < width; ++j) {
        ASSERT_EQ(std::bit_cast<std::uint32_t>(hidden[j]),
                  std::bit_cast<std::uint32_t>(expected[j]))
            << "width " << width << " rows " << count << " lane " << j;
      }
    }
  }
}

TEST(AddScaledRows, EqualsMultiplyThenAddBitForBit) {
  std::mt19937 rng(9);
  std::uniform_real_distribution<float> uniform(-2.0F, 2.0F);
  for (std::size_t width = kRowLanes; width <= 12 * kRowLanes; width += kRowLanes) {
    const std::size_t count = 50;
    std::vector<float> rows(count * width);
    std::vector<float> scales(count);
    for (float& v : rows) v = uniform(rng);
    for (float& v : scales) v = uniform(rng) * (rng() % 3 == 0 ? 1e-3F : 1.0F);
    std::vector<float> expected(width, 0.0F);
    for (std::size_t r = 0; r < count; ++r) {
      for (std::size_t i = 0; i < width; ++i) {
        const volatile float product = rows[r * width + i] * scales[r];  // never fused
        expected[i] += product;
      }
    }
    std::vector<float> out(width, 0.0F);
    AddScaledRows(rows.data(), count, width, scales.data(), out.data());
    for (std::size_t i = 0; i < width; ++i) {
      ASSERT_EQ(std::bit_cast<std::uint32_t>(out[i]), std::bit_cast<std::uint32_t>(expected[i]))
          << "width " << width << " lane " << i;
    }
  }
}

}  // namespace
}  // namespace haven::nlp
