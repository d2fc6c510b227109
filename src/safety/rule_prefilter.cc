#include "safety/rule_prefilter.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <numeric>

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

// The first character any match of `alternative` consumes is a letter or digit. An optional
// first atom must begin with one, and so must what follows it.
bool BeginsWithAlnum(std::string_view alternative) {
  if (alternative.empty()) return false;
  std::size_t end = 0;
  if (IsAlnum(alternative[0])) {
    end = 1;
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

std::unique_ptr<RulePrefilter> RulePrefilter::Build(const std::vector<std::string>& patterns) {
  RE2::Options options;  // as the rules themselves are compiled
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  options.set_max_mem(64 << 20);
  std::unique_ptr<RulePrefilter> prefilter(new RulePrefilter());
  prefilter->pattern_count_ = patterns.size();
  auto set = std::make_unique<re2::RE2::Set>(options, RE2::ANCHOR_START);
  for (std::size_t i = 0; i < patterns.size(); ++i) {
    const int index = static_cast<int>(i);
    if (!MatchesBeginAtWordStart(patterns[i])) {
      prefilter->always_.push_back(index);
      continue;
    }
    if (set->Add(patterns[i], nullptr) < 0) return prefilter;  // no set: all always run
    prefilter->set_patterns_.push_back(index);
  }
  if (set->Compile()) prefilter->set_ = std::move(set);
  return prefilter;
}

std::vector<int> RulePrefilter::AllPatterns() const {
  std::vector<int> all(pattern_count_);
  std::iota(all.begin(), all.end(), 0);
  return all;
}

std::vector<int> RulePrefilter::Candidates(std::string_view text) const {
  if (!set_) return AllPatterns();
  std::vector<int> candidates = always_;
  std::vector<int> hits;
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    if (pos > 0 && (!IsWordByte(text[pos]) || IsWordByte(text[pos - 1]))) continue;
    hits.clear();
    RE2::Set::ErrorInfo error{};
    const re2::StringPiece rest(text.data() + pos, text.size() - pos);
    // Asking only whether anything matches skips RE2's per-call match-set allocation; most
    // word starts begin no pattern, and the few that do are asked again for which.
    if (!set_->Match(rest, nullptr, &error)) {
      if (error.kind != RE2::Set::kNoError) return AllPatterns();
      continue;
    }
    if (set_->Match(rest, &hits, &error)) {
      for (int hit : hits) candidates.push_back(set_patterns_[static_cast<std::size_t>(hit)]);
    } else if (error.kind != RE2::Set::kNoError) {
      return AllPatterns();
    }
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  return candidates;
}

}  // namespace haven::safety
