// TextWriter: number formats and truncation at capacity.
#include "capsules/text_writer.h"

#include <gtest/gtest.h>

#include <string>

namespace tock::capsules {
namespace {

TEST(TextWriterTest, FormatsHexDecAndFields) {
  uint8_t buf[64];
  TextWriter w(buf);
  w.Str("0x").Hex(0xab).Char(' ').Dec(0).Char(' ').HexUpper(0x1f, 8).Char('|').Field("ab", 4);
  w.Char('|').DecField(12, 4).Char('|');
  EXPECT_EQ(w.view(), "0xab 0 0000001F|ab  |12  |");
  EXPECT_FALSE(w.truncated());
}

TEST(TextWriterTest, TruncatesAtCapacity) {
  uint8_t buf[4];
  TextWriter w(buf);
  w.Str("hello");
  EXPECT_EQ(w.view(), "hell");
  EXPECT_TRUE(w.truncated());
}

TEST(TextWriterTest, RightAlignedDecimal) {
  uint8_t buf[16];
  TextWriter w(buf);
  w.Char('|').DecRight(42, 6).Char('|').DecRight(1234567, 3).Char('|');
  EXPECT_EQ(w.view(), "|    42|1234567|");
}

TEST(TextWriterTest, SkipEmitsALongTextInPieces) {
  const std::string_view text = "The quick brown fox";
  std::string out;
  size_t offset = 0;
  for (int rounds = 0; rounds < 10; ++rounds) {
    uint8_t buf[5];
    TextWriter w(buf, offset);
    w.Str(text);
    out.append(w.view());
    offset += w.size();
    if (!w.truncated()) {
      break;
    }
  }
  EXPECT_EQ(out, text);
}

}  // namespace
}  // namespace tock::capsules
