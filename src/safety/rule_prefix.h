// What a crisis rule's matches begin with and contain, read from the pattern itself (for each
// top-level alternative: the first few bytes of every match, a literal start, strings every
// match holds), and an index of the first bytes over many alternatives. The rule prefilter
// runs an alternative only at the word starts where its first bytes occur. Internal to safety.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace haven::safety {

// Most bytes of a match the prefixes keep.
inline constexpr std::size_t kPrefixBytes = 6;

// Prefixes of `pattern` (RE2 syntax, matched case-insensitively): strings of up to
// kPrefixBytes bytes such that every match begins with one of them (or is one of them);
// ASCII, lower-cased, sorted. Fewer bytes where more would give thousands of strings (after
// "my " and any word character, say), none after a non-ASCII character (case folding beyond
// ASCII is not modelled): "" means a match may begin with anything. A superset: anchors and
// word boundaries are read as matching anywhere. nullopt when the pattern uses syntax the
// reader does not know (pattern_reader.h).
[[nodiscard]] std::optional<std::vector<std::string>> MatchPrefixes(std::string_view pattern);

// One top-level alternative of a pattern, as read for the prefilter.
struct PatternAlternative {
  std::string_view source;            // its text within the pattern
  std::vector<std::string> prefixes;  // as MatchPrefixes gives them, for this alternative alone
  bool at_text_start = false;         // begins with ^ or \A: matches at the start of the text only
  std::string literal;                // bytes every match begins with, lower-cased (may be "")
  // Every match contains, for each clause, at least one of its strings (lower-cased ASCII).
  std::vector<std::vector<std::string>> required;
};

// The top-level alternatives of `pattern` (views into it), each with its prefixes; nullopt
// when MatchPrefixes would be. RE2 prefers the first alternative that matches at a place, so a
// pattern's match that begins at some place is that of the first alternative matching there.
[[nodiscard]] std::optional<std::vector<PatternAlternative>> ReadAlternatives(
    std::string_view pattern);

// Prefixes of many patterns (or alternatives), each under an id. Immutable after the Adds; lookups
// are const and thread-safe.
class PrefixIndex {
 public:
  // Indexes the prefixes of one alternative under `id`.
  void Add(const PatternAlternative& alternative, int id);
  // Indexes all of `pattern`'s alternatives under `id`; false (index unchanged) when
  // ReadAlternatives cannot read it.
  bool Add(std::string_view pattern, int id);

  // Appends to `ids` the id of everything added one of whose matches may begin at text[pos]: one
  // of its prefixes equals the bytes there (lower-cased) of its length. Ids may repeat. False,
  // appending nothing, when one of the kPrefixBytes bytes from `pos` is not ASCII: then any
  // pattern may (case folding of other characters is not modelled).
  bool PatternsAt(std::string_view text, std::size_t pos, std::vector<int>& ids) const;
  // Whether PatternsAt would say that some pattern may begin there (or could not tell).
  [[nodiscard]] bool MayBeginAt(std::string_view text, std::size_t pos) const;

  [[nodiscard]] bool empty() const { return empty_; }

 private:
  struct Slot {
    std::uint64_t key = 0;  // 0: empty
    std::vector<int> ids;   // of the alternatives with this prefix (none: only leads on)
    bool leads_on = false;  // some longer prefix begins with these bytes
  };
  // The slot of `key`; with `add`, made if missing (else an empty one says it is missing).
  Slot* Find(std::uint64_t key, bool add);
  // Appends the ids of the prefixes (keys flagged `flag`) that begin `window`, shortest first.
  void Walk(const char* window, std::size_t size, std::uint64_t flag, std::vector<int>& ids) const;

  // Keys pack a prefix's bytes and length; the key of an alternative that only matches at the
  // start of the text (^...) has a flag bit set.
  std::vector<Slot> slots_;  // open addressing, at most half full
  std::size_t count_ = 0;
  // Ids of alternatives that may begin with anything (an empty prefix), anywhere or at the
  // start of the text only.
  std::vector<int> anywhere_;
  std::vector<int> at_start_;
  bool empty_ = true;
};

}  // namespace haven::safety
