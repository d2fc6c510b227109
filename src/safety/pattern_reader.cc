#include "safety/pattern_reader.h"

#include <string>
#include <utility>

namespace haven::safety {
namespace {

using Node = RegexNode;

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Both cases of every letter, as a case-insensitive pattern matches them.
ByteSet CaseClosed(ByteSet set) {
  for (char c = 'a'; c <= 'z'; ++c) {
    const auto lower = static_cast<std::size_t>(c);
    const auto upper = static_cast<std::size_t>(c - 'a' + 'A');
    if (set[lower] || set[upper]) set.set(lower).set(upper);
  }
  return set;
}

ByteSet Range(char from, char to) {
  ByteSet set;
  for (int c = from; c <= to; ++c) set.set(static_cast<std::size_t>(c));
  return set;
}

ByteSet WordBytes() {
  return Range('0', '9') | Range('a', 'z') | Range('A', 'Z') | Range('_', '_');
}

ByteSet SpaceBytes() {
  ByteSet set;
  for (char c : {'\t', '\n', '\f', '\r', ' '}) set.set(static_cast<std::size_t>(c));
  return set;
}

// Reads the RE2 syntax the crisis rules use; any other construct fails the whole pattern.
class Reader {
 public:
  explicit Reader(std::string_view pattern) : s_(pattern) {}

  std::optional<Node> ReadAll() {
    auto node = ReadAlternation();
    if (!node || pos_ != s_.size()) return std::nullopt;
    return node;
  }

 private:
  bool AtEnd() const { return pos_ >= s_.size(); }
  char Peek() const { return s_[pos_]; }

  std::optional<Node> ReadAlternation() {
    Node alternation{Node::Kind::kAlternation, {}, {}, 0, 0};
    while (true) {
      auto branch = ReadConcat();
      if (!branch) return std::nullopt;
      alternation.children.push_back(std::move(*branch));
      if (AtEnd() || Peek() != '|') break;
      ++pos_;
    }
    return alternation;
  }

  std::optional<Node> ReadConcat() {
    Node concat{Node::Kind::kConcat, {}, {}, 0, 0};
    concat.begin = pos_;
    while (!AtEnd() && Peek() != '|' && Peek() != ')') {
      auto atom = ReadAtom();
      if (!atom) return std::nullopt;
      auto repeated = ReadQuantifier(std::move(*atom));
      if (!repeated) return std::nullopt;
      concat.children.push_back(std::move(*repeated));
    }
    concat.end = pos_;
    return concat;
  }

  // {n}, {n,} or {n,m} at pos_: true and the bounds, pos_ past it; false leaves pos_ alone
  // (RE2 then reads '{' as a literal).
  bool ReadBraces(std::size_t& min, std::size_t& max) {
    std::size_t i = pos_ + 1;
    auto number = [&](std::size_t& out) {
      const std::size_t begin = i;
      out = 0;
      while (i < s_.size() && s_[i] >= '0' && s_[i] <= '9' && i - begin < 5) {
        out = out * 10 + static_cast<std::size_t>(s_[i++] - '0');
      }
      return i > begin;
    };
    if (!number(min)) return false;
    max = min;
    if (i < s_.size() && s_[i] == ',') {
      ++i;
      max = kMaxRepeat + 1;  // unbounded
      if (i < s_.size() && s_[i] != '}' && !number(max)) return false;
    }
    if (i >= s_.size() || s_[i] != '}') return false;
    pos_ = i + 1;
    return true;
  }

  std::optional<Node> ReadQuantifier(Node atom) {
    if (AtEnd()) return atom;
    std::size_t min = 0;
    std::size_t max = 0;
    const char c = Peek();
    if (c == '*' || c == '+' || c == '?') {
      ++pos_;
      min = c == '+' ? 1 : 0;
      max = c == '?' ? 1 : kMaxRepeat + 1;
    } else if (c != '{' || !ReadBraces(min, max)) {
      return atom;
    }
    if (!AtEnd() && Peek() == '?') ++pos_;  // lazy: the same strings
    if (!AtEnd() && (Peek() == '*' || Peek() == '+' || Peek() == '?')) return std::nullopt;
    Node repeat{Node::Kind::kRepeat, {}, {}, min, max};
    repeat.children.push_back(std::move(atom));
    return repeat;
  }

  std::optional<Node> ReadGroup() {
    ++pos_;  // '('
    if (s_.substr(pos_).starts_with("?:")) {
      pos_ += 2;
    } else if (s_.substr(pos_).starts_with("?P<") || s_.substr(pos_).starts_with("?<")) {
      const std::size_t close = s_.find('>', pos_);
      if (close == std::string_view::npos) return std::nullopt;
      pos_ = close + 1;
    } else if (!AtEnd() && Peek() == '?') {
      return std::nullopt;  // flags change case or '.' semantics: not modelled
    }
    auto inner = ReadAlternation();
    if (!inner || AtEnd() || Peek() != ')') return std::nullopt;
    ++pos_;
    return inner;
  }

  std::optional<Node> Bytes(ByteSet set) { return Node{Node::Kind::kBytes, set, {}, 0, 0}; }

