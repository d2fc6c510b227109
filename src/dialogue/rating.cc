#include "dialogue/rating.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "safety/normalize.h"

namespace haven::dialogue {
namespace {

constexpr std::array<std::pair<std::string_view, int>, 22> kNumberWords = {{
    {"one", 1},   {"two", 2},   {"three", 3},  {"four", 4},  {"five", 5}, {"six", 6},
    {"seven", 7}, {"eight", 8}, {"nine", 9},   {"ten", 10},  {"uno", 1},  {"una", 1},
    {"dos", 2},   {"tres", 3},  {"cuatro", 4}, {"cinco", 5}, {"seis", 6}, {"siete", 7},
    {"ocho", 8},  {"nueve", 9}, {"diez", 10},  {"zero", 0},
}};

constexpr std::string_view kUnits[] = {"hours", "hour",  "hrs",     "hr",    "days",   "day",
                                       "years", "year",  "minutes", "mins",  "am",     "pm",
                                       "times", "horas", "hora",    "dias",  "anos",   "minutos",
                                       "veces", "kg",    "km",      "miles", "people", "personas"};

struct Number {
  double value = 0;
  bool out_of_ten = false;
};

std::optional<int> WordValue(std::string_view word) {
  for (const auto& [name, value] : kNumberWords) {
    if (name == word) return value;
  }
  return std::nullopt;
}

bool IsUnit(std::string_view word) {
  return std::find(std::begin(kUnits), std::end(kUnits), word) != std::end(kUnits);
}

std::optional<double> ValueOf(std::string_view word) {
  if (!word.empty() && word.size() <= 3 &&
      std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::stod(std::string(word));
  }
  if (auto value = WordValue(word)) return static_cast<double>(*value);
  return std::nullopt;
}

// Numbers in the text, digits ("7", "7.5", "7,5", "7/10") and number words.
std::vector<Number> FindNumbers(std::string_view text) {
  const std::vector<safety::Token> tokens = safety::TokenizeForSafety(text);
  const auto word_at = [&tokens](std::size_t k) -> std::string_view {
    return k < tokens.size() ? tokens[k].text : std::string_view();
  };
  std::vector<Number> numbers;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    std::optional<double> value = ValueOf(tokens[i].text);
    if (!value) continue;
    const std::size_t after = tokens[i].end;
    const bool decimal = i + 1 < tokens.size() && after + 1 == tokens[i + 1].begin &&
                         (text[after] == '.' || text[after] == ',') && word_at(i + 1).size() == 1 &&
                         ValueOf(word_at(i + 1)).has_value();
    if (decimal) value = *value + *ValueOf(word_at(i + 1)) / 10.0;
    const bool slash_ten = text.substr(after).starts_with("/10");
    const bool words_ten =
        (word_at(i + 1) == "out" && word_at(i + 2) == "of" && word_at(i + 3) == "10") ||
        ((word_at(i + 1) == "de" || word_at(i + 1) == "sobre") && word_at(i + 2) == "10");
    if (IsUnit(word_at(i + 1)) && !slash_ten) continue;
    // The "10" of "out of 10" or "8 de 10" is the scale, not a rating.
    const bool scale =
        i >= 2 && *value == 10 &&
        (word_at(i - 1) == "of" || word_at(i - 1) == "de" || word_at(i - 1) == "sobre") &&
        (ValueOf(word_at(i - 2)) || word_at(i - 2) == "out");
    if (scale || (i >= 1 && text.substr(0, tokens[i].begin).ends_with("/"))) continue;
    if (decimal) ++i;
    numbers.push_back(Number{*value, slash_ten || words_ten});
  }
  return numbers;
}

bool HasWord(const std::vector<safety::Token>& tokens, std::string_view word) {
  return std::any_of(tokens.begin(), tokens.end(),
                     [word](const safety::Token& t) { return t.text == word; });
}

}  // namespace

RatingParse ParseRating(std::string_view text) {
  const std::string normalized = safety::NormalizeForSafety(text);
  const std::vector<Number> numbers = FindNumbers(normalized);
  if (numbers.empty()) return {};
  const auto marked =
      std::find_if(numbers.rbegin(), numbers.rend(), [](const Number& n) { return n.out_of_ten; });
  const Number chosen = marked != numbers.rend() ? *marked : numbers.back();
  const int rounded = static_cast<int>(std::lround(chosen.value));
  if (rounded < 1 || rounded > 10) return RatingParse{RatingParse::Kind::kOutOfRange, rounded};
  return RatingParse{RatingParse::Kind::kValue, rounded};
}

Answer ParseAnswer(std::string_view text) {
  const std::string normalized = safety::NormalizeForSafety(text);
  const std::vector<safety::Token> tokens = safety::TokenizeForSafety(normalized);
  if (normalized.find("why not") != std::string::npos) return Answer::kYes;
  for (std::string_view no :
       {"no", "nope", "nah", "not", "later", "skip", "luego", "despues", "nel", "tampoco"}) {
    if (HasWord(tokens, no)) return Answer::kNo;
  }
  for (std::string_view yes : {"yes",  "yeah",   "yep",     "yup",     "sure",  "ok",    "okay",
                               "okey", "please", "alright", "lets",    "si",    "claro", "vale",
                               "dale", "bueno",  "porfa",   "acuerdo", "venga", "sip",   "go"}) {
    if (HasWord(tokens, yes)) return Answer::kYes;
  }
  return Answer::kUnclear;
}

}  // namespace haven::dialogue
