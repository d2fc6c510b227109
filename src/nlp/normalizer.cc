#include "nlp/normalizer.h"

#include <utf8proc.h>

#include <algorithm>
#include <bitset>
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

// Calls `visit` with each code point of `text` as Decode would list them (U+FFFD for each byte
// that begins no valid sequence), without building the list.
template <typename Visit>
void ForEachCodePoint(std::string_view text, Visit visit) {
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  utf8proc_ssize_t pos = 0;
  const auto size = static_cast<utf8proc_ssize_t>(text.size());
  while (pos < size) {
    if (bytes[pos] < 0x80) {  // what utf8proc_iterate gives for an ASCII byte
      visit(static_cast<char32_t>(bytes[pos++]));
      continue;
    }
    utf8proc_int32_t code_point = 0;
    const utf8proc_ssize_t used = utf8proc_iterate(bytes + pos, size - pos, &code_point);
    if (used <= 0) {
      visit(char32_t{0xFFFD});
      ++pos;
      continue;
    }
    visit(static_cast<char32_t>(code_point));
    pos += used;
  }
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

// One chunk with a non-ASCII byte: NFKC + case fold + quote lumping, then accents dropped
// except the tilde of ñ (Spanish writers often omit accents; ñ changes the word).
std::string FoldUnicode(const std::string& text) {
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

// Folds ASCII chunks by hand (NFKC is the identity on ASCII, case folding is tolower, control
// characters become spaces as STRIPCC would) and hands only chunks with other bytes to utf8proc.
// Splitting at ASCII spaces changes nothing: a space neither composes nor takes marks in NFKC.
std::string FoldText(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find(' ', pos);
    if (end == std::string::npos) end = text.size();
    const std::string_view chunk(text.data() + pos, end - pos);
    if (IsAscii(chunk)) {
      for (char c : chunk) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
        out.push_back(c);
      }
    } else {
      out.append(FoldUnicode(std::string(chunk)));
    }
    if (end < text.size()) out.push_back(' ');
    pos = end + 1;
  }
  return out;
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

// Decodes the code point at `pos` of well-formed UTF-8 and advances `pos` past it.
char32_t NextCodePoint(std::string_view text, std::size_t& pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  if (lead < 0x80) {
    ++pos;
    return lead;
  }
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  utf8proc_int32_t code_point = 0;
  const utf8proc_ssize_t used =
      utf8proc_iterate(bytes + pos, static_cast<utf8proc_ssize_t>(text.size() - pos), &code_point);
  if (used <= 0) {
    ++pos;
    return 0xFFFD;
  }
  pos += static_cast<std::size_t>(used);
  return static_cast<char32_t>(code_point);
}

// Splits one whitespace-free chunk (well-formed UTF-8) into words, clause punctuation and
// symbols. Words are byte ranges of the chunk, so nothing is re-encoded.
void SplitChunk(std::string_view chunk, std::vector<Token>& tokens) {
  std::size_t word_begin = 0;
  std::size_t word_end = 0;  // word_begin == word_end: no word open
  auto flush = [&] {
    PushToken(tokens, std::string(chunk.substr(word_begin, word_end - word_begin)),
              TokenKind::kWord);
    word_begin = word_end;
  };
  for (std::size_t pos = 0; pos < chunk.size();) {
    const std::size_t begin = pos;
    const char32_t cp = NextCodePoint(chunk, pos);
    if (IsWordCodePoint(cp)) {
      if (word_begin == word_end) word_begin = begin;
      word_end = pos;
      continue;
    }
    if (cp == U'\'' && word_end == begin && word_begin != word_end && pos < chunk.size()) {
      std::size_t next = pos;
      if (IsWordCodePoint(NextCodePoint(chunk, next))) {
        word_end = pos;  // an apostrophe inside a word ("don't")
        continue;
      }
    }
    if (word_begin != word_end) flush();
    word_begin = word_end = pos;
    if (IsClausePunctuation(cp)) {
      PushToken(tokens, std::string(chunk.substr(begin, pos - begin)), TokenKind::kPunctuation);
    } else if (IsSymbolCodePoint(cp)) {
      PushToken(tokens, std::string(chunk.substr(begin, pos - begin)), TokenKind::kSymbol);
    }
  }
  if (word_begin != word_end) flush();
}

// Length of `chunk` without trailing clause punctuation.
std::size_t BareLength(std::string_view chunk) {
  std::size_t length = chunk.size();
  while (length > 0) {
    std::size_t start = length - 1;
    while (start > 0 && (static_cast<unsigned char>(chunk[start]) & 0xC0) == 0x80) --start;
    std::size_t pos = start;
    if (!IsClausePunctuation(NextCodePoint(chunk, pos))) break;
    length = start;
  }
  return length;
}

bool IsSpaceAt(std::string_view text, std::size_t pos, std::size_t& next) {
  next = pos;
  const char32_t cp = NextCodePoint(text, next);
  if (cp == U' ' || cp == U'\t' || cp == U'\n' || cp == U'\r') return true;
  return cp >= 0x80 && utf8proc_category(static_cast<utf8proc_int32_t>(cp)) == UTF8PROC_CATEGORY_ZS;
}

std::vector<Token> Tokenize(const std::string& folded) {
  std::vector<Token> tokens;
  tokens.reserve(folded.size() / 3 + 4);  // most texts: one allocation
  const std::string_view text(folded);
  auto flush = [&](std::string_view chunk) {
    if (chunk.empty()) return;
    // Whole-chunk shorthand such as "s/h", "w/o" or "self-harm" before splitting.
    const std::string_view bare = chunk.substr(0, BareLength(chunk));
    if (bare.find_first_of("/-") != std::string_view::npos &&
        !internal::Expansion(bare, Language::kEnglish).empty()) {
      PushToken(tokens, std::string(bare), TokenKind::kWord);
      SplitChunk(chunk.substr(bare.size()), tokens);
    } else {
      SplitChunk(chunk, tokens);
    }
  };
  std::size_t chunk_begin = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t next = pos;
    if (IsSpaceAt(text, pos, next)) {
      flush(text.substr(chunk_begin, pos - chunk_begin));
      chunk_begin = next;
    }
    pos = next;
  }
  flush(text.substr(chunk_begin));
  return tokens;
}

