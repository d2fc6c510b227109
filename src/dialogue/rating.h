// Reading a 1-10 mood rating and a yes/no answer out of free text (English and Spanish).
#pragma once

#include <optional>
#include <string_view>

namespace haven::dialogue {

// What a text says as a 1-10 rating.
struct RatingParse {
  enum class Kind { kNone, kValue, kOutOfRange };
  Kind kind = Kind::kNone;
  int value = 0;  // 1..10 when kind == kValue
};

// Accepts "7", "7/10", "7 out of 10", "7.5" (rounded), "seven", "siete", "about a 6",
// "un 8 de 10". Numbers followed by units ("8 hours") are ignored; of several numbers, one
// written "/10" or "out of 10" wins, else the last. A lone number outside 1..10 is kOutOfRange.
[[nodiscard]] RatingParse ParseRating(std::string_view text);

enum class Answer { kYes, kNo, kUnclear };

// "yes", "sure", "ok", "sí", "vale", "claro" -> kYes; "no", "not now", "later", "ahora no" ->
// kNo (a no wins over a yes); anything else kUnclear.
[[nodiscard]] Answer ParseAnswer(std::string_view text);

}  // namespace haven::dialogue