  // An escape at pos_ (the backslash) as a byte class, or kEmpty for \b \B \A \z.
  std::optional<Node> ReadEscape(bool in_class) {
    if (pos_ + 1 >= s_.size()) return std::nullopt;
    const char c = s_[pos_ + 1];
    pos_ += 2;
    if (!in_class && c == 'A') return Node{Node::Kind::kTextStart, {}, {}, 0, 0};
    if (!in_class && (c == 'b' || c == 'B' || c == 'z')) return Node{};
    switch (c) {
      case 'd':
        return Bytes(Range('0', '9'));
      case 'D':
        return Bytes(~Range('0', '9'));
      case 'w':
        return Bytes(WordBytes());
      case 'W':
        return Bytes(~WordBytes());
      case 's':
        return Bytes(SpaceBytes());
      case 'S':
        return Bytes(~SpaceBytes());
      case 'n':
        return Bytes(ByteSet().set('\n'));
      case 't':
        return Bytes(ByteSet().set('\t'));
      case 'r':
        return Bytes(ByteSet().set('\r'));
      case 'f':
        return Bytes(ByteSet().set('\f'));
      case 'v':
        return Bytes(ByteSet().set('\v'));
      case 'x':
        return ReadHexEscape();
      default:
        break;
    }
    // Escaped punctuation stands for itself; escaped letters and digits mean other things.
    if (IsAsciiLetter(c) || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80) {
      return std::nullopt;
    }
    return Bytes(ByteSet().set(static_cast<std::size_t>(c)));
  }

  // \xHH (pos_ just past the x); \x{...} and non-ASCII values are not modelled.
  std::optional<Node> ReadHexEscape() {
    if (pos_ + 2 > s_.size()) return std::nullopt;
    int value = 0;
    for (int k = 0; k < 2; ++k) {
      const char h = s_[pos_++];
      const int digit = h >= '0' && h <= '9'   ? h - '0'
                        : h >= 'a' && h <= 'f' ? h - 'a' + 10
                        : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                               : -1;
      if (digit < 0) return std::nullopt;
      value = value * 16 + digit;
    }
    if (value >= 0x80) return std::nullopt;
    return Bytes(ByteSet().set(static_cast<std::size_t>(value)));
  }

  // One member of a class at pos_: a byte, an escape or a range; false on unknown syntax.
  // A non-ASCII byte sets `other` (the class is then kUnknown) and counts as no byte.
  bool ReadClassMember(ByteSet& set, bool& other) {
    auto single = [&]() -> std::optional<ByteSet> {
      if (Peek() == '\\') {
        auto escape = ReadEscape(/*in_class=*/true);
        if (!escape || escape->kind != Node::Kind::kBytes) return std::nullopt;
        return escape->bytes;
      }
      if (Peek() == '[') return std::nullopt;
      if (static_cast<unsigned char>(Peek()) >= 0x80) {
        other = true;
        ++pos_;
        return ByteSet();
      }
      return ByteSet().set(static_cast<std::size_t>(s_[pos_++]));
    };
    const auto first = single();
    if (!first) return false;
    if (pos_ + 1 < s_.size() && Peek() == '-' && s_[pos_ + 1] != ']') {
      ++pos_;
      const auto last = single();
      if (!last) return false;
      if (other) return true;
      if (first->count() != 1 || last->count() != 1) return false;
      std::size_t from = 0;
      std::size_t to = 0;
      while (!(*first)[from]) ++from;
      while (!(*last)[to]) ++to;
      if (from > to) return false;
      for (std::size_t c = from; c <= to; ++c) set.set(c);
      return true;
    }
    set |= *first;
    return true;
  }

  std::optional<Node> ReadClass() {
    ++pos_;  // '['
    const bool negated = !AtEnd() && Peek() == '^';
    if (negated) ++pos_;
    ByteSet set;
    bool first = true;
    bool other = false;
    while (!AtEnd() && (Peek() != ']' || first)) {
      if (!ReadClassMember(set, other)) return std::nullopt;
      first = false;
    }
    if (AtEnd()) return std::nullopt;
    ++pos_;  // ']'
    if (other) return Node{Node::Kind::kUnknown, {}, {}, 0, 0};
    set = CaseClosed(set);
    return Bytes(negated ? ~set : set);
  }

  std::optional<Node> ReadAtom() {
    const char c = Peek();
    if (static_cast<unsigned char>(c) >= 0x80) {
      ++pos_;  // one byte of a character: what follows it is read as usual
      return Node{Node::Kind::kUnknown, {}, {}, 0, 0};
    }
    switch (c) {
      case '(':
        return ReadGroup();
      case '[':
        return ReadClass();
      case '\\':
        return ReadEscape(/*in_class=*/false);
      case '.':
        ++pos_;
        return Bytes(~ByteSet().set('\n'));
      case '^':
        ++pos_;
        return Node{Node::Kind::kTextStart, {}, {}, 0, 0};
      case '$':
        ++pos_;
        return Node{};
      case '*':
      case '+':
      case '?':
        return std::nullopt;
      default:
        break;
    }
    ++pos_;
    return Bytes(CaseClosed(ByteSet().set(static_cast<std::size_t>(c))));
  }

  std::string_view s_;
  std::size_t pos_ = 0;
};

}  // namespace

std::optional<RegexNode> ReadRegex(std::string_view pattern) { return Reader(pattern).ReadAll(); }

}  // namespace haven::safety
