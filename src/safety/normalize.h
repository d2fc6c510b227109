// Light text normalisation for crisis rules: the form crisis_rules.toml patterns are written in.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace haven::safety {

// Lower-cases, folds Latin accents to ASCII ("más" -> "mas", "JAMÁS" -> "jamas"), maps curly
// quotes to straight ones, replaces invalid UTF-8 bytes and "¿¡" with spaces, expands common
// contractions and shorthand ("don't"/"dont" -> "do not", "im" -> "i am", "kms" -> "kill
// myself", "unalive" -> "kill", "q" -> "que") and collapses runs of spaces. Never fails.
[[nodiscard]] std::string NormalizeForSafety(std::string_view text);

// A word of normalised text and where it sits.
struct Token {
  std::size_t begin = 0;  // byte offsets into the normalised text
  std::size_t end = 0;
  std::size_t clause = 0;  // index of the clause (split at . ! ? ; , : newline, "but", "pero")
  std::string_view text;
};

// Splits normalised text into words (runs of ASCII letters/digits and non-ASCII bytes), each
// tagged with its clause. The views point into `normalized`, which must outlive the result.
[[nodiscard]] std::vector<Token> TokenizeForSafety(std::string_view normalized);

}  // namespace haven::safety
