#include "nlp/normalizer.h"

#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

#include "nlp/normalizer_tables.h"

namespace haven::nlp {
namespace {

void AppendCodePoint(std::string& out, char32_t code_point) {
  utf8proc_uint8_t buffer[4];
  const utf8proc_ssize_t length =
      utf8proc_encode_char(static_cast<utf8proc_int32_t>(code_point), buffer);
  out.append(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(length));
}

// Decodes well-formed UTF-8 (callers sanitise first) into code points.
std::u32string Decode(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  utf8proc_ssize_t pos = 0;
  const auto size = static_cast<utf8proc_ssize_t>(text.size());
  while (pos < size) {
    utf8proc_int32_t code_point = 0;
    const utf8proc_ssize_t used = utf8proc_iterate(bytes + pos, size - pos, &code_point);
    if (used <= 0) {
      out.push_back(0xFFFD);
      ++pos;
      continue;
    }
    out.push_back(static_cast<char32_t>(code_point));
    pos += used;
  }
  return out;
}

std::string Encode(const std::u32string& code_points) {
  std::string out;
  out.reserve(code_points.size());
  for (char32_t cp : code_points) AppendCodePoint(out, cp);
  return out;
}

// utf8proc_map with the given options; the input unchanged if utf8proc reports an error.
std::string Map(const std::string& text, int options) {
  utf8proc_uint8_t* mapped = nullptr;
  const utf8proc_ssize_t length = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
      static_cast<utf8proc_ssize_t>(text.size()), &mapped, static_cast<utf8proc_option_t>(options));
  if (length < 0) return text;
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(mapped, &std::free);
  return std::string(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(length));
}

// NFKC + case fold + quote lumping, then accents dropped except the tilde of ñ (Spanish
// writers often omit accents; ñ changes the word).
bool IsAscii(std::string_view text) {
  return std::ranges::all_of(text, [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::string FoldText(const std::string& text) {
  if (IsAscii(text)) {
    // NFKC is the identity on ASCII and case folding is tolower: skip utf8proc (hot path).
    std::string out = text;
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
    }
    return out;
  }
  const std::string decomposed =
      Map(text, UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD |
                    UTF8PROC_LUMP | UTF8PROC_STRIPCC | UTF8PROC_IGNORE);
  std::u32string kept;
  for (char32_t cp : Decode(decomposed)) {
    const bool is_mark =
        utf8proc_category(static_cast<utf8proc_int32_t>(cp)) == UTF8PROC_CATEGORY_MN;
    if (is_mark && !(cp == 0x0303 && !kept.empty() && kept.back() == U'n')) continue;
    kept.push_back(cp);
  }
  return Map(Encode(kept), UTF8PROC_STABLE | UTF8PROC_COMPOSE);
}

bool IsAsciiAlnum(char32_t cp) {
  return (cp >= U'a' && cp <= U'z') || (cp >= U'A' && cp <= U'Z') || (cp >= U'0' && cp <= U'9');
}

bool IsWordCodePoint(char32_t cp) {
  if (cp < 0x80) return IsAsciiAlnum(cp);  // the only ASCII letters (L*) and numbers (N*)
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

bool IsSymbolCodePoint(char32_t cp) {
  if (cp < 0x80) return cp == U'$';  // ASCII has no So and one Sc
  const auto category = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
  return cp != 0xFFFD && (category == UTF8PROC_CATEGORY_SO || category == UTF8PROC_CATEGORY_SC);
}

bool IsClausePunctuation(char32_t cp) {
  return cp == U'.' || cp == U',' || cp == U';' || cp == U':' || cp == U'!' || cp == U'?' ||
         cp == U'¿' || cp == U'¡';
}

void PushToken(std::vector<Token>& tokens, std::string text, TokenKind kind) {
  if (text.empty()) return;
  if (kind == TokenKind::kPunctuation && !tokens.empty() && tokens.back().text == text) return;
  tokens.push_back(Token{std::move(text), kind, false, false});
}

// Splits one whitespace-free chunk into words, clause punctuation and symbols.
void SplitChunk(const std::u32string& chunk, std::vector<Token>& tokens) {
  std::u32string word;
  auto flush = [&] {
    PushToken(tokens, Encode(word), TokenKind::kWord);
    word.clear();
  };
  for (std::size_t i = 0; i < chunk.size(); ++i) {
    const char32_t cp = chunk[i];
    if (IsWordCodePoint(cp)) {
      word.push_back(cp);
    } else if (cp == U'\'' && !word.empty() && i + 1 < chunk.size() &&
               IsWordCodePoint(chunk[i + 1])) {
      word.push_back(cp);
    } else {
      flush();
      if (IsClausePunctuation(cp)) {
        PushToken(tokens, Encode(std::u32string(1, cp)), TokenKind::kPunctuation);
      } else if (IsSymbolCodePoint(cp)) {
        PushToken(tokens, Encode(std::u32string(1, cp)), TokenKind::kSymbol);
      }
    }
  }
  flush();
}

std::vector<Token> Tokenize(const std::string& folded) {
  std::vector<Token> tokens;
  std::u32string chunk;
  auto flush = [&] {
    if (chunk.empty()) return;
    // Whole-chunk shorthand such as "s/h", "w/o" or "self-harm" before splitting.
    std::u32string bare = chunk;
    while (!bare.empty() && IsClausePunctuation(bare.back())) bare.pop_back();
    const std::string bare_text = Encode(bare);
    if (bare_text.find_first_of("/-") != std::string::npos &&
        !internal::Expansion(bare_text, Language::kEnglish).empty()) {
      PushToken(tokens, bare_text, TokenKind::kWord);
      SplitChunk(chunk.substr(bare.size()), tokens);
    } else {
      SplitChunk(chunk, tokens);
    }
    chunk.clear();
  };
  for (char32_t cp : Decode(folded)) {
    const bool space =
        cp < 0x80 ? cp == U' '
                  : utf8proc_category(static_cast<utf8proc_int32_t>(cp)) == UTF8PROC_CATEGORY_ZS;
    if (space || cp == U'\t' || cp == U'\n' || cp == U'\r') {
      flush();
    } else {
      chunk.push_back(cp);
    }
  }
  flush();
  return tokens;
}

// "hahaha" -> "haha", "jajajaja" -> "jaja": laughter of any length is one word.
std::string CollapseLaughter(const std::string& word) {
  if (word.size() < 4) return word;
  for (const char* base : {"ha", "ja", "he", "je"}) {
    bool all = true;
    for (std::size_t i = 0; i < word.size() && all; ++i) all = word[i] == base[i % 2];
    if (all) return std::string(base) + base;
  }
  return word;
}

void ExpandWords(std::vector<Token>& tokens, Language language) {
  std::vector<Token> out;
  out.reserve(tokens.size());
  for (Token& token : tokens) {
    if (token.kind != TokenKind::kWord) {
      out.push_back(std::move(token));
      continue;
    }
    std::string word = CollapseLaughter(CollapseElongation(token.text));
    std::string_view expansion = internal::Expansion(word, language);
    if (expansion.empty()) {
      out.push_back(Token{std::move(word), TokenKind::kWord, false, false});
      continue;
    }
    std::size_t start = 0;
    while (start <= expansion.size()) {
      std::size_t space = expansion.find(' ', start);
      if (space == std::string_view::npos) space = expansion.size();
      out.push_back(Token{std::string(expansion.substr(start, space - start)), TokenKind::kWord,
                          false, false});
      start = space + 1;
    }
  }
  tokens = std::move(out);
}

}  // namespace

std::string_view LanguageCode(Language language) {
  return language == Language::kSpanish ? "es" : "en";
}

std::string SanitizeUtf8(std::string_view text) {
  if (IsAscii(text)) return std::string(text);
  return Encode(Decode(text));
}

std::string ReplaceEmoji(std::string_view text, EmoticonHandling emoticons) {
  std::string with_emoticons;
  std::string_view source = text;
  if (emoticons == EmoticonHandling::kReplace) {
    with_emoticons = ReplaceEmoticons(text);
    source = with_emoticons;
  }
  if (IsAscii(source)) return std::string(source);  // no emoji in ASCII
  std::string out;
  out.reserve(source.size());
  for (char32_t cp : Decode(source)) {
    if (internal::IsEmojiModifier(cp)) continue;
    const std::string_view word = internal::EmojiWord(cp);
    if (word.empty()) {
      AppendCodePoint(out, cp);
    } else {
      out.append(" ").append(word).append(" ");
    }
  }
  return out;
}

std::string ReplaceEmoticons(std::string_view text) {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const bool at_start = pos == 0 || text[pos - 1] == ' ';
    bool replaced = false;
    for (const auto& [emoticon, word] : internal::Emoticons()) {
      if (!at_start || text.substr(pos, emoticon.size()) != emoticon) continue;
      const std::size_t end = pos + emoticon.size();
      if (end < text.size() && text[end] != ' ' && !IsClausePunctuation(text[end])) continue;
      out.append(" ").append(word).append(" ");
      pos = end;
      replaced = true;
      break;
    }
    if (!replaced) out.push_back(text[pos++]);
  }
  return out;
}

std::string CollapseElongation(std::string_view word) {
  const std::u32string cps = Decode(word);
  std::u32string doubled;
  std::u32string single;
  bool elongated = false;
  for (std::size_t i = 0; i < cps.size();) {
    std::size_t run = 1;
    while (i + run < cps.size() && cps[i + run] == cps[i]) ++run;
    const bool letter =
        cps[i] < 0x80
            ? IsAsciiAlnum(cps[i]) && !(cps[i] >= U'0' && cps[i] <= U'9')
            : IsWordCodePoint(cps[i]) &&
                  utf8proc_category(static_cast<utf8proc_int32_t>(cps[i])) != UTF8PROC_CATEGORY_ND;
    if (letter && run >= 3) {
      elongated = true;
      doubled.append(2, cps[i]);
      single.push_back(cps[i]);
    } else {
      doubled.append(run, cps[i]);
      single.append(run, cps[i]);
    }
    i += run;
  }
  if (!elongated) return std::string(word);
  const std::string doubled_text = Encode(doubled);
  if (internal::IsDoubleLetterWord(doubled_text)) return doubled_text;
  return Encode(single);
}

Language DetectLanguage(const std::vector<std::string>& words) {
  int english = 0;
  int spanish = 0;
  for (const std::string& word : words) {
    if (internal::IsEnglishMarker(word)) ++english;
    if (internal::IsSpanishMarker(word)) ++spanish;
  }
  return spanish > english ? Language::kSpanish : Language::kEnglish;
}

void MarkNegationScope(std::vector<Token>& tokens) {
  bool in_scope = false;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    Token& token = tokens[i];
    token.negation_cue = false;
    token.negated = false;
    if (token.kind == TokenKind::kPunctuation || internal::IsClauseBoundaryWord(token.text)) {
      in_scope = false;
      continue;
    }
    if (token.kind != TokenKind::kWord) continue;
    const bool pseudo =
        i + 1 < tokens.size() && internal::IsPseudoNegation(token.text, tokens[i + 1].text);
    if (internal::IsNegationCue(token.text) && !pseudo) {
      token.negation_cue = true;
      in_scope = true;
      continue;
    }
    token.negated = in_scope;
  }
}

NormalizedText Normalize(std::string_view text) {
  NormalizedText result;
  const std::string folded = FoldText(ReplaceEmoji(SanitizeUtf8(text), EmoticonHandling::kReplace));
  result.tokens = Tokenize(folded);
  std::vector<std::string> words;
  for (const Token& token : result.tokens) {
    if (token.kind == TokenKind::kWord) words.push_back(token.text);
  }
  result.language = DetectLanguage(words);
  ExpandWords(result.tokens, result.language);
  MarkNegationScope(result.tokens);
  for (const Token& token : result.tokens) {
    if (!result.text.empty()) result.text.push_back(' ');
    result.text.append(token.text);
  }
  return result;
}

std::string ClassifierInput(const NormalizedText& normalized) {
  std::string out;
  out.reserve(normalized.text.size() + 16);
  for (const Token& token : normalized.tokens) {
    if (!out.empty()) out.push_back(' ');
    if (token.negated) out.append("neg_");
    out.append(token.text);
  }
  return out;
}

}  // namespace haven::nlp
