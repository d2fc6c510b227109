#include "nlp/vader.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>
#include <vector>

#include "core/bytes.h"

namespace haven::nlp {
namespace {

// Constants from Hutto & Gilbert (2014), empirically derived by the authors.
constexpr double kBoosterIncrement = 0.293;
constexpr double kBoosterDecrement = -0.293;
constexpr double kCapsIncrement = 0.733;
constexpr double kNegationScalar = -0.74;
constexpr double kNormalizationAlpha = 15.0;

constexpr std::array<std::string_view, 17> kPunctuation = {".",   "!",   "?",   ",",    ";",   ":",
                                                           "-",   "'",   "\"",  "!!",   "!!!", "??",
                                                           "???", "?!?", "!?!", "?!?!", "!?!?"};

bool IsNegationWord(std::string_view lower) {
  static const WordSet kWords = {
      "aint",   "arent",    "cannot",  "cant",     "couldnt",  "darent",   "didnt",   "doesnt",
      "ain't",  "aren't",   "can't",   "couldn't", "daren't",  "didn't",   "doesn't", "dont",
      "hadnt",  "hasnt",    "havent",  "isnt",     "mightnt",  "mustnt",   "neither", "don't",
      "hadn't", "hasn't",   "haven't", "isn't",    "mightn't", "mustn't",  "neednt",  "needn't",
      "never",  "none",     "nope",    "nor",      "not",      "nothing",  "nowhere", "oughtnt",
      "shant",  "shouldnt", "uhuh",    "wasnt",    "werent",   "oughtn't", "shan't",  "shouldn't",
      "uh-uh",  "wasn't",   "weren't", "without",  "wont",     "wouldnt",  "won't",   "wouldn't",
      "rarely", "seldom",   "despite"};
  return kWords.contains(lower) || lower.find("n't") != std::string_view::npos;
}

// Degree adverbs: positive boosts, negative dampens (VADER's booster dictionary).
double BoosterValue(std::string_view lower) {
  static const WordSet kIncrease = {
      "absolutely",   "amazingly",     "awfully",    "completely", "considerably", "decidedly",
      "deeply",       "effing",        "enormously", "entirely",   "especially",   "exceptionally",
      "extremely",    "fabulously",    "flipping",   "flippin",    "fricking",     "frickin",
      "frigging",     "friggin",       "fully",      "fucking",    "greatly",      "hella",
      "highly",       "hugely",        "incredibly", "intensely",  "majorly",      "more",
      "most",         "particularly",  "purely",     "quite",      "really",       "remarkably",
      "so",           "substantially", "thoroughly", "totally",    "tremendously", "uber",
      "unbelievably", "unusually",     "utterly",    "very"};
  static const WordSet kDecrease = {
      "almost",   "barely",   "hardly",  "just enough", "kind of",      "kinda",  "kindof",
      "kind-of",  "less",     "little",  "marginally",  "occasionally", "partly", "scarcely",
      "slightly", "somewhat", "sort of", "sorta",       "sortof",       "sort-of"};
  if (kIncrease.contains(lower)) return kBoosterIncrement;
  if (kDecrease.contains(lower)) return kBoosterDecrement;
  return 0.0;
}

bool IsBooster(std::string_view lower) { return BoosterValue(lower) != 0.0; }

double IdiomValence(std::string_view lower) {
  static const std::array<std::pair<std::string_view, double>, 7> kIdioms = {{
      {"the shit", 3.0},
      {"the bomb", 3.0},
      {"bad ass", 1.5},
      {"yeah right", -2.0},
      {"cut the mustard", 2.0},
      {"kiss of death", -1.5},
      {"hand to mouth", -2.0},
  }};
  for (const auto& [idiom, valence] : kIdioms) {
    if (idiom == lower) return valence;
  }
  return 0.0;
}

bool IsAsciiPunctuation(char c) { return std::ispunct(static_cast<unsigned char>(c)) != 0; }

std::string Lower(std::string_view word) {
  std::string out(word);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Python's str.isupper on ASCII letters: some upper-case letter and no lower-case one.
bool IsUpper(std::string_view word) {
  bool upper = false;
  for (char c : word) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') upper = true;
  }
  return upper;
}

// Whitespace tokens longer than one character; a token that is one word with a single
// leading or trailing punctuation mark (from kPunctuation) loses the mark. Emoticons stay.
std::vector<std::string> WordsAndEmoticons(std::string_view text) {
  std::vector<std::string> words;
  std::size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos]))) ++pos;
    std::size_t end = pos;
    while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end]))) ++end;
    if (end == pos) break;
    const std::string_view token = text.substr(pos, end - pos);
    pos = end;
    if (core::CountCodePoints(token) <= 1) continue;
    std::string bare;
    for (char c : token) {
      if (!IsAsciiPunctuation(c)) bare.push_back(c);
    }
    bool strip = false;
    if (bare.size() < token.size() && core::CountCodePoints(bare) > 1) {
      // token == mark + bare or token == bare + mark, for some mark.
      const std::size_t extra = token.size() - bare.size();
      for (std::string_view mark : kPunctuation) {
        if (mark.size() != extra) continue;
        strip = (token.starts_with(mark) && token.substr(extra) == bare) ||
                (token.ends_with(mark) && token.substr(0, bare.size()) == bare);
        if (strip) break;
      }
    }
    words.push_back(strip ? std::move(bare) : std::string(token));
  }
  return words;
}

