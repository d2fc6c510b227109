// Sums of float rows for fastText inference (internal to nlp). Rows are stored padded to whole
// vectors of kRowLanes floats, and a batch of rows is added while the running sum stays in
// vector registers (AVX2 when the CPU has it, chosen at run time). Every element still takes
// the same float additions in the same order as `for (row) for (j) hidden[j] += row[j]`, so
// the sums are bit-identical to that loop.
#pragma once

#include <cstddef>

namespace haven::nlp {

inline constexpr std::size_t kRowLanes = 8;

// `dim` rounded up to a multiple of kRowLanes: the floats a stored row takes.
[[nodiscard]] constexpr std::size_t PaddedWidth(std::size_t dim) {
  return (dim + kRowLanes - 1) / kRowLanes * kRowLanes;
}

// hidden[j] += rows[r][j] for r = 0..count in order, j = 0..width (width a multiple of
// kRowLanes; padding lanes are summed too). Thread-safe; rows and hidden must not overlap.
void AddRows(const float* const* rows, std::size_t count, std::size_t width, float* hidden);

// out[i] += rows[r * width + i] * scales[r] for r = 0..count in order, i = 0..width: each
// product rounded, then added (never fused), as fastText's DenseMatrix::dotRow does per label
// when `rows` is its matrix transposed. Thread-safe; out must not overlap the inputs.
void AddScaledRows(const float* rows, std::size_t count, std::size_t width, const float* scales,
                   float* out);

}  // namespace haven::nlp
