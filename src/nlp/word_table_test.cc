#include "nlp/word_table.h"

#include <gtest/gtest.h>

#include <string>

namespace haven::nlp {
namespace {

TEST(WordMap, FindsWhatWasPutFirstValueWinsUnlessAssigned) {
  WordMap<int> map = {{"dont", 1}, {"im", 2}, {"dont", 3}};  // as unordered_map: first wins
  EXPECT_EQ(map.size(), 2U);
  ASSERT_NE(map.Find("dont"), nullptr);
  EXPECT_EQ(*map.Find("dont"), 1);
  EXPECT_EQ(map.Find("don"), nullptr);
  EXPECT_EQ(map.Find("dontt"), nullptr);
  EXPECT_EQ(map.Find(""), nullptr);
  map.Assign("dont", 4);
  EXPECT_EQ(*map.Find("dont"), 4);
  EXPECT_FALSE(map.Insert("im", 5));
  EXPECT_EQ(*map.Find("im"), 2);
}

TEST(WordMap, GrowsAndKeepsEveryKey) {
  WordMap<std::string> map;
  for (int i = 0; i < 5000; ++i) map.Insert("w" + std::to_string(i), std::to_string(i));
  for (int i = 0; i < 5000; ++i) {
    const std::string* found = map.Find("w" + std::to_string(i));
    ASSERT_NE(found, nullptr) << i;
    EXPECT_EQ(*found, std::to_string(i));
  }
  EXPECT_EQ(map.Find("w5000"), nullptr);
  map.Insert("", "empty");  // the empty string is a key like any other
  EXPECT_EQ(*map.Find(""), "empty");
}

TEST(WordSet, Contains) {
  const WordSet set = {"not", "never", "nunca"};
  EXPECT_TRUE(set.contains("never"));
  EXPECT_FALSE(set.contains("neve"));
  EXPECT_FALSE(set.contains("Never"));
}

}  // namespace
}  // namespace haven::nlp
