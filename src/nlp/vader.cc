#include "nlp/vader.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <fstream>
#include <initializer_list>
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

// std::ispunct and std::isspace in the "C" locale (Haven never sets another), inline.
bool IsAsciiPunctuation(char c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
         (c >= '{' && c <= '~');
}

bool IsAsciiSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// Python's str.isupper on ASCII letters: some upper-case letter and no lower-case one.
bool IsUpper(std::string_view word) {
  bool upper = false;
  for (char c : word) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') upper = true;
  }
  return upper;
}

// Bytes that begin a code point (CountCodePoints) among the non-punctuation bytes of `token`.
std::size_t BareCodePoints(std::string_view token) {
  std::size_t count = 0;
  for (char c : token) {
    if (!IsAsciiPunctuation(c) && (static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

bool HasPunctuation(std::string_view text) { return std::ranges::any_of(text, IsAsciiPunctuation); }

// `token` without its punctuation ("bare") when it is a word with a single leading or trailing
// mark from kPunctuation (token == mark + bare or bare + mark), else `token`. Either way a view
// into `token`: bare is then all of it but the mark.
std::string_view StripMark(std::string_view token) {
  const auto extra = static_cast<std::size_t>(std::ranges::count_if(token, IsAsciiPunctuation));
  if (extra == 0 || BareCodePoints(token) <= 1) return token;
  for (std::string_view mark : kPunctuation) {
    if (mark.size() != extra) continue;
    // The mark is all punctuation, so the rest equals bare exactly when it holds none.
    if (token.starts_with(mark) && !HasPunctuation(token.substr(extra))) {
      return token.substr(extra);
    }
    if (token.ends_with(mark) && !HasPunctuation(token.substr(0, token.size() - extra))) {
      return token.substr(0, token.size() - extra);
    }
  }
  return token;
}

// Whitespace tokens longer than one character; a token that is one word with a single
// leading or trailing punctuation mark (from kPunctuation) loses the mark. Emoticons stay.
// Views into `text`.
std::vector<std::string_view> WordsAndEmoticons(std::string_view text) {
  std::vector<std::string_view> words;
  words.reserve(text.size() / 2 + 1);  // each word takes two bytes and a space: one allocation
  std::size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && IsAsciiSpace(text[pos])) ++pos;
    std::size_t end = pos;
    while (end < text.size() && !IsAsciiSpace(text[end])) ++end;
    if (end == pos) break;
    const std::string_view token = text.substr(pos, end - pos);
    pos = end;
    if (core::CountCodePoints(token) <= 1) continue;
    words.push_back(StripMark(token));
  }
  return words;
}

// One text's words with what the rules ask of each, looked up once.
struct Sentence {
  std::vector<std::string_view> words;  // as written: views into the text
  std::vector<std::string_view> lower;  // lower-cased: views into `lowered`
  std::string lowered;                  // the lower-cased words, one after the other
  std::vector<const double*> valence;   // each lower word's lexicon valence, or nullptr
  std::vector<double> booster;          // each lower word's BoosterValue
  bool caps_differ = false;             // some, not all, words are ALL CAPS
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

// Booster or dampener effect of `word` (whose BoosterValue is `booster`) on a following valence
// (VADER's scalar_inc_dec).
double ScalarIncDec(std::string_view word, double booster, double valence, bool caps_differ) {
  double scalar = booster;
  if (scalar == 0.0) return 0.0;
  if (valence < 0) scalar = -scalar;
  if (caps_differ && IsUpper(word)) scalar += valence > 0 ? kCapsIncrement : -kCapsIncrement;
  return scalar;
}

bool IsSoOrThis(std::string_view lower) { return lower == "so" || lower == "this"; }

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
bool MayFormIdiom(const std::vector<std::string_view>& w, std::size_t i) {
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

// The words joined by single spaces.
std::string Join(std::initializer_list<std::string_view> words) {
  std::string out;
  for (std::string_view word : words) {
    if (!out.empty()) out.push_back(' ');
    out.append(word);
  }
  return out;
}

double IdiomsCheck(double valence, const Sentence& s, std::size_t i) {
  const auto& w = s.lower;
  if (!MayFormIdiom(w, i)) return valence;
  const std::string one_zero = Join({w[i - 1], w[i]});
  const std::string two_one_zero = Join({w[i - 2], w[i - 1], w[i]});
  const std::string two_one = Join({w[i - 2], w[i - 1]});
  const std::string three_two_one = Join({w[i - 3], w[i - 2], w[i - 1]});
  const std::string three_two = Join({w[i - 3], w[i - 2]});
  for (const std::string* seq : {&one_zero, &two_one_zero, &two_one, &three_two_one, &three_two}) {
    if (double idiom = IdiomValence(*seq); idiom != 0.0) {
      valence = idiom;
      break;
    }
  }
  if (w.size() - 1 > i) {
    if (double idiom = IdiomValence(Join({w[i], w[i + 1]})); idiom != 0.0) valence = idiom;
  }
  if (w.size() - 1 > i + 1) {
    const std::string zero_one_two = Join({w[i], w[i + 1], w[i + 2]});
    if (double idiom = IdiomValence(zero_one_two); idiom != 0.0) valence = idiom;
  }
  if (IsBooster(three_two) || IsBooster(two_one)) valence += kBoosterDecrement;
  return valence;
}

}  // namespace

namespace {

double LeastCheck(double valence, const Sentence& s, std::size_t i) {
  const auto& w = s.lower;
  if (i == 0 || w[i - 1] != "least" || s.valence[i - 1] != nullptr) return valence;
  if (i > 1) {
    if (w[i - 2] != "at" && w[i - 2] != "very") valence *= kNegationScalar;
  } else {
    valence *= kNegationScalar;
  }
  return valence;
}

double WordValence(const Sentence& s, std::size_t i) {
  const double* base = s.valence[i];
  if (base == nullptr) return 0.0;
  double valence = *base;
  if (s.caps_differ && IsUpper(s.words[i])) {
    valence += valence > 0 ? kCapsIncrement : -kCapsIncrement;
  }
  for (std::size_t start = 0; start < 3; ++start) {
    if (i <= start) continue;
    const std::size_t before = i - (start + 1);
    if (s.valence[before] != nullptr) continue;
    double scalar = ScalarIncDec(s.words[before], s.booster[before], valence, s.caps_differ);
    if (start == 1) scalar *= 0.95;
    if (start == 2) scalar *= 0.9;
    valence = NeverCheck(valence + scalar, s, start, i);
    if (start == 2) valence = IdiomsCheck(valence, s, i);
  }
  return LeastCheck(valence, s, i);
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
  std::size_t bytes = 0;
  for (std::string_view word : s.words) bytes += word.size();
  s.lowered.reserve(bytes);  // no reallocation: the views below stay valid
  s.lower.reserve(s.words.size());
  s.valence.reserve(s.words.size());
  s.booster.reserve(s.words.size());
  for (std::string_view word : s.words) {
    const std::size_t begin = s.lowered.size();
    for (char c : word) s.lowered.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
    s.lower.push_back(std::string_view(s.lowered).substr(begin, word.size()));
    s.valence.push_back(Valence(s.lower.back()));
    s.booster.push_back(BoosterValue(s.lower.back()));
    if (IsUpper(word)) ++all_caps;
  }
  const std::size_t differential = s.words.size() - all_caps;
  s.caps_differ = differential > 0 && differential < s.words.size();

  std::vector<double> sentiments;
  sentiments.reserve(s.words.size());
  for (std::size_t i = 0; i < s.words.size(); ++i) {
    const bool kind_of = i + 1 < s.words.size() && s.lower[i] == "kind" && s.lower[i + 1] == "of";
    if (kind_of || s.booster[i] != 0.0) {
      sentiments.push_back(0.0);
      continue;
    }
    sentiments.push_back(WordValence(s, i));
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
