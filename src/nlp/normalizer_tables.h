// Built-in word tables behind the normaliser (internal to haven_nlp). Lookups are over static,
// immutable data and are thread-safe.
#pragma once

#include <string_view>
#include <utility>
#include <vector>

#include "nlp/normalizer.h"

namespace haven::nlp::internal {

// The word an emoji stands for ("" when unknown). Skin tones, ZWJ and variation selectors are
// reported by IsEmojiModifier instead.
[[nodiscard]] std::string_view EmojiWord(char32_t code_point);
[[nodiscard]] bool IsEmojiModifier(char32_t code_point);

// ASCII emoticons and the word each stands for, longest first.
[[nodiscard]] const std::vector<std::pair<std::string_view, std::string_view>>& Emoticons();

// Expansion of a contraction, chat shorthand or common misspelling ("" when none). The
// expansion may hold several words ("kms" -> "kill myself").
[[nodiscard]] std::string_view Expansion(std::string_view word, Language language);

// Known words spelled with a double letter ("good", "feel", "kill"): elongation keeps these.
[[nodiscard]] bool IsDoubleLetterWord(std::string_view word);

// Negation cues; "no" and "ni" count in both languages.
[[nodiscard]] bool IsNegationCue(std::string_view word);
// Words that end a clause for negation scope ("but", "pero", "because", "aunque").
[[nodiscard]] bool IsClauseBoundaryWord(std::string_view word);
// Cue + next word pairs that do not negate ("not only", "no doubt", "sin duda").
[[nodiscard]] bool IsPseudoNegation(std::string_view cue, std::string_view next);

// Function words that mark a language.
[[nodiscard]] bool IsEnglishMarker(std::string_view word);
[[nodiscard]] bool IsSpanishMarker(std::string_view word);

}  // namespace haven::nlp::internal
