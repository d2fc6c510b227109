// A reader for the RE2 syntax crisis rules are written in, as far as the rule prefilter needs
// it: byte classes, sequences, alternatives and repetitions, each part placed in the pattern.
// It reads no further than that and says so: anything it does not know fails the whole pattern.
// Internal to safety.
#pragma once

#include <bitset>
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace haven::safety {

inline constexpr std::size_t kMaxRepeat = 1000;  // RE2's own limit on {n,m}; larger: unbounded

using ByteSet = std::bitset<128>;  // ASCII bytes

// One part of a read pattern. Anchors and word boundaries become kEmpty or kTextStart (^, \A):
// they only ever remove matches, so they may be read as matching the empty string anywhere.
// Non-ASCII characters and classes holding them are kUnknown (case folding beyond ASCII is not
// modelled). kBytes holds every byte the class matches with both cases of each letter.
struct RegexNode {
  enum class Kind { kEmpty, kTextStart, kBytes, kConcat, kAlternation, kRepeat, kUnknown };
  Kind kind = Kind::kEmpty;
  ByteSet bytes;                    // kBytes
  std::vector<RegexNode> children;  // kConcat, kAlternation; kRepeat: the one repeated
  std::size_t min = 0;              // kRepeat
  std::size_t max = 0;              // kRepeat; kMaxRepeat + 1 when unbounded
  std::size_t begin = 0;            // kConcat: where it sits in the pattern
  std::size_t end = 0;
};

// `pattern` as a kAlternation of kConcat branches (its top-level alternatives), or nullopt when
// it uses syntax this reader does not know: flags, Unicode classes (\pL), POSIX classes,
// backreferences, unbalanced groups.
[[nodiscard]] std::optional<RegexNode> ReadRegex(std::string_view pattern);

}  // namespace haven::safety
