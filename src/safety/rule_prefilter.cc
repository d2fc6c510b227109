#include "safety/rule_prefilter.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>

namespace haven::safety {
namespace {

// RE2's \b is ASCII: [0-9A-Za-z_] are word characters.
bool IsWordByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

bool IsAlnum(char c) { return IsWordByte(c) && c != '_'; }

// Index just past the atom at `pos` (an escape, a class or a group); npos when unbalanced.
std::size_t SkipAtom(std::string_view s, std::size_t pos) {
  if (s[pos] == '\\') return pos + 2 <= s.size() ? pos + 2 : std::string_view::npos;
  if (s[pos] == '[') {
    std::size_t i = pos + 1;
    if (i < s.size() && s[i] == '^') ++i;
    if (i < s.size() && s[i] == ']') ++i;  // a literal ] first in a class
    for (; i < s.size(); ++i) {
      if (s[i] == '\\') {
        ++i;
      } else if (s[i] == ']') {
        return i + 1;
      }
    }
    return std::string_view::npos;
  }
  if (s[pos] == '(') {
    int depth = 0;
    for (std::size_t i = pos; i < s.size(); ++i) {
      if (s[i] == '\\' || s[i] == '[') {
        i = SkipAtom(s, i);
        if (i == std::string_view::npos) return i;
        --i;
      } else if (s[i] == '(') {
        ++depth;
      } else if (s[i] == ')' && --depth == 0) {
        return i + 1;
      }
    }
    return std::string_view::npos;
  }
  return pos + 1;
}

// The top-level alternatives of `s`; empty when it is unbalanced.
std::vector<std::string_view> Alternatives(std::string_view s) {
  std::vector<std::string_view> parts;
  std::size_t begin = 0;
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == '|') {
      parts.push_back(s.substr(begin, i - begin));
      begin = ++i;
      continue;
    }
    i = SkipAtom(s, i);
    if (i == std::string_view::npos) return {};
  }
  parts.push_back(s.substr(begin));
  return parts;
}

// Index past an optional quantifier (?, *, {0,n}, each maybe lazy) at `pos`; `pos` when the
// atom before it is not optional.
std::size_t SkipOptionalQuantifier(std::string_view s, std::size_t pos) {
  std::size_t end = pos;
  if (pos < s.size() && (s[pos] == '?' || s[pos] == '*')) {
    end = pos + 1;
  } else if (s.substr(pos).starts_with("{0")) {
    const std::size_t close = s.find('}', pos);
    if (close == std::string_view::npos) return pos;
    end = close + 1;
  } else {
    return pos;
  }
  return end < s.size() && s[end] == '?' ? end + 1 : end;
}

// The first character any match of `alternative` consumes is a letter or digit (a literal one
// or \d). An optional first atom must begin with one, and so must what follows it.
bool BeginsWithAlnum(std::string_view alternative) {
  if (alternative.empty()) return false;
  std::size_t end = 0;
  if (IsAlnum(alternative[0])) {
    end = 1;
  } else if (alternative.starts_with("\\d")) {
    end = 2;  // an ASCII digit (RE2's \d is [0-9])
  } else if (alternative[0] == '(') {
    end = SkipAtom(alternative, 0);
    if (end == std::string_view::npos) return false;
    std::string_view inner = alternative.substr(1, end - 2);
    if (inner.starts_with("?:")) {
      inner.remove_prefix(2);
    } else if (inner.starts_with("?")) {
      return false;  // flags or a named group: not worth reading
    }
    const std::vector<std::string_view> parts = Alternatives(inner);
    if (parts.empty() || !std::ranges::all_of(parts, BeginsWithAlnum)) return false;
  } else {
    return false;
  }
  const std::size_t after = SkipOptionalQuantifier(alternative, end);
  return after == end || BeginsWithAlnum(alternative.substr(after));
}

}  // namespace

bool MatchesBeginAtWordStart(std::string_view pattern) {
  const std::vector<std::string_view> parts = Alternatives(pattern);
  return !parts.empty() && std::ranges::all_of(parts, [](std::string_view part) {
    if (part.starts_with("^")) return true;
    return part.starts_with("\\b") && BeginsWithAlnum(part.substr(2));
  });
}

RulePrefilter::RulePrefilter() = default;
RulePrefilter::~RulePrefilter() = default;

namespace {

RE2::Options PatternOptions() {  // as CrisisRules compiles the rules
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  return options;
}

std::unique_ptr<re2::RE2::Set> NewSet() {
  RE2::Options options = PatternOptions();
  options.set_max_mem(64 << 20);
  return std::make_unique<re2::RE2::Set>(options, RE2::ANCHOR_START);
}

// Whether `text` at `begin` can start with `literal` (lower-case ASCII): a non-ASCII byte there
// might fold to it, so only ASCII bytes rule it out.
bool MayStartWith(std::string_view text, std::size_t begin, std::string_view literal) {
  if (literal.size() > text.size() - begin) return false;
  for (std::size_t i = 0; i < literal.size(); ++i) {
    char c = text[begin + i];
    if (static_cast<unsigned char>(c) >= 0x80) return true;
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != literal[i]) return false;
  }
  return true;
}

