// Lexicon sentiment with the VADER algorithm (Hutto & Gilbert 2014): word valences adjusted for
// boosters, negation, "but", ALL-CAPS and punctuation emphasis, combined into a compound score.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"
#include "nlp/word_table.h"

namespace haven::nlp {

using Lexicon = WordMap<double>;  // token -> valence

struct SentimentScores {
  double compound = 0.0;  // normalised sum of valences, in [-1, 1] (rounded to 4 decimals)
  double pos = 0.0;       // proportions of the text, each in [0, 1] (rounded to 3 decimals)
  double neu = 0.0;
  double neg = 0.0;
};

// A loaded VADER lexicon. Immutable after load; Score is const and thread-safe.
class Vader {
 public:
  // Reads the VADER lexicon file (token<TAB>mean<TAB>...). NotFound when the file cannot be
  // opened, InvalidArgument naming file and line when a line has no numeric valence.
  [[nodiscard]] static core::Result<std::shared_ptr<const Vader>> Load(const std::string& path);
  // Same from the file's text; `source_name` names it in errors.
  [[nodiscard]] static core::Result<std::shared_ptr<const Vader>> FromText(
      std::string_view lexicon_text, std::string_view source_name);

  // Scores raw text (case and punctuation matter: do not pass normalised text). Never fails.
  [[nodiscard]] SentimentScores Score(std::string_view text) const;

  // Valence of a lower-case token, or nullptr when it is not in the lexicon.
  [[nodiscard]] const double* Valence(std::string_view token) const;

  [[nodiscard]] std::size_t size() const { return lexicon_.size(); }

 private:
  explicit Vader(Lexicon lexicon);
  Lexicon lexicon_;
};

}  // namespace haven::nlp