struct Sentence {
  std::vector<std::string> words;  // as written
  std::vector<std::string> lower;  // lower-cased
  bool caps_differ = false;        // some, not all, words are ALL CAPS
};

double Normalize(double score) {
  const double normalized = score / std::sqrt(score * score + kNormalizationAlpha);
  return std::clamp(normalized, -1.0, 1.0);
}

double Round(double value, double scale) { return std::round(value * scale) / scale; }

}  // namespace

Vader::Vader(Lexicon lexicon) : lexicon_(std::move(lexicon)) {}

core::Result<std::shared_ptr<const Vader>> Vader::Load(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return core::Fail(core::ErrorCode::kNotFound, "cannot open the VADER lexicon '" + path + "'",
                      "lexicon");
  }
  std::stringstream buffer;
  buffer << file.rdbuf();
  return FromText(buffer.str(), path);
}

core::Result<std::shared_ptr<const Vader>> Vader::FromText(std::string_view lexicon_text,
                                                           std::string_view source_name) {
  Lexicon lexicon;
  std::size_t line_number = 0;
  std::size_t pos = 0;
  while (pos < lexicon_text.size()) {
    std::size_t end = lexicon_text.find('\n', pos);
    if (end == std::string_view::npos) end = lexicon_text.size();
    std::string_view line = lexicon_text.substr(pos, end - pos);
    pos = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    const std::size_t tab = line.find('\t');
    std::string_view rest = tab == std::string_view::npos ? "" : line.substr(tab + 1);
    rest = rest.substr(0, rest.find('\t'));
    double valence = 0.0;
    const auto [ptr, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), valence);
    if (tab == 0 || rest.empty() || ec != std::errc{} || ptr != rest.data() + rest.size()) {
      return core::Fail(core::ErrorCode::kInvalidArgument,
                        std::string(source_name) + ":" + std::to_string(line_number) +
                            ": expected 'token<TAB>valence'",
                        "lexicon");
    }
    // Later duplicates win, as in the reference implementations ("lol" is listed twice).
    lexicon.Assign(line.substr(0, tab), valence);
  }
  if (lexicon.size() == 0) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      std::string(source_name) + ": the lexicon is empty", "lexicon");
  }
  return std::shared_ptr<const Vader>(new Vader(std::move(lexicon)));
}

const double* Vader::Valence(std::string_view token) const { return lexicon_.Find(token); }

