#include "safety/rule_prefix.h"

#include <algorithm>
#include <bit>
#include <limits>
#include <map>
#include <set>
#include <utility>

#include "safety/pattern_reader.h"

namespace haven::safety {
namespace {

using Node = RegexNode;

constexpr std::size_t kMaxPrefixes = 4096;  // per part of a pattern

// Bytes a match can begin with, each marked open when the match may go on after them (they
// were cut short), else the match is exactly those bytes.
using Prefixes = std::map<std::string, bool>;

void Insert(Prefixes& prefixes, std::string bytes, bool open) {
  auto [it, inserted] = prefixes.emplace(std::move(bytes), open);
  if (!inserted) it->second = it->second || open;  // an open prefix covers the whole match
}

// Keeps `prefixes` at most kMaxPrefixes strong by cutting all of them to fewer bytes (a cut
// prefix is open). At most 129 strings of up to one byte exist, so this always succeeds.
void Limit(Prefixes& prefixes) {
  for (std::size_t bytes = kPrefixBytes - 1; prefixes.size() > kMaxPrefixes && bytes > 0; --bytes) {
    Prefixes cut;
    for (const auto& [p, open] : prefixes) {
      if (p.size() > bytes) {
        Insert(cut, p.substr(0, bytes), true);
      } else {
        Insert(cut, p, open);
      }
    }
    prefixes.swap(cut);
  }
}

// Every a + b, cut to `bytes` (open prefixes of `a` are kept as they are). When that would
// give too many, the whole prefixes of `a` become open instead (they begin every a + b).
Prefixes Concat(const Prefixes& a, const Prefixes& b, std::size_t bytes) {
  std::size_t whole = 0;
  for (const auto& [x, x_open] : a) whole += x_open ? 0 : 1;
  Prefixes out;
  if (whole * b.size() > kMaxPrefixes) {
    for (const auto& [x, x_open] : a) Insert(out, x, true);
    return out;
  }
  for (const auto& [x, x_open] : a) {
    if (x_open) {
      Insert(out, x, true);
      continue;
    }
    for (const auto& [y, y_open] : b) {
      std::string joined = x + y;
      if (joined.size() >= bytes) {
        joined.resize(bytes);
        Insert(out, std::move(joined), true);
      } else {
        Insert(out, std::move(joined), y_open);
      }
    }
  }
  Limit(out);
  return out;
}

// The fewest bytes a whole (not open) prefix has; `bytes` when all are open.
std::size_t ShortestWhole(const Prefixes& prefixes, std::size_t bytes) {
  std::size_t shortest = bytes;
  for (const auto& [p, open] : prefixes) {
    if (!open) shortest = std::min(shortest, p.size());
  }
  return shortest;
}

std::optional<Prefixes> Evaluate(const Node& node, std::size_t bytes);

std::optional<Prefixes> EvaluateRepeat(const Node& node, std::size_t bytes) {
  const auto once = Evaluate(node.children.front(), bytes);
  if (!once) return std::nullopt;
  Prefixes result{{"", false}};
  for (std::size_t i = 0; i < node.min && ShortestWhole(result, bytes) < bytes; ++i) {
    result = Concat(result, *once, bytes);
  }
  // Each further repetition either adds a byte or nothing, so `bytes` more suffice.
  const std::size_t optional = std::min(node.max - std::min(node.max, node.min), bytes);
  for (std::size_t i = 0; i < optional && ShortestWhole(result, bytes) < bytes; ++i) {
    Prefixes grown = result;
    for (auto& [p, open] : Concat(result, *once, bytes)) Insert(grown, p, open);
    Limit(grown);
    if (grown == result) break;  // nothing new: a fixed point
    result.swap(grown);
  }
  return result;
}

// Prefixes of `node` cut to `bytes` bytes, or fewer where there would be too many.
std::optional<Prefixes> Evaluate(const Node& node, std::size_t bytes) {
  switch (node.kind) {
    case Node::Kind::kEmpty:
    case Node::Kind::kTextStart:
      return Prefixes{{"", false}};
    case Node::Kind::kBytes: {
      Prefixes out;
      for (std::size_t c = 0; c < 128; ++c) {
        if (!node.bytes[c]) continue;
        const char byte = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        Insert(out, std::string(1, byte), false);
      }
      return out;
    }
    case Node::Kind::kConcat: {
      Prefixes result{{"", false}};
      for (const Node& child : node.children) {
        // Only the bytes the shortest whole prefix still lacks matter from here on.
        const std::size_t shortest = ShortestWhole(result, bytes);
        if (shortest == bytes) break;  // later parts cannot change the first bytes
        const auto part = Evaluate(child, bytes - shortest);
        if (!part) return std::nullopt;
        result = Concat(result, *part, bytes);
      }
      return result;
    }
    case Node::Kind::kAlternation: {
      Prefixes result;
      for (const Node& child : node.children) {
        const auto part = Evaluate(child, bytes);
        if (!part) return std::nullopt;
        for (const auto& [p, open] : *part) Insert(result, p, open);
      }
      Limit(result);
      return result;
    }
    case Node::Kind::kRepeat:
      return EvaluateRepeat(node, bytes);
    case Node::Kind::kUnknown:
      return Prefixes{{"", true}};  // anything may follow
  }
  return std::nullopt;
}

// Up to kPrefixBytes bytes and their count in one word; 0 only for the empty string.
std::uint64_t Key(std::string_view bytes) {
  std::uint64_t key = static_cast<std::uint64_t>(bytes.size()) << 56;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    key |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes[i])) << (8 * i);
  }
  return key;
}