std::uint16_t PairSlot(char a, char b) {
  return static_cast<std::uint16_t>(
      (static_cast<unsigned char>(a) * 131U + static_cast<unsigned char>(b)) & 4095U);
}

// Whether `text` (lower-case ASCII, its pairs in `bigrams`) holds a string of every clause.
template <typename Clauses, typename Bigrams>
bool ContainsRequired(std::string_view text, const Bigrams& bigrams, const Clauses& clauses) {
  return std::ranges::all_of(clauses, [&](const auto& clause) {
    return std::ranges::any_of(clause, [&](const auto& required) {
      const bool pairs =
          std::ranges::all_of(required.pairs, [&](std::uint16_t pair) { return bigrams[pair]; });
      return pairs && text.find(required.text) != std::string_view::npos;
    });
  });
}

// No upper-case or non-ASCII byte: strings can be compared with lower-cased ones as they are
// (a non-ASCII character may fold to an ASCII letter, so it rules out nothing).
bool IsPlainLowerAscii(std::string_view text) {
  return std::ranges::none_of(
      text, [](char c) { return static_cast<unsigned char>(c) >= 0x80 || (c >= 'A' && c <= 'Z'); });
}

bool SameBegin(const RuleCandidate& a, const RuleCandidate& b) {
  return a.pattern == b.pattern && a.begin == b.begin;
}

}  // namespace

bool RulePrefilter::AddAlternatives(const std::string& pattern, int index) {
  const auto read = ReadAlternatives(pattern);
  if (!read) return false;
  first_alternative_[static_cast<std::size_t>(index)] = static_cast<int>(alternatives_.size());
  for (std::size_t i = 0; i < read->size(); ++i) {
    prefixes_.Add((*read)[i], static_cast<int>(alternatives_.size()));
    Alternative alternative{index, static_cast<int>(i), (*read)[i].literal, {}};
    for (const std::vector<std::string>& clause : (*read)[i].required) {
      auto& strings = alternative.required.emplace_back();
      for (const std::string& text : clause) {
        RequiredString& required = strings.emplace_back(RequiredString{text, {}});
        for (std::size_t k = 0; k + 1 < text.size(); ++k) {
          required.pairs.push_back(PairSlot(text[k], text[k + 1]));
        }
      }
    }
    alternatives_.push_back(std::move(alternative));
  }
  return true;
}

std::unique_ptr<RulePrefilter> RulePrefilter::Build(const std::vector<std::string>& patterns) {
  std::vector<std::unique_ptr<re2::RE2>> compiled;
  for (const std::string& pattern : patterns) {
    compiled.push_back(std::make_unique<re2::RE2>(pattern, PatternOptions()));
  }
  return FromCompiled(std::move(compiled));
}

std::unique_ptr<RulePrefilter> RulePrefilter::FromCompiled(
    std::vector<std::unique_ptr<re2::RE2>> patterns) {
  std::unique_ptr<RulePrefilter> prefilter(new RulePrefilter());
  prefilter->patterns_ = std::move(patterns);
  const std::size_t count = prefilter->patterns_.size();
  prefilter->first_alternative_.assign(count, -1);
  auto indexed = NewSet();
  auto unindexed = NewSet();
  for (std::size_t i = 0; i < count; ++i) {
    const int index = static_cast<int>(i);
    const std::string& pattern = prefilter->patterns_[i]->pattern();
    if (!MatchesBeginAtWordStart(pattern)) {
      prefilter->always_.push_back(index);
      continue;
    }
    const bool known = prefilter->AddAlternatives(pattern, index);
    auto& set = known ? indexed : unindexed;
    if (set->Add(pattern, nullptr) < 0) return prefilter;  // unusable: all run everywhere
    (known ? prefilter->indexed_patterns_ : prefilter->unindexed_patterns_).push_back(index);
  }
  // RE2 refuses to compile an empty set.
  if (!prefilter->indexed_patterns_.empty()) {
    if (!indexed->Compile()) return prefilter;
    prefilter->indexed_ = std::move(indexed);
  }
  if (!prefilter->unindexed_patterns_.empty()) {
    if (!unindexed->Compile()) return prefilter;
    prefilter->unindexed_ = std::move(unindexed);
  }
  prefilter->usable_ = true;
  return prefilter;
}

void RulePrefilter::AllPatterns(std::vector<RuleCandidate>& out) const {
  out.clear();
  for (std::size_t i = 0; i < patterns_.size(); ++i) {
    out.push_back(RuleCandidate{static_cast<int>(i), RuleCandidate::kAnywhere});
  }
}

bool RulePrefilter::AddHits(const re2::RE2::Set& set, const std::vector<int>& set_patterns,
                            std::string_view text, std::size_t pos,
                            std::vector<RuleCandidate>& out) const {
  RE2::Set::ErrorInfo error{};
  const re2::StringPiece rest(text.data() + pos, text.size() - pos);
  // Asking only whether anything matches skips RE2's per-call match-set allocation; most
  // word starts begin no pattern, and the few that do are asked again for which.
  if (!set.Match(rest, nullptr, &error)) return error.kind == RE2::Set::kNoError;
  std::vector<int> hits;
  if (!set.Match(rest, &hits, &error)) return error.kind == RE2::Set::kNoError;
  for (int hit : hits) {
    out.push_back(RuleCandidate{set_patterns[static_cast<std::size_t>(hit)], pos});
  }
  return true;
}

