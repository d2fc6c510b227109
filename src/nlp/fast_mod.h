// a % d for a divisor fixed at load, without a division instruction (Lemire, Kaser & Kurz,
// "Faster remainder by direct computation", 2019): two or three multiplications instead of a
// 30-80 cycle divide, exact for every numerator. fastText takes a hash modulo the bucket count
// for every character and word n-gram. Internal to nlp.
#pragma once

#include <cstdint>

namespace haven::nlp {

__extension__ typedef unsigned __int128 Uint128;

// x % d for 32-bit x.
class FastMod32 {
 public:
  explicit FastMod32(std::uint32_t d) : m_(UINT64_MAX / d + 1), d_(d) {}  // d > 0
  [[nodiscard]] std::uint32_t operator()(std::uint32_t x) const {
    const std::uint64_t low = m_ * x;
    return static_cast<std::uint32_t>((static_cast<Uint128>(low) * d_) >> 64);
  }

 private:
  std::uint64_t m_;
  std::uint64_t d_;
};

// x % d for 64-bit x.
class FastMod64 {
 public:
  explicit FastMod64(std::uint64_t d) : m_(~static_cast<Uint128>(0) / d + 1), d_(d) {}  // d > 0
  [[nodiscard]] std::uint64_t operator()(std::uint64_t x) const {
    const Uint128 low = m_ * x;
    const Uint128 bottom = (static_cast<Uint128>(static_cast<std::uint64_t>(low)) * d_) >> 64;
    const Uint128 top = (low >> 64) * d_;
    return static_cast<std::uint64_t>((bottom + top) >> 64);
  }

 private:
  Uint128 m_;
  std::uint64_t d_;
};

}  // namespace haven::nlp
