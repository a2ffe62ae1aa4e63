// Pattern: substring and regex matching, counting, descriptions.
#include "tests/harness/pattern.h"

#include "gtest/gtest.h"

namespace tock::harness {
namespace {

TEST(PatternTest, SubstringFindsFirstMatchFromOffset) {
  Pattern p("ab");
  auto first = p.Find("xxabyyab");
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->begin, 2u);
  auto second = p.Find("xxabyyab", 3);
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->begin, 6u);
  EXPECT_FALSE(p.Find("xxabyyab", 7).has_value());
}

TEST(PatternTest, SubstringCountsNonOverlappingMatches) {
  EXPECT_EQ(Pattern("aa").Count("aaaaa"), 2);
  EXPECT_EQ(Pattern("counter_a: ").Count("counter_a: 0\ncounter_b: 0\ncounter_a: 1\n"), 2);
  EXPECT_EQ(Pattern("zz").Count("abc"), 0);
}

TEST(PatternTest, RegexAnchorsAtLineBoundaries) {
  Pattern p = Regex("^counter_b: [0-9]+$");
  EXPECT_EQ(p.Count("counter_a: 0\ncounter_b: 0\nxcounter_b: 1\ncounter_b: 12\n"), 2);
}

TEST(PatternTest, RegexFromOffsetSeesPreviousLineEnd) {
  Pattern p = Regex("^b");
  std::string text = "a\nb";
  auto m = p.Find(text, 2);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->begin, 2u);
  EXPECT_FALSE(Regex("^b").Find("ab", 1).has_value());
}

TEST(PatternTest, EmptyRegexMatchesDoNotLoopForever) { EXPECT_EQ(Regex("x*").Count("ab"), 3); }

TEST(PatternTest, DescribeSaysWhichKind) {
  EXPECT_EQ(Pattern("hi").Describe(), "\"hi\"");
  EXPECT_EQ(Regex("h.").Describe(), "regex /h./");
}

}  // namespace
}  // namespace tock::harness