// Set on the keys of prefixes that only count at the start of the text.
constexpr std::uint64_t kAtStart = 1ULL << 63;

std::size_t SlotOf(std::uint64_t key, std::size_t mask) {
  return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> 40) & mask;
}

// Prefixes of a read pattern (or one alternative of it) at up to kPrefixBytes bytes, fewer
// where that would give thousands of strings ("is" then any two bytes).
std::optional<Prefixes> PrefixesOf(const Node& pattern) { return Evaluate(pattern, kPrefixBytes); }

// The bytes every match of a top-level alternative begins with, lower-cased: its leading
// one-byte classes (a letter in either case counts as one byte), past anchors and boundaries.
std::string LiteralStart(const Node& alternative) {
  std::string literal;
  for (const Node& part : alternative.children) {
    if (part.kind == Node::Kind::kEmpty || part.kind == Node::Kind::kTextStart) continue;
    if (part.kind != Node::Kind::kBytes) break;
    const auto bytes = Evaluate(part, 1);
    if (!bytes || bytes->size() != 1) break;
    literal += bytes->begin()->first;
  }
  return literal;
}

// A clause of a match's requirements: the match contains at least one of these strings.
using Clause = std::set<std::string>;

constexpr std::size_t kMaxClauseAtoms = 64;

// How much a clause narrows down texts: its shortest string (longer strings occur in fewer
// texts), then fewer strings.
std::pair<std::size_t, std::size_t> Strength(const Clause& clause) {
  std::size_t shortest = std::numeric_limits<std::size_t>::max();
  for (const std::string& atom : clause) shortest = std::min(shortest, atom.size());
  return {shortest, kMaxClauseAtoms - std::min(kMaxClauseAtoms, clause.size())};
}

// Clauses every match of `node` satisfies (none known: empty). Runs of one-byte classes are
// strings the match contains; an alternation requires one of its branches' strongest clauses.
constexpr std::size_t kMaxLiterals = 16;

// Every string `node` can match, lower-cased, when it only ever matches a few fixed strings
// ("do not (?:look|come looking)"), else nullopt.
std::optional<Clause> Literals(const Node& node) {
  switch (node.kind) {
    case Node::Kind::kEmpty:
    case Node::Kind::kTextStart:
      return Clause{""};
    case Node::Kind::kBytes: {
      const auto bytes = Evaluate(node, 1);
      if (!bytes || bytes->size() > 4) return std::nullopt;
      Clause out;
      for (const auto& [byte, open] : *bytes) out.insert(byte);
      return out;
    }
    case Node::Kind::kConcat: {
      Clause out{""};
      for (const Node& part : node.children) {
        const auto strings = Literals(part);
        if (!strings || out.size() * strings->size() > kMaxLiterals) return std::nullopt;
        Clause joined;
        for (const std::string& a : out) {
          for (const std::string& b : *strings) joined.insert(a + b);
        }
        out.swap(joined);
      }
      return out;
    }
    case Node::Kind::kAlternation: {
      Clause out;
      for (const Node& branch : node.children) {
        const auto strings = Literals(branch);
        if (!strings) return std::nullopt;
        out.insert(strings->begin(), strings->end());
        if (out.size() > kMaxLiterals) return std::nullopt;
      }
      return out;
    }
    case Node::Kind::kRepeat: {
      if (node.max > 1) return std::nullopt;
      auto strings = Literals(node.children.front());
      if (strings && node.min == 0) strings->insert("");
      return strings;
    }
    case Node::Kind::kUnknown:
      return std::nullopt;
  }
  return std::nullopt;
}