void RulePrefilter::Candidates(std::string_view text, std::vector<RuleCandidate>& out) const {
  if (!usable_) return AllPatterns(out);
  out.clear();
  for (int pattern : always_) out.push_back(RuleCandidate{pattern, RuleCandidate::kAnywhere});
  std::vector<int> ids;
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    if (pos > 0 && (!IsWordByte(text[pos]) || IsWordByte(text[pos - 1]))) continue;
    if (indexed_) {
      ids.clear();
      if (prefixes_.PatternsAt(text, pos, ids)) {
        for (int id : ids) {
          const Alternative& alternative = alternatives_[static_cast<std::size_t>(id)];
          out.push_back(RuleCandidate{alternative.pattern, pos, alternative.index});
        }
      } else if (!AddHits(*indexed_, indexed_patterns_, text, pos, out)) {
        return AllPatterns(out);  // the automaton ran out of memory
      }
    }
    if (unindexed_ && !AddHits(*unindexed_, unindexed_patterns_, text, pos, out)) {
      return AllPatterns(out);
    }
  }
  const auto order = [](const RuleCandidate& a, const RuleCandidate& b) {
    if (a.pattern != b.pattern) return a.pattern < b.pattern;
    return a.begin != b.begin ? a.begin < b.begin : a.alternative < b.alternative;
  };
  std::sort(out.begin(), out.end(), order);
  const auto same = [](const RuleCandidate& a, const RuleCandidate& b) {
    return SameBegin(a, b) && a.alternative == b.alternative;
  };
  out.erase(std::unique(out.begin(), out.end(), same), out.end());
}

bool RulePrefilter::MatchAt(std::string_view text, const Bigrams* bigrams,
                            const RuleCandidate* first, const RuleCandidate* last,
                            re2::StringPiece& found) const {
  const re2::StringPiece piece(text.data(), text.size());
  const std::size_t begin = first->begin;
  const auto& whole = patterns_[static_cast<std::size_t>(first->pattern)];
  if (first->alternative == RuleCandidate::kWhole) {  // sorted first: the Set said so
    return whole->Match(piece, begin, text.size(), RE2::ANCHOR_START, &found, 1);
  }
  // Only the listed alternatives can match here; if one may, the pattern's match here is the
  // answer (RE2 prefers the first alternative that matches at a place).
  const auto base =
      static_cast<std::size_t>(first_alternative_[static_cast<std::size_t>(first->pattern)]);
  const bool may = std::any_of(first, last, [&](const RuleCandidate& c) {
    const Alternative& alternative = alternatives_[base + static_cast<std::size_t>(c.alternative)];
    return MayStartWith(text, begin, alternative.literal) &&
           (bigrams == nullptr ||
            ContainsRequired(text.substr(begin), *bigrams, alternative.required));
  });
  return may && whole->Match(piece, begin, text.size(), RE2::ANCHOR_START, &found, 1);
}

std::vector<RuleSpan> RulePrefilter::Spans(std::string_view text) const {
  std::vector<RuleSpan> spans;
  std::vector<RuleCandidate> candidates;
  Candidates(text, candidates);
  const re2::StringPiece piece(text.data(), text.size());
  Bigrams bigrams;
  const bool plain = IsPlainLowerAscii(text);
  for (std::size_t i = 0; plain && i + 1 < text.size(); ++i)
    bigrams.set(PairSlot(text[i], text[i + 1]));
  for (std::size_t k = 0; k < candidates.size();) {
    const auto r = static_cast<std::size_t>(candidates[k].pattern);
    std::size_t pos = 0;  // each search resumes where the previous match ended
    re2::StringPiece found;
    auto add = [&] {
      const auto begin = static_cast<std::size_t>(found.data() - piece.data());
      const std::size_t end = begin + found.size();
      pos = end > begin ? end : begin + 1;
      spans.push_back(RuleSpan{r, begin, end});
    };
    if (candidates[k].begin == RuleCandidate::kAnywhere) {
      while (pos <= text.size() &&
             patterns_[r]->Match(piece, pos, text.size(), RE2::UNANCHORED, &found, 1)) {
        add();
      }
      ++k;
      continue;
    }
    // The leftmost match at or after `pos` begins at the first listed word start where an
    // anchored match succeeds (every match begins at a listed one), and is the same match:
    // RE2 prefers among matches that begin at one place alike in both modes.
    for (; k < candidates.size() && candidates[k].pattern == static_cast<int>(r);) {
      std::size_t last = k + 1;
      while (last < candidates.size() && SameBegin(candidates[last], candidates[k])) ++last;
      if (candidates[k].begin >= pos && MatchAt(text, plain ? &bigrams : nullptr, &candidates[k],
                                                candidates.data() + last, found)) {
        add();
      }
      k = last;
    }
  }
  return spans;
}

}  // namespace haven::safety
