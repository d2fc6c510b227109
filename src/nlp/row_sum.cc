#include "nlp/row_sum.h"

#include <cstring>

namespace haven::nlp {
namespace {

// Eight floats; without AVX the compiler splits each operation into two SSE ones.
using Lanes = float __attribute__((vector_size(32)));

// `kBlocks` vectors of the sum stay in registers while every row is added. (No function takes
// or returns a Lanes: that would make its calling convention depend on AVX.)
template <std::size_t kBlocks>
inline __attribute__((always_inline)) void AddRowsFixed(const float* const* rows, std::size_t count,
                                                        float* hidden) {
  Lanes sum[kBlocks];
  for (std::size_t b = 0; b < kBlocks; ++b) {
    std::memcpy(&sum[b], hidden + b * kRowLanes, sizeof(Lanes));  // unaligned loads
  }
  for (std::size_t r = 0; r < count; ++r) {
    const float* row = rows[r];
    for (std::size_t b = 0; b < kBlocks; ++b) {
      Lanes values;
      std::memcpy(&values, row + b * kRowLanes, sizeof(Lanes));
      sum[b] += values;
    }
  }
  for (std::size_t b = 0; b < kBlocks; ++b) {
    std::memcpy(hidden + b * kRowLanes, &sum[b], sizeof(Lanes));
  }
}

// The same with each row scaled first; `kBlocks` vectors of `out` in registers.
template <std::size_t kBlocks>
inline __attribute__((always_inline)) void AddScaledRowsFixed(const float* rows, std::size_t count,
                                                              const float* scales, float* out) {
  Lanes sum[kBlocks];
  for (std::size_t b = 0; b < kBlocks; ++b) {
    std::memcpy(&sum[b], out + b * kRowLanes, sizeof(Lanes));
  }
  for (std::size_t r = 0; r < count; ++r) {
    const float* row = rows + r * kBlocks * kRowLanes;
    const float scale = scales[r];
    for (std::size_t b = 0; b < kBlocks; ++b) {
      Lanes values;
      std::memcpy(&values, row + b * kRowLanes, sizeof(Lanes));
      const Lanes product = values * scale;  // rounded on its own: no fused multiply-add
      sum[b] += product;
    }
  }
  for (std::size_t b = 0; b < kBlocks; ++b) {
    std::memcpy(out + b * kRowLanes, &sum[b], sizeof(Lanes));
  }
}

}  // namespace

// Compiled twice (AVX2 and baseline x86-64), picked at load time by the CPU: the additions are
// IEEE single-precision either way (no fused multiply-add is involved), so results match.
__attribute__((target_clones("avx2", "default"))) void AddRows(const float* const* rows,
                                                               std::size_t count, std::size_t width,
                                                               float* hidden) {
  switch (width / kRowLanes) {
    case 1:
      return AddRowsFixed<1>(rows, count, hidden);
    case 2:
      return AddRowsFixed<2>(rows, count, hidden);
    case 3:
      return AddRowsFixed<3>(rows, count, hidden);
    case 4:
      return AddRowsFixed<4>(rows, count, hidden);
    case 5:
      return AddRowsFixed<5>(rows, count, hidden);
    case 6:
      return AddRowsFixed<6>(rows, count, hidden);
    case 7:
      return AddRowsFixed<7>(rows, count, hidden);
    case 8:
      return AddRowsFixed<8>(rows, count, hidden);
    default:
      break;
  }
  // Wide rows: one row at a time, element-wise (still vectorised by the compiler).
  for (std::size_t r = 0; r < count; ++r) {
    const float* __restrict row = rows[r];
    for (std::size_t j = 0; j < width; ++j) hidden[j] += row[j];
  }
}

// As AddRows: two clones. Neither target enables FMA, so the compiler cannot fuse the
// multiply and the add (with "fma" or "arch=haswell" it could, and the scores would change).
__attribute__((target_clones("avx2", "default"))) void AddScaledRows(
    const float* rows, std::size_t count, std::size_t width, const float* scales, float* out) {
  switch (width / kRowLanes) {
    case 1:
      return AddScaledRowsFixed<1>(rows, count, scales, out);
    case 2:
      return AddScaledRowsFixed<2>(rows, count, scales, out);
    case 3:
      return AddScaledRowsFixed<3>(rows, count, scales, out);
    case 4:
      return AddScaledRowsFixed<4>(rows, count, scales, out);
    case 5:
      return AddScaledRowsFixed<5>(rows, count, scales, out);
    case 6:
      return AddScaledRowsFixed<6>(rows, count, scales, out);
    case 7:
      return AddScaledRowsFixed<7>(rows, count, scales, out);
    case 8:
      return AddScaledRowsFixed<8>(rows, count, scales, out);
    default:
      break;
  }
  for (std::size_t r = 0; r < count; ++r) {
    const float* __restrict row = rows + r * width;
    const float scale = scales[r];
    for (std::size_t i = 0; i < width; ++i) {
      const float product = row[i] * scale;
      out[i] += product;
    }
  }
}

}  // namespace haven::nlp
