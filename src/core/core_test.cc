#include <gtest/gtest.h>

#include "core/bytes.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/paths.h"
#include "core/result.h"

namespace haven::core {
namespace {

TEST(Bytes, HexRoundTrips) {
  Bytes data = {0x00, 0x7f, 0xff, 0x10};
  EXPECT_EQ(ToHex(data), "007fff10");
  EXPECT_EQ(FromHex("007FFF10"), data);
  EXPECT_FALSE(FromHex("abc").has_value());
  EXPECT_FALSE(FromHex("zz").has_value());
}

TEST(Utf8, AcceptsWellFormedText) {
  EXPECT_TRUE(IsValidUtf8("hola, ¿qué tal? 😀"));
  EXPECT_EQ(CountCodePoints("qué😀"), 4u);
}

TEST(Utf8, RejectsMalformedSequences) {
  EXPECT_FALSE(IsValidUtf8("\xC3"));              // truncated
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // UTF-16 surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xFF"));
}

TEST(Ids, AreWellFormedAndDistinct) {
  std::string a = NewId();
  std::string b = NewId();
  EXPECT_TRUE(IsWellFormedId(a));
  EXPECT_NE(a, b);
  EXPECT_FALSE(IsWellFormedId("not-an-id"));
}

TEST(Clock, FakeClockAdvancesOnlyWhenTold) {
  FakeClock clock(FromUnixMillis(0));
  EXPECT_EQ(ToUnixMillis(clock.Now()), 0);
  clock.Advance(std::chrono::seconds(2));
  EXPECT_EQ(ToUnixMillis(clock.Now()), 2000);
  EXPECT_EQ(FormatIso8601(clock.Now()), "1970-01-01T00:00:02.000Z");
}

TEST(Result, ErrorCodeNamesAreSnakeCase) {
  EXPECT_EQ(ErrorCodeName(ErrorCode::kInvalidArgument), "invalid_argument");
  Result<int> r = Fail(ErrorCode::kNotFound, "missing", "id");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().field, "id");
}

TEST(Paths, FindsShippedDirectoriesAndLeavesUnknownOnesAsGiven) {
  // Tests run from the source tree, where content/ and content/safety/messages.toml exist.
  std::string content = FindShippedPath("content", "safety/messages.toml");
  EXPECT_TRUE(content.starts_with("/")) << content;
  EXPECT_TRUE(content.ends_with("/content")) << content;
  EXPECT_EQ(FindShippedPath("no-such-dir-here"), "no-such-dir-here");
  EXPECT_EQ(FindShippedPath("content", "no-such-marker"), "content");
}

}  // namespace
}  // namespace haven::core
