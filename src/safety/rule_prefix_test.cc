#include "safety/rule_prefix.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <algorithm>
#include <string>
#include <vector>

namespace haven::safety {
namespace {

using Strings = std::vector<std::string>;

TEST(MatchPrefixes, KeepsTheFirstBytesOfEveryAlternative) {
  EXPECT_EQ(MatchPrefixes(R"(\bsuicidal\b)"), (Strings{"suicid"}));
  EXPECT_EQ(MatchPrefixes(R"(\b(?:want|wish) to die\b|\bend it\b)"),
            (Strings{"end it", "want t", "wish t"}));
  EXPECT_EQ(MatchPrefixes(R"(\bod\b)"), (Strings{"od"}));  // a whole match, shorter
  EXPECT_EQ(MatchPrefixes(R"(\bi (?:am|was)\b)"), (Strings{"i am", "i was"}));
  EXPECT_EQ(MatchPrefixes(R"(\bSuiCide)"), (Strings{"suicid"}));  // case-insensitive
  EXPECT_EQ(MatchPrefixes(R"(\bx[a-b]y)"), (Strings{"xay", "xby"}));
  EXPECT_EQ(MatchPrefixes(R"(\bx[A-B]y)"), (Strings{"xay", "xby"}));
  EXPECT_EQ(MatchPrefixes(R"(\b(?:a|b)?c)"), (Strings{"ac", "bc", "c"}));
  EXPECT_EQ(MatchPrefixes(R"(\bha(?:ha)*\b)"), (Strings{"ha", "haha", "hahaha"}));
  EXPECT_EQ(MatchPrefixes(R"(\bgo{2,}d)"), (Strings{"good", "goood", "gooood", "gooooo"}));
  EXPECT_EQ(MatchPrefixes(R"(^me pega\b)"), (Strings{"me peg"}));
  EXPECT_EQ(MatchPrefixes(R"(\blife(?:\x27s| is))"), (Strings{"life i", "life's"}));
  EXPECT_EQ(MatchPrefixes(R"(\bi\x27m)"), (Strings{"i'm"}));
  EXPECT_EQ(MatchPrefixes(R"(\ba{0}b)"), (Strings{"b"}));
  // Non-ASCII characters: what comes before them is kept, what may follow is anything.
  EXPECT_EQ(MatchPrefixes("\\bmenos da\xc3\xb1o"), (Strings{"menos "}));
  EXPECT_EQ(MatchPrefixes("\\bmi [\xc3\xb1n]o"), (Strings{"mi "}));
  EXPECT_EQ(MatchPrefixes("\\b\xc3\xb1o"), (Strings{""}));
  // Too many strings: fewer bytes where they would pile up, more elsewhere.
  EXPECT_EQ(MatchPrefixes(R"(\bmy \w+)")->size(), 37U + 37U * 37U);  // words of 1 or 2 bytes
  EXPECT_EQ(MatchPrefixes(R"(\bmy .+)")->size(), 101U);    // "my " and any ASCII byte but \n
  EXPECT_EQ(MatchPrefixes(R"(\b.{0,20}x)")->front(), "");  // may begin with anything
  const auto mixed = MatchPrefixes(R"(\b(?:\d{2,}|lots of) pills)");
  ASSERT_TRUE(mixed.has_value());
  EXPECT_TRUE(std::ranges::binary_search(*mixed, "lots o"));
  EXPECT_TRUE(std::ranges::binary_search(*mixed, "12"));  // digits pile up: cut there
}

TEST(MatchPrefixes, GivesUpOnSyntaxItDoesNotModel) {
  EXPECT_FALSE(MatchPrefixes(R"(\b(?i)die)"));
  EXPECT_FALSE(MatchPrefixes(R"(\bx\pL)"));
  EXPECT_FALSE(MatchPrefixes(R"([[:alpha:]]x)"));
  EXPECT_FALSE(MatchPrefixes(R"(\b(unbalanced)"));
  EXPECT_FALSE(MatchPrefixes(R"(\bx\1)"));
}

TEST(ReadAlternatives, SplitsAtTopLevelBarsAndKeepsWhatEveryMatchHolds) {
  const auto read =
      ReadAlternatives(R"(\bwish i could (?:just )?die\b|^(?:hi|hello) [|] (?:kill|die)s?|x)");
  ASSERT_TRUE(read.has_value());
  ASSERT_EQ(read->size(), 3U);
  EXPECT_EQ((*read)[0].source, R"(\bwish i could (?:just )?die\b)");
  EXPECT_EQ((*read)[0].literal, "wish i could ");
  EXPECT_FALSE((*read)[0].at_text_start);
  // Runs of parts that match a few fixed strings give whole strings the match holds.
  EXPECT_EQ((*read)[0].required,
            (std::vector<std::vector<std::string>>{{"wish i could die", "wish i could just die"}}));
  EXPECT_EQ((*read)[1].source, R"(^(?:hi|hello) [|] (?:kill|die)s?)");
  EXPECT_EQ((*read)[1].literal, "");
  EXPECT_TRUE((*read)[1].at_text_start);
  EXPECT_EQ((*read)[1].required,
            (std::vector<std::vector<std::string>>{{"hello | die", "hello | dies", "hello | kill",
                                                    "hello | kills", "hi | die", "hi | dies",
                                                    "hi | kill", "hi | kills"}}));
  // A run that would give too many strings starts again; the strongest clauses come first.
  const auto long_run = ReadAlternatives(R"(\b(?:a|b|c|d|e)(?:f|g|h|i) (?:kill|die)\w* now)");
  ASSERT_TRUE(long_run.has_value());
  EXPECT_EQ(
      (*long_run)[0].required,
      (std::vector<std::vector<std::string>>{
          {"f die", "f kill", "g die", "g kill", "h die", "h kill", "i die", "i kill"}, {" now"}}));
  EXPECT_EQ((*read)[2].source, "x");
  EXPECT_TRUE((*read)[2].required.empty());  // one byte: not worth looking for
}

TEST(PrefixIndex, SaysWhereAMatchMayBegin) {
  PrefixIndex index;
  EXPECT_TRUE(index.empty());
  EXPECT_FALSE(index.MayBeginAt("want to die", 0));
  ASSERT_TRUE(index.Add(R"(\b(?:want|wish) to die\b)", 0));
  ASSERT_TRUE(index.Add(R"(\bod\b)", 1));
  EXPECT_FALSE(index.empty());
  EXPECT_TRUE(index.MayBeginAt("i want to die", 2));
  EXPECT_TRUE(index.MayBeginAt("I WANT to die", 2));  // the text is lower-cased first
  EXPECT_FALSE(index.MayBeginAt("i want to die", 0));
  EXPECT_FALSE(index.MayBeginAt("i wan", 2));  // "wan" begins neither
  EXPECT_TRUE(index.MayBeginAt("od", 0));
  EXPECT_TRUE(index.MayBeginAt("i od tonight", 2));
  EXPECT_TRUE(index.MayBeginAt("w\xc3\xa1nt", 0));  // non-ASCII: always maybe
  EXPECT_FALSE(index.MayBeginAt("abc", 3));
  std::vector<int> ids;
  EXPECT_TRUE(index.PatternsAt("wish to die or od", 0, ids));
  EXPECT_EQ(ids, (std::vector<int>{0}));
  ids.clear();
  EXPECT_TRUE(index.PatternsAt("wish to die or od", 15, ids));
  EXPECT_EQ(ids, (std::vector<int>{1}));
  EXPECT_FALSE(index.PatternsAt("w\xc3\xa1nt", 0, ids));  // cannot tell
  EXPECT_EQ(ids, (std::vector<int>{1}));
  EXPECT_FALSE(index.Add(R"(\b(?i)x)", 2));
}

// A pattern whose alternatives all begin with ^ is only looked up at the start of the text, so
// its weak one-byte prefixes (any non-word byte, then a letter) do not fire everywhere.
TEST(PrefixIndex, LooksUpTextStartPatternsAtTheStartOnly) {
  PrefixIndex index;
  ASSERT_TRUE(index.Add(R"(^\W*(?:bye|goodbye),?\s*world\b)", 0));
  EXPECT_TRUE(index.MayBeginAt("bye world", 0));
  EXPECT_TRUE(index.MayBeginAt("... bye world", 0));
  EXPECT_FALSE(index.MayBeginAt("say bye world", 4));
  EXPECT_FALSE(index.MayBeginAt("say goodbye", 4));
  // The same for one alternative of a pattern: the others keep their own prefixes.
  PrefixIndex mixed;
  ASSERT_TRUE(mixed.Add(R"(\bpublique mi\b|^\W*(?:chau|bye) a todos)", 0));
  EXPECT_TRUE(mixed.MayBeginAt("ya publique mi despedida", 3));
  EXPECT_TRUE(mixed.MayBeginAt("bye a todos", 0));
  EXPECT_FALSE(mixed.MayBeginAt("ya bye a todos", 3));
  EXPECT_FALSE(mixed.MayBeginAt("ya chau", 3));
}

// Every string of up to `length` bytes over `alphabet`.
Strings AllStrings(std::string_view alphabet, std::size_t length) {
  Strings out{""};
  for (std::size_t n = 0, begin = 0; n < length; ++n) {
    const std::size_t end = out.size();
    for (std::size_t i = begin; i < end; ++i) {
      for (char c : alphabet) out.push_back(out[i] + c);
    }
    begin = end;
  }
  return out;
}

// The index is a superset: wherever RE2 finds a match beginning, MayBeginAt says maybe.
TEST(PrefixIndex, NeverMissesAMatchOnAllShortStrings) {
  const Strings patterns = {
      R"(\bab\b)",     R"(\b(?:a|ba)+b)",     R"(\ba\s*(?:$|[.!]))", R"(\b[^a ]b)",
      R"(\ba.b)",      R"(\b(?:ab|b){2,3}a)", R"(\bA[B-C]{1,2})",    R"(^b a)",
      R"(\ba?b?c?\.)", R"(\b(?:a|)b)",        R"(\ba{2}b*?)",        R"(\b(?P<x>ba)\b)",
      R"(\ba[-.]b)",   R"(\b\w\W)",           R"(\b\d?a)",           R"(\ba\x20b)",
  };
  const Strings texts = AllStrings("abcAB .!-1", 5);
  RE2::Options options;
  options.set_case_sensitive(false);
  for (const std::string& pattern : patterns) {
    PrefixIndex index;
    ASSERT_TRUE(index.Add(pattern, 0)) << pattern;
    const RE2 re(pattern, options);
    ASSERT_TRUE(re.ok()) << pattern;
    for (const std::string& text : texts) {
      const re2::StringPiece piece(text);
      for (std::size_t pos = 0; pos <= text.size(); ++pos) {
        if (!re.Match(piece, pos, text.size(), RE2::ANCHOR_START, nullptr, 0)) continue;
        EXPECT_TRUE(index.MayBeginAt(text, pos))
            << pattern << " at " << pos << " of '" << text << "'";
      }
    }
  }
}

}  // namespace
}  // namespace haven::safety
