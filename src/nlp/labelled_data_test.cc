#include "nlp/labelled_data.h"

#include <gtest/gtest.h>

namespace haven::nlp {
namespace {

TEST(LabelledData, ParsesMultiLabelCellsAndReportsMalformedLines) {
  const auto data = ParseLabelled(
      "text\tlabel\n"
      "I am happy\tjoy\n"
      "mixed day\tjoy, sadness,joy\n"
      "no tab here\n"
      "\tjoy\n"
      "too\tmany\ttabs\n"
      "empty label\t  \n"
      "\n"
      "last one\tanger\r\n",
      "tiny.tsv");
  ASSERT_TRUE(data.has_value());
  ASSERT_EQ(data->examples.size(), 3u);
  EXPECT_EQ(data->examples[1].labels, (std::vector<std::string>{"joy", "sadness"}));
  EXPECT_EQ(data->examples[2].labels, (std::vector<std::string>{"anger"}));
  EXPECT_EQ(data->examples[2].line, 9u);
  ASSERT_EQ(data->malformed.size(), 4u);
  EXPECT_EQ(data->malformed[0].line, 4u);
  EXPECT_EQ(data->malformed[1].line, 5u);
  EXPECT_EQ(data->malformed[2].line, 6u);
  EXPECT_EQ(data->malformed[3].line, 7u);
}

TEST(LabelledData, RejectsMissingHeaderNamingTheFile) {
  const auto data = ParseLabelled("hello\tjoy\n", "bad.tsv");
  ASSERT_FALSE(data.has_value());
  EXPECT_NE(data.error().message.find("bad.tsv:1"), std::string::npos);
  EXPECT_FALSE(ParseLabelled("", "empty.tsv").has_value());
}

TEST(LabelledData, InvalidUtf8IsSkippedNotFatal) {
  const auto data = ParseLabelled("text\tlabel\nbad \xFF byte\tnone\nok\tnone\n", "x.tsv");
  ASSERT_TRUE(data.has_value());
  EXPECT_EQ(data->examples.size(), 1u);
  ASSERT_EQ(data->malformed.size(), 1u);
  EXPECT_EQ(data->malformed[0].line, 2u);
}

TEST(LabelledData, MissingFileIsNotFound) {
  const auto data = ReadLabelledFile("no/such/file.tsv");
  ASSERT_FALSE(data.has_value());
  EXPECT_EQ(data.error().code, core::ErrorCode::kNotFound);
  EXPECT_NE(data.error().message.find("no/such/file.tsv"), std::string::npos);
}

}  // namespace
}  // namespace haven::nlp
