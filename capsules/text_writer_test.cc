// TextWriter: number formats and truncation at capacity.
#include "capsules/text_writer.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace tock::capsules