// "hahaha" -> "haha", "jajajaja" -> "jaja": laughter of any length is one word. In place.
void CollapseLaughter(std::string& word) {
  if (word.size() < 4) return;
  for (const char* base : {"ha", "ja", "he", "je"}) {
    bool all = true;
    for (std::size_t i = 0; i < word.size() && all; ++i) all = word[i] == base[i % 2];
    if (all) {
      word.assign(base).append(base);
      return;
    }
  }
}

// True when no byte repeats three times in a row and every byte is ASCII: then no letter is
// elongated (a repeated non-ASCII letter is not three equal bytes, so it takes the full path).
bool PlainlyNotElongated(std::string_view word) {
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (static_cast<unsigned char>(word[i]) >= 0x80) return false;
    if (i + 2 < word.size() && word[i] == word[i + 1] && word[i] == word[i + 2]) return false;
  }
  return true;
}

void ExpandWords(std::vector<Token>& tokens, Language language) {
  std::vector<Token> out;
  out.reserve(tokens.size());
  for (Token& token : tokens) {
    if (token.kind != TokenKind::kWord) {
      out.push_back(std::move(token));
      continue;
    }
    std::string word = std::move(token.text);
    if (!PlainlyNotElongated(word)) word = CollapseElongation(word);
    CollapseLaughter(word);
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
  std::string out;  // Encode(Decode(text)), one code point at a time
  out.reserve(text.size() + 8);
  ForEachCodePoint(text, [&out](char32_t cp) { AppendCodePoint(out, cp); });
  return out;
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
  ForEachCodePoint(source, [&out](char32_t cp) {
    if (cp < 0x80) {  // neither an emoji nor a modifier
      out.push_back(static_cast<char>(cp));
      return;
    }
    if (internal::IsEmojiModifier(cp)) return;
    const std::string_view word = internal::EmojiWord(cp);
    if (word.empty()) {
      AppendCodePoint(out, cp);
    } else {
      out.append(" ").append(word).append(" ");
    }
  });
  return out;
}

std::string ReplaceEmoticons(std::string_view text) {
  static const std::bitset<256> kFirstBytes = [] {
    std::bitset<256> first;
    for (const auto& entry : internal::Emoticons()) {
      first.set(static_cast<unsigned char>(entry.first.front()));
    }
    return first;
  }();
  const auto may_start_at = [&](std::size_t pos) {
    return (pos == 0 || text[pos - 1] == ' ') &&
           kFirstBytes.test(static_cast<unsigned char>(text[pos]));
  };
  // Most texts hold no place where an emoticon can begin: copied as they are.
  std::size_t first = 0;
  while (first < text.size() && !may_start_at(first)) ++first;
  if (first == text.size()) return std::string(text);
  const auto& emoticons = internal::Emoticons();
  std::string out;
  out.reserve(text.size());
  out.append(text.substr(0, first));
  std::size_t pos = first;
  while (pos < text.size()) {
    const bool at_start = may_start_at(pos);
    bool replaced = false;
    for (const auto& [emoticon, word] : emoticons) {
      if (!at_start) break;  // nothing can be replaced here
      if (text.substr(pos, emoticon.size()) != emoticon) continue;
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
  if (PlainlyNotElongated(word)) return std::string(word);
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

namespace {

// DetectLanguage over the words among `tokens`, without copying them.
Language TokensLanguage(const std::vector<Token>& tokens) {
  int english = 0;
  int spanish = 0;
  for (const Token& token : tokens) {
    if (token.kind != TokenKind::kWord) continue;
    if (internal::IsEnglishMarker(token.text)) ++english;
    if (internal::IsSpanishMarker(token.text)) ++spanish;
  }
  return spanish > english ? Language::kSpanish : Language::kEnglish;
}

}  // namespace

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
    // A cue followed by a word that undoes it ("not only") negates nothing.
    const auto pseudo = [&] {
      return i + 1 < tokens.size() && internal::IsPseudoNegation(token.text, tokens[i + 1].text);
    };
    if (internal::IsNegationCue(token.text) && !pseudo()) {
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
  result.language = TokensLanguage(result.tokens);
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
