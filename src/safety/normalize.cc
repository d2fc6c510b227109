#include "safety/normalize.h"

#include <array>
#include <cstdint>

#include "nlp/word_table.h"

namespace haven::safety {
namespace {

// Whole-word expansions of contractions without apostrophes and chat shorthand.
const nlp::WordMap<std::string_view>& Expansions() {
  static const nlp::WordMap<std::string_view> kExpansions = {
      {"dont", "do not"},
      {"doesnt", "does not"},
      {"didnt", "did not"},
      {"cant", "can not"},
      {"cannot", "can not"},
      {"wont", "will not"},
      {"wouldnt", "would not"},
      {"couldnt", "could not"},
      {"shouldnt", "should not"},
      {"isnt", "is not"},
      {"arent", "are not"},
      {"wasnt", "was not"},
      {"werent", "were not"},
      {"havent", "have not"},
      {"hasnt", "has not"},
      {"hadnt", "had not"},
      {"aint", "am not"},
      {"im", "i am"},
      {"ive", "i have"},
      {"youre", "you are"},
      {"theyre", "they are"},
      {"whats", "what is"},
      {"thats", "that is"},
      {"theres", "there is"},
      {"shes", "she is"},
      {"wanna", "want to"},
      {"gonna", "going to"},
      {"gotta", "got to"},
      {"tryna", "trying to"},
      {"kinda", "kind of"},
      {"kms", "kill myself"},
      {"kys", "kill yourself"},
      {"ctb", "kill myself"},
      {"unalive", "kill"},
      {"unalived", "killed"},
      {"unaliving", "killing"},
      {"sh", "self harm"},
      {"selfharm", "self harm"},
      {"u", "you"},
      {"ur", "your"},
      {"rn", "right now"},
      {"tmrw", "tomorrow"},
      {"tmr", "tomorrow"},
      {"bc", "because"},
      {"cuz", "because"},
      {"coz", "because"},
      {"idk", "i do not know"},
      {"ppl", "people"},
      {"q", "que"},
      {"xq", "porque"},
      {"pq", "porque"},
      {"porq", "porque"},
      {"xk", "porque"},
      {"tb", "tambien"},
      {"tmb", "tambien"},
      {"kiero", "quiero"},
      {"qiero", "quiero"},
      {"kieres", "quieres"},
      {"aki", "aqui"},
      {"xa", "para"},
      {"d", "de"},
      {"wnat", "want"},
      {"wan", "want"},
      {"suicidl", "suicidal"},
      {"suicidial", "suicidal"},
      {"sucidal", "suicidal"},
      {"suicdal", "suicidal"},
      {"sewerslide", "suicide"},
      {"suicde", "suicide"},
      {"sucide", "suicide"},
      {"myslef", "myself"},
      {"mysef", "myself"},
      {"hav", "have"},
      {"pils", "pills"},
      {"pilz", "pills"},
      {"pastiyas", "pastillas"},
      {"pastilas", "pastillas"},
  };
  return kExpansions;
}

// ASCII base letter of U+00C0..U+00FF, or 0 to keep the character.
char FoldLatin1(std::uint32_t cp) {
  // U+00C0..U+00FF in order; '\0' marks symbols (multiplication sign, thorn...).
  static constexpr char kFold[] =
      "aaaaaaaceeeeiiiidnooooo\0ouuuuy\0saaaaaaaceeeeiiiidnooooo\0ouuuuy\0y";
  static_assert(sizeof(kFold) == 65);
  if (cp < 0xC0 || cp > 0xFF) return 0;
  return kFold[cp - 0xC0];
}

// Decodes one well-formed UTF-8 sequence at text[i]; returns its length, or 0 if malformed.
std::size_t DecodeUtf8(std::string_view text, std::size_t i, std::uint32_t& cp) {
  const auto b0 = static_cast<unsigned char>(text[i]);
  std::size_t len = 0;
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  } else if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    cp = b0 & 0x0F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    cp = b0 & 0x07;
  } else {
    return 0;
  }
  if (i + len > text.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(text[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  const bool overlong = (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
  if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

// Maps one code point to its replacement in the folded text; empty to copy it unchanged.
std::string_view MapCodePoint(std::uint32_t cp, char& scratch) {
  switch (cp) {
    case 0x2018:
    case 0x2019:
    case 0x201B:
    case 0x2032:
    case 0x02BC:
    case 0x0060:
    case 0x00B4:
      return "'";
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x00AB:
    case 0x00BB:
      return "\"";
    case 0x00BF:
    case 0x00A1:
    case 0x00A0:
      return " ";
    case 0x2026:
      return ".";
    case 0x2013:
    case 0x2014:
      return ",";
    default:
      break;
  }
  scratch = FoldLatin1(cp);
  if (scratch != 0) return std::string_view(&scratch, 1);
  return {};
}

// Pass 1: case and accent folding, quote mapping, invalid bytes to spaces.
std::string FoldCharacters(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    std::uint32_t cp = 0;
    const std::size_t len = DecodeUtf8(text, i, cp);
    if (len == 0) {
      out.push_back(' ');
      ++i;
      continue;
    }
    if (len == 1) {
      const char c = text[i];
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    } else {
      char scratch = 0;
      const std::string_view mapped = MapCodePoint(cp, scratch);
      out.append(mapped.empty() ? text.substr(i, len) : mapped);
    }
    i += len;
  }
  return out;
}

bool IsWordByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'' ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() > suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Expands an apostrophe contraction ("don't", "i'm", "it's"); strips other apostrophes.
std::string ExpandApostrophes(std::string_view word) {
  if (word == "can't") return "can not";
  if (word == "won't") return "will not";
  if (word == "ain't") return "am not";
  if (EndsWith(word, "n't")) return std::string(word.substr(0, word.size() - 3)) + " not";
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kSuffixes = {
      {{"'m", " am"}, {"'re", " are"}, {"'ve", " have"}, {"'ll", " will"}, {"'d", " would"}}};
  for (const auto& [suffix, expansion] : kSuffixes) {
    if (EndsWith(word, suffix)) {
      return std::string(word.substr(0, word.size() - suffix.size())) + std::string(expansion);
    }
  }
  if (word == "let's") return "let us";
  if (EndsWith(word, "'s")) {
    const std::string_view stem = word.substr(0, word.size() - 2);
    for (std::string_view pronoun : {"it", "that", "what", "he", "she", "there", "who", "where",
                                     "how", "everything", "nothing"}) {
      if (stem == pronoun) return std::string(stem) + " is";
    }
  }
  std::string plain;
  for (char c : word) {
    if (c != '\'') plain.push_back(c);
  }
  return plain;
}

// "dieeee" -> "die", "killlll" -> "kill": vowels repeated 3+ times keep one, consonants two.
std::string CollapseRepeats(std::string_view word) {
  std::string out;
  for (std::size_t i = 0; i < word.size();) {
    std::size_t j = i;
    while (j < word.size() && word[j] == word[i]) ++j;
    const std::size_t run = j - i;
    const bool vowel = std::string_view("aeiouy").find(word[i]) != std::string_view::npos;
    const bool letter = word[i] >= 'a' && word[i] <= 'z';
    const std::size_t keep = run < 3 || !letter ? run : (vowel ? 1 : 2);
    out.append(keep, word[i]);
    i = j;
  }
  return out;
}

// True when some letter repeats three times in a row: only then does CollapseRepeats change
// the word.
bool HasLetterRun(std::string_view word) {
  for (std::size_t i = 0; i + 2 < word.size(); ++i) {
    if (word[i] >= 'a' && word[i] <= 'z' && word[i] == word[i + 1] && word[i] == word[i + 2]) {
      return true;
    }
  }
  return false;
}

// Appends the expansion of one word of folded text to `out`.
void AppendExpandedWord(std::string_view raw, std::string& out) {
  std::string collapsed;
  std::string_view word = raw;
  if (HasLetterRun(raw)) {
    collapsed = CollapseRepeats(raw);
    word = collapsed;
  }
  while (!word.empty() && word.front() == '\'') word.remove_prefix(1);
  while (!word.empty() && word.back() == '\'') word.remove_suffix(1);
  if (word.find('\'') != std::string_view::npos) {
    out += ExpandApostrophes(word);
    return;
  }
  const std::string_view* found = Expansions().Find(word);
  out += found != nullptr ? *found : word;
}

}  // namespace

std::string NormalizeForSafety(std::string_view text) {
  const std::string folded = FoldCharacters(text);
  std::string out;
  out.reserve(folded.size() + 16);
  std::size_t i = 0;
  while (i < folded.size()) {
    const char c = folded[i];
    if (IsWordByte(c)) {
      std::size_t j = i;
      while (j < folded.size() && IsWordByte(folded[j])) ++j;
      AppendExpandedWord(std::string_view(folded).substr(i, j - i), out);
      i = j;
      continue;
    }
    const bool space = c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
    if (space) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else if (c == '\0') {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
    ++i;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::vector<Token> TokenizeForSafety(std::string_view normalized) {
  std::vector<Token> tokens;
  std::size_t clause = 0;
  std::size_t i = 0;
  while (i < normalized.size()) {
    const char c = normalized[i];
    if (IsWordByte(c) && c != '\'') {
      std::size_t j = i;
      while (j < normalized.size() && IsWordByte(normalized[j]) && normalized[j] != '\'') ++j;
      const std::string_view word = normalized.substr(i, j - i);
      const bool conjunction = word == "but" || word == "pero" || word == "however" ||
                               word == "although" || word == "aunque" || word == "sino";
      if (conjunction) ++clause;
      tokens.push_back(Token{i, j, clause, word});
      i = j;
      continue;
    }
    if (c == '.' || c == '!' || c == '?' || c == ';' || c == ',' || c == ':' || c == '\n') {
      ++clause;
    }
    ++i;
  }
  return tokens;
}

}  // namespace haven::safety
