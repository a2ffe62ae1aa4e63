#include "kernel/printable_name.h"

#include <string>

#include "gtest/gtest.h"

namespace tock {
namespace {

std::string Escape(std::string_view name, size_t room) {
  std::string out(room, '#');
  out.resize(EscapeName(name, std::span<char>(out.data(), out.size())));
  return out;
}

TEST(PrintableNameTest, PrintableAsciiIsUnchanged) {
  EXPECT_EQ(Escape("hello_world-2 ~", 64), "hello_world-2 ~");
  EXPECT_EQ(EscapedNameLength("hello"), 5u);
}

TEST(PrintableNameTest, ControlBytesBackslashAndHighBytesAreEscaped) {
  EXPECT_EQ(Escape(std::string_view("a\nb\rc\0d", 7), 64), "a\\x0ab\\x0dc\\x00d");
  EXPECT_EQ(Escape("back\\slash", 64), "back\\\\slash");
  EXPECT_EQ(Escape("\x7f\x80\xff", 64), "\\x7f\\x80\\xff");
  EXPECT_EQ(Escape("\x1b[31mred", 64), "\\x1b[31mred");
  // Even valid UTF-8 is shown byte by byte: the output is plain ASCII.
  EXPECT_EQ(Escape("\xc3\xa9", 64), "\\xc3\\xa9");
  EXPECT_EQ(EscapedNameLength("a\n\\"), 1u + 4u + 2u);
}

TEST(PrintableNameTest, TruncationNeverSplitsAnEscapeAndIsMarked) {
  EXPECT_EQ(Escape("abcdefgh", 8), "abcdefgh");  // exactly fits
  EXPECT_EQ(Escape("abcdefghi", 8), "abcde...");
  EXPECT_EQ(Escape("ab\ncdefgh", 8), "ab...");  // \x0a would not fit before the dots
  EXPECT_EQ(Escape("abcdef", 2), "..");
  EXPECT_EQ(Escape("", 0), "");
}

TEST(PrintableNameTest, FixedSizeForm) {
  EXPECT_EQ(PrintableName("x\ny", 3).view(), "x\\x0ay");
  EXPECT_EQ(PrintableName(nullptr, 0).view(), "");
  const std::string long_name(100, '\n');
  const std::string_view v = PrintableName(long_name.data(), long_name.size()).view();
  EXPECT_LE(v.size(), PrintableName::kCapacity);
  EXPECT_EQ(v.substr(v.size() - 3), "...");
  EXPECT_EQ(v.find('\n'), std::string_view::npos);
}

static_assert(EscapedNameLength("a\\") == 3);

}  // namespace
}  // namespace tock