// Clauses every match of `node` satisfies (none known: empty). Runs of parts that match a few
// fixed strings give the strings the match contains there; an alternation requires one of its
// branches' strongest clauses.
std::vector<Clause> Requirements(const Node& node) {
  switch (node.kind) {
    case Node::Kind::kConcat: {
      std::vector<Clause> clauses;
      Clause run{""};  // the strings the match holds from the run's start to here
      const auto flush = [&] {
        if (!run.contains("")) clauses.push_back(run);
        run = Clause{""};
      };
      for (const Node& part : node.children) {
        const auto strings = Literals(part);
        if (strings && run.size() * strings->size() > kMaxLiterals) flush();
        if (strings && run.size() * strings->size() <= kMaxLiterals) {
          Clause joined;
          for (const std::string& a : run) {
            for (const std::string& b : *strings) joined.insert(a + b);
          }
          run.swap(joined);
          continue;
        }
        flush();
        for (Clause& clause : Requirements(part)) clauses.push_back(std::move(clause));
      }
      flush();
      return clauses;
    }
    case Node::Kind::kAlternation: {
      Clause any;
      for (const Node& branch : node.children) {
        const std::vector<Clause> clauses = Requirements(branch);
        if (clauses.empty()) return {};
        const auto strongest = std::max_element(
            clauses.begin(), clauses.end(),
            [](const Clause& a, const Clause& b) { return Strength(a) < Strength(b); });
        any.insert(strongest->begin(), strongest->end());
        if (any.size() > kMaxClauseAtoms) return {};
      }
      return {any};
    }
    case Node::Kind::kRepeat:
      return node.min >= 1 ? Requirements(node.children.front()) : std::vector<Clause>{};
    default:
      return {};
  }
}

// The strongest few clauses of an alternative that are worth checking: strings of three bytes
// or more, few enough to look for cheaply.
std::vector<std::vector<std::string>> StrongRequirements(const Node& alternative) {
  constexpr std::size_t kMaxClauses = 4;
  constexpr std::size_t kMinAtom = 3;
  constexpr std::size_t kMaxAtoms = 48;
  std::vector<Clause> clauses = Requirements(alternative);
  std::stable_sort(clauses.begin(), clauses.end(),
                   [](const Clause& a, const Clause& b) { return Strength(a) > Strength(b); });
  std::vector<std::vector<std::string>> strong;
  for (const Clause& clause : clauses) {
    if (strong.size() == kMaxClauses) break;
    if (Strength(clause).first < kMinAtom || clause.size() > kMaxAtoms) continue;
    strong.emplace_back(clause.begin(), clause.end());
  }
  return strong;
}

// True when a top-level alternative of a read pattern begins with ^ or \A: its matches begin
// at the start of the text only (RE2's ^ is not multi-line without the m flag, which the reader
// does not accept).
bool BeginsAtTextStartOnly(const Node& alternative) {
  return !alternative.children.empty() &&
         alternative.children.front().kind == Node::Kind::kTextStart;
}

}  // namespace

std::optional<std::vector<PatternAlternative>> ReadAlternatives(std::string_view pattern) {
  const auto node = ReadRegex(pattern);
  if (!node) return std::nullopt;
  std::vector<PatternAlternative> alternatives;
  for (const Node& branch : node->children) {
    auto prefixes = PrefixesOf(branch);
    if (!prefixes) return std::nullopt;
    PatternAlternative alternative;
    alternative.source = pattern.substr(branch.begin, branch.end - branch.begin);
    for (const auto& [prefix, open] : *prefixes) alternative.prefixes.push_back(prefix);
    alternative.at_text_start = BeginsAtTextStartOnly(branch);
    alternative.literal = LiteralStart(branch);
    alternative.required = StrongRequirements(branch);
    alternatives.push_back(std::move(alternative));
  }
  return alternatives;
}