namespace {

// Booster or dampener effect of `word` on a following valence (VADER's scalar_inc_dec).
double ScalarIncDec(const std::string& word, const std::string& lower, double valence,
                    bool caps_differ) {
  double scalar = BoosterValue(lower);
  if (scalar == 0.0) return 0.0;
  if (valence < 0) scalar = -scalar;
  if (caps_differ && IsUpper(word)) scalar += valence > 0 ? kCapsIncrement : -kCapsIncrement;
  return scalar;
}

bool IsSoOrThis(const std::string& lower) { return lower == "so" || lower == "this"; }

double NeverCheck(double valence, const Sentence& s, std::size_t start, std::size_t i) {
  const auto& w = s.lower;
  if (start == 0) {
    if (IsNegationWord(w[i - 1])) valence *= kNegationScalar;
  } else if (start == 1) {
    if (w[i - 2] == "never" && IsSoOrThis(w[i - 1])) {
      valence *= 1.5;
    } else if (w[i - 2] == "without" && w[i - 1] == "doubt") {
      // "without doubt" affirms rather than negates.
    } else if (IsNegationWord(w[i - 2])) {
      valence *= kNegationScalar;
    }
  } else {
    if ((w[i - 3] == "never" && IsSoOrThis(w[i - 2])) || IsSoOrThis(w[i - 1])) {
      valence *= 1.25;
    } else if (w[i - 3] == "without" && (w[i - 2] == "doubt" || w[i - 1] == "doubt")) {
      // "without (a) doubt" affirms rather than negates.
    } else if (IsNegationWord(w[i - 3])) {
      valence *= kNegationScalar;
    }
  }
  return valence;
}

// Words that occur in an idiom or a two-word dampener; most sentences have none of them.
bool MayFormIdiom(const std::vector<std::string>& w, std::size_t i) {
  static const WordSet kWords = {
      "the", "shit",  "bomb", "bad", "ass",   "yeah", "right", "cut",  "mustard", "kiss",
      "of",  "death", "hand", "to",  "mouth", "kind", "sort",  "just", "enough",
  };
  const std::size_t last = std::min(w.size() - 1, i + 2);
  for (std::size_t k = i - 3; k <= last; ++k) {
    if (kWords.contains(w[k])) return true;
  }
  return false;
}

double IdiomsCheck(double valence, const Sentence& s, std::size_t i) {
  const auto& w = s.lower;
  if (!MayFormIdiom(w, i)) return valence;
  const std::string one_zero = w[i - 1] + " " + w[i];
  const std::string two_one_zero = w[i - 2] + " " + one_zero;
  const std::string two_one = w[i - 2] + " " + w[i - 1];
  const std::string three_two_one = w[i - 3] + " " + two_one;
  const std::string three_two = w[i - 3] + " " + w[i - 2];
  for (const std::string* seq : {&one_zero, &two_one_zero, &two_one, &three_two_one, &three_two}) {
    if (double idiom = IdiomValence(*seq); idiom != 0.0) {
      valence = idiom;
      break;
    }
  }
  if (w.size() - 1 > i) {
    if (double idiom = IdiomValence(w[i] + " " + w[i + 1]); idiom != 0.0) valence = idiom;
  }
  if (w.size() - 1 > i + 1) {
    const std::string zero_one_two = w[i] + " " + w[i + 1] + " " + w[i + 2];
    if (double idiom = IdiomValence(zero_one_two); idiom != 0.0) valence = idiom;
  }
  if (IsBooster(three_two) || IsBooster(two_one)) valence += kBoosterDecrement;
  return valence;
}

}  // namespace

