// Text normalisation for analysis: Unicode NFKC + case folding, chat shorthand and contractions
// expanded, elongations collapsed, emoji mapped to words, tokens with negation scope.
// English and Spanish. Pure functions over built-in tables; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace haven::nlp {

enum class Language { kEnglish, kSpanish };

// "en" or "es".
[[nodiscard]] std::string_view LanguageCode(Language language);

enum class TokenKind { kWord, kPunctuation, kSymbol };

struct Token {
  std::string text;  // normalised (case-folded, expanded) form
  TokenKind kind = TokenKind::kWord;
  bool negation_cue = false;  // "not", "never", "no", "nunca", ...
  bool negated = false;       // inside the scope of a preceding cue in the same clause
};

struct NormalizedText {
  std::string text;  // tokens joined by single spaces
  std::vector<Token> tokens;
  Language language = Language::kEnglish;
};

// Replaces invalid UTF-8 sequences by U+FFFD so every later step sees well-formed text.
[[nodiscard]] std::string SanitizeUtf8(std::string_view text);

enum class EmoticonHandling { kKeep, kReplace };

// Replaces known emoji by " word " ("😭" -> " crying ") and drops emoji modifiers (skin tones,
// ZWJ, variation selectors); with kReplace also ASCII emoticons (":(" -> " sad "). Keeps case
// and everything else. VADER uses kKeep: its lexicon scores emoticons itself.
[[nodiscard]] std::string ReplaceEmoji(std::string_view text, EmoticonHandling emoticons);

// Replaces ASCII emoticons that stand alone (":(" -> " sad ", "<3" -> " love ").
[[nodiscard]] std::string ReplaceEmoticons(std::string_view text);

// Collapses letters repeated 3+ times: "soooo" -> "so", "gooood" -> "good", "helppp" -> "help"
// (keeps a double letter when that gives a known word). Input is one case-folded word.
[[nodiscard]] std::string CollapseElongation(std::string_view word);

// Guesses English or Spanish from function words; English when unsure.
[[nodiscard]] Language DetectLanguage(const std::vector<std::string>& words);

// Full pipeline: sanitise, emoji -> words, NFKC, case fold, strip accents (keeping ñ), tokenise,
// collapse elongations, expand contractions/shorthand/misspellings, mark negation scope.
// Never fails; empty input gives empty output.
[[nodiscard]] NormalizedText Normalize(std::string_view text);

// Marks cues and scope in place: a cue negates the following words up to the next clause
// boundary (punctuation or a contrastive/causal conjunction such as "but", "pero", "because").
void MarkNegationScope(std::vector<Token>& tokens);

// The text handed to the classifiers: normalised tokens, words in a negation scope prefixed
// with "neg_" so "want to die" and "not want to die" differ for a bag-of-n-grams model.
[[nodiscard]] std::string ClassifierInput(const NormalizedText& normalized);

}  // namespace haven::nlp