std::optional<std::vector<std::string>> MatchPrefixes(std::string_view pattern) {
  const auto alternatives = ReadAlternatives(pattern);
  if (!alternatives) return std::nullopt;
  std::set<std::string> all;
  for (const PatternAlternative& alternative : *alternatives) {
    all.insert(alternative.prefixes.begin(), alternative.prefixes.end());
  }
  return std::vector<std::string>(all.begin(), all.end());
}

void PrefixIndex::Add(const PatternAlternative& alternative, int id) {
  const std::uint64_t flag = alternative.at_text_start ? kAtStart : 0;
  for (const std::string& prefix : alternative.prefixes) {
    if (prefix.empty()) {  // Key("") is the empty-slot marker
      (alternative.at_text_start ? at_start_ : anywhere_).push_back(id);
      continue;
    }
    // Its own bytes, shorter, lead to it: lookups walk on while the bytes so far lead somewhere.
    for (std::size_t length = 1; length < prefix.size(); ++length) {
      Find(Key(std::string_view(prefix).substr(0, length)) | flag, /*add=*/true)->leads_on = true;
    }
    Slot* slot = Find(Key(prefix) | flag, /*add=*/true);
    if (slot->ids.empty() || slot->ids.back() != id) slot->ids.push_back(id);
  }
  empty_ = false;
}

bool PrefixIndex::Add(std::string_view pattern, int id) {
  const auto alternatives = ReadAlternatives(pattern);
  if (!alternatives) return false;
  for (const PatternAlternative& alternative : *alternatives) Add(alternative, id);
  return true;
}

PrefixIndex::Slot* PrefixIndex::Find(std::uint64_t key, bool add) {
  if (add && 2 * (count_ + 1) > slots_.size()) {  // keep the table at most half full
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(std::max<std::size_t>(64, 2 * old.size()), Slot{});
    for (Slot& slot : old) {
      if (slot.key != 0) *Find(slot.key, false) = std::move(slot);
    }
  }
  const std::size_t mask = slots_.size() - 1;
  std::size_t slot = SlotOf(key, mask);
  while (slots_[slot].key != 0 && slots_[slot].key != key) slot = (slot + 1) & mask;
  if (add && slots_[slot].key == 0) {
    slots_[slot].key = key;
    ++count_;
  }
  return &slots_[slot];
}

void PrefixIndex::Walk(const char* window, std::size_t size, std::uint64_t flag,
                       std::vector<int>& ids) const {
  const std::size_t mask = slots_.size() - 1;
  std::uint64_t bytes = 0;
  for (std::size_t length = 1; length <= size; ++length) {
    bytes |= static_cast<std::uint64_t>(static_cast<unsigned char>(window[length - 1]))
             << (8 * (length - 1));
    const std::uint64_t key = (static_cast<std::uint64_t>(length) << 56) | bytes | flag;
    std::size_t slot = SlotOf(key, mask);
    while (slots_[slot].key != 0 && slots_[slot].key != key) slot = (slot + 1) & mask;
    if (slots_[slot].key == 0) return;  // no prefix begins with these bytes
    ids.insert(ids.end(), slots_[slot].ids.begin(), slots_[slot].ids.end());
    if (!slots_[slot].leads_on) return;
  }
}

bool PrefixIndex::PatternsAt(std::string_view text, std::size_t pos, std::vector<int>& ids) const {
  char window[kPrefixBytes];
  const std::size_t size = std::min(kPrefixBytes, text.size() - std::min(pos, text.size()));
  for (std::size_t i = 0; i < size; ++i) {
    const char c = text[pos + i];
    if (static_cast<unsigned char>(c) >= 0x80) return false;
    window[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  ids.insert(ids.end(), anywhere_.begin(), anywhere_.end());
  if (pos == 0) ids.insert(ids.end(), at_start_.begin(), at_start_.end());
  if (slots_.empty()) return true;
  Walk(window, size, 0, ids);
  if (pos == 0) Walk(window, size, kAtStart, ids);
  return true;
}

bool PrefixIndex::MayBeginAt(std::string_view text, std::size_t pos) const {
  std::vector<int> ids;
  return !PatternsAt(text, pos, ids) || !ids.empty();
}

}  // namespace haven::safety