namespace {

double LeastCheck(double valence, const Sentence& s, std::size_t i, const Vader& vader) {
  const auto& w = s.lower;
  if (i == 0 || w[i - 1] != "least" || vader.Valence(w[i - 1]) != nullptr) return valence;
  if (i > 1) {
    if (w[i - 2] != "at" && w[i - 2] != "very") valence *= kNegationScalar;
  } else {
    valence *= kNegationScalar;
  }
  return valence;
}

double WordValence(const Sentence& s, std::size_t i, const Vader& vader) {
  const double* base = vader.Valence(s.lower[i]);
  if (base == nullptr) return 0.0;
  double valence = *base;
  if (s.caps_differ && IsUpper(s.words[i])) {
    valence += valence > 0 ? kCapsIncrement : -kCapsIncrement;
  }
  for (std::size_t start = 0; start < 3; ++start) {
    if (i <= start || vader.Valence(s.lower[i - (start + 1)]) != nullptr) continue;
    double scalar =
        ScalarIncDec(s.words[i - (start + 1)], s.lower[i - (start + 1)], valence, s.caps_differ);
    if (start == 1) scalar *= 0.95;
    if (start == 2) scalar *= 0.9;
    valence = NeverCheck(valence + scalar, s, start, i);
    if (start == 2) valence = IdiomsCheck(valence, s, i);
  }
  return LeastCheck(valence, s, i, vader);
}

// Emphasis from '!' (up to 4) and from two or more '?'.
double PunctuationEmphasis(std::string_view text) {
  const auto exclamations = std::min<std::ptrdiff_t>(std::ranges::count(text, '!'), 4);
  const auto questions = std::ranges::count(text, '?');
  double amplifier = static_cast<double>(exclamations) * 0.292;
  if (questions > 1) amplifier += questions <= 3 ? static_cast<double>(questions) * 0.18 : 0.96;
  return amplifier;
}

SentimentScores ScoreValences(const std::vector<double>& sentiments, std::string_view text) {
  SentimentScores scores;
  if (sentiments.empty()) return scores;
  double sum = 0.0;
  double pos_sum = 0.0;
  double neg_sum = 0.0;
  double neutral = 0.0;
  for (double s : sentiments) {
    sum += s;
    // The +1/-1 compensate for neutral words counted as 1.
    if (s > 0) {
      pos_sum += s + 1;
    } else if (s < 0) {
      neg_sum += s - 1;
    } else {
      neutral += 1;
    }
  }
  const double emphasis = PunctuationEmphasis(text);
  if (sum > 0) sum += emphasis;
  if (sum < 0) sum -= emphasis;
  if (pos_sum > std::fabs(neg_sum)) {
    pos_sum += emphasis;
  } else if (pos_sum < std::fabs(neg_sum)) {
    neg_sum -= emphasis;
  }
  const double total = pos_sum + std::fabs(neg_sum) + neutral;
  scores.compound = Round(Normalize(sum), 1e4);
  scores.pos = Round(std::fabs(pos_sum / total), 1e3);
  scores.neg = Round(std::fabs(neg_sum / total), 1e3);
  scores.neu = Round(std::fabs(neutral / total), 1e3);
  return scores;
}

}  // namespace

SentimentScores Vader::Score(std::string_view text) const {
  Sentence s;
  s.words = WordsAndEmoticons(text);
  std::size_t all_caps = 0;
  for (const std::string& word : s.words) {
    s.lower.push_back(Lower(word));
    if (IsUpper(word)) ++all_caps;
  }
  const std::size_t differential = s.words.size() - all_caps;
  s.caps_differ = differential > 0 && differential < s.words.size();

  std::vector<double> sentiments;
  sentiments.reserve(s.words.size());
  for (std::size_t i = 0; i < s.words.size(); ++i) {
    const bool kind_of = i + 1 < s.words.size() && s.lower[i] == "kind" && s.lower[i + 1] == "of";
    if (kind_of || IsBooster(s.lower[i])) {
      sentiments.push_back(0.0);
      continue;
    }
    sentiments.push_back(WordValence(s, i, *this));
  }
  // Contrastive "but": what follows weighs more than what precedes.
  if (auto but = std::ranges::find(s.lower, "but"); but != s.lower.end()) {
    const auto but_index = static_cast<std::size_t>(but - s.lower.begin());
    for (std::size_t i = 0; i < sentiments.size(); ++i) {
      if (i < but_index) sentiments[i] *= 0.5;
      if (i > but_index) sentiments[i] *= 1.5;
    }
  }
  return ScoreValences(sentiments, text);
}

}  // namespace haven::nlp
