#include "privacy/password.h"

#include <gtest/gtest.h>

#include <set>

#include "core/bytes.h"

namespace haven::privacy {
namespace {

TEST(Password, HashVerifiesTheSamePasswordOnly) {
  auto hash = HashPassword("correct horse battery", MinimumPasswordCost());
  ASSERT_TRUE(hash.has_value()) << hash.error().message;
  EXPECT_TRUE(hash->starts_with("$argon2id$"));
  EXPECT_TRUE(VerifyPassword(*hash, "correct horse battery"));
  EXPECT_FALSE(VerifyPassword(*hash, "correct horse batterY"));
  EXPECT_FALSE(VerifyPassword(*hash, ""));
}

TEST(Password, SaltMakesEachHashDifferent) {
  auto first = HashPassword("same password", MinimumPasswordCost());
  auto second = HashPassword("same password", MinimumPasswordCost());
  ASSERT_TRUE(first.has_value() && second.has_value());
  EXPECT_NE(*first, *second);
}

TEST(Password, MalformedHashNeverVerifies) {
  EXPECT_FALSE(VerifyPassword("", "anything"));
  EXPECT_FALSE(VerifyPassword("$argon2id$garbage", "anything"));
  EXPECT_FALSE(VerifyPassword(std::string(500, 'x'), "anything"));
}

TEST(Password, InteractiveCostIsAboveMinimum) {
  EXPECT_GT(InteractivePasswordCost().memory_bytes, MinimumPasswordCost().memory_bytes);
  EXPECT_GE(InteractivePasswordCost().operations, MinimumPasswordCost().operations);
}

TEST(SessionToken, IsFortyThreeUrlSafeCharactersAndUnique) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const std::string token = NewSessionToken();
    ASSERT_EQ(token.size(), 43u);
    for (char c : token) {
      EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') << token;
    }
    seen.insert(token);
  }
  EXPECT_EQ(seen.size(), 100u);
}

TEST(HashToken, IsStableSixtyFourLowercaseHex) {
  const std::string token = NewSessionToken();
  const std::string hash = HashToken(token);
  EXPECT_EQ(hash, HashToken(token));
  ASSERT_EQ(hash.size(), 64u);
  EXPECT_EQ(hash.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(hash, HashToken(token + "x"));
  EXPECT_NE(hash, token);
}

}  // namespace
}  // namespace haven::privacy
