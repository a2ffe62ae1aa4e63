#include "hostkernel/replay/recording.h"

#include <string>

#include "gtest/gtest.h"

namespace tock::hostkernel {
namespace {

RecordingHeader SampleHeader() {
  RecordingHeader header;
  header.flags = {{"time", "virtual"}, {"fault_policy", "restart:2,blink=panic"}};
  header.apps = {{"apps/my app.tbf", std::string(64, 'a')}};
  std::string image(size_t{4} * 16, '\xff');
  image[16 + 3] = 0x42;
  SetFlashImage(header, 16, 4, image);
  return header;
}

TEST(RecordingTest, RoundTripsEveryLine) {
  const RecordingHeader header = SampleHeader();
  const RecordedInput console{
      {1000, 12, 3, false}, InputKind::kConsole, std::string("a b\n\\\x00", 6)};
  const RecordedInput control{{2000, 15, 4, true}, InputKind::kControl, "button 0 press"};
  const RecordedInput signal{{3000, 20, 5, false}, InputKind::kSignal, "15"};
  const std::string text = FormatHeader(header) + FormatInput(console) + FormatInput(control) +
                           FormatInput(signal) + FormatEnd({{3000, 20, 5, false}, "signal"});
  auto parsed = ParseRecording(text);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->header.flags, header.flags);
  EXPECT_EQ(parsed->header.apps, header.apps);
  EXPECT_EQ(FlashImage(parsed->header), FlashImage(header));
  ASSERT_EQ(parsed->header.flash_pages.size(), 1u);  // only the page that is not erased
  EXPECT_EQ(parsed->header.flash_pages[0].first, 1u);
  ASSERT_EQ(parsed->inputs.size(), 3u);
  EXPECT_EQ(parsed->inputs[0], console);
  EXPECT_EQ(parsed->inputs[1], control);
  EXPECT_EQ(parsed->inputs[2], signal);
  ASSERT_TRUE(parsed->end.has_value());
  EXPECT_EQ(parsed->end->reason, "signal");
}

TEST(RecordingTest, EscapesTokensWithoutBlanks) {
  EXPECT_EQ(EscapeToken("a b"), "a\\x20b");
  EXPECT_EQ(EscapeToken(""), "-");
  EXPECT_EQ(EscapeToken("-"), "\\x2d");
  for (const std::string& bytes : {std::string(), std::string("-"), std::string("\xff\\x", 3)}) {
    EXPECT_EQ(UnescapeToken(EscapeToken(bytes)), bytes);
  }
  EXPECT_FALSE(UnescapeToken("\\x4"));
  EXPECT_FALSE(UnescapeToken("\\y41"));
  EXPECT_FALSE(UnescapeToken("a\tb"));
}

TEST(RecordingTest, IgnoresATornLastLine) {
  const std::string text = FormatHeader(SampleHeader()) +
                           FormatInput({{1, 1, 1, false}, InputKind::kControl, "ps"}) + "input 5 6";
  auto parsed = ParseRecording(text);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->inputs.size(), 1u);
  EXPECT_FALSE(parsed->end.has_value());
}

TEST(RecordingTest, RefusesWhatIsNotARecording) {
  const std::string header = FormatHeader(SampleHeader());
  const struct {
    std::string text;
    std::string error;
  } kCases[] = {
      {"", "not a tockd recording (empty)"},
      {"hello\n", "not a tockd recording (no 'tockd-record' line)"},
      {"tockd-record 2\n", "recording version 2; this tockd reads version 1"},
      {"tockd-record 1\nflag a b\n", "no 'flash' line"},
      {header + "input 1 2 3 kernel beep x\n", "bad 'input' position, kind or data"},
      {header + "input 1 2 3 lunch console x\n", "bad 'input' position, kind or data"},
      {header + "input 1 2 3 kernel signal term\n", "signal input's data is its number"},
      {header + "input 1 9 3 kernel console a\ninput 1 2 3 kernel console a\n", "out of order"},
      {header + "input 1 2 3 kernel console a\npage 0 ff\n", "'page' outside the flash section"},
      {header + "page 0 ff\n", "not one page in hex"},
      {header + "end 1 2 3 kernel done\ninput 1 2 3 kernel console a\n", "nothing may follow"},
      {header + "frobnicate\n", "unknown line 'frobnicate'"},
      {"tockd-record 1\nflash 16 2\npage 2 00\n", "out of range"},
      {"tockd-record 1\napp x.tbf 12\n", "not 64 hex digits"},
  };
  for (const auto& c : kCases) {
    auto parsed = ParseRecording(c.text);
    ASSERT_FALSE(parsed.ok()) << c.text;
    EXPECT_NE(parsed.status().message().find(c.error), std::string::npos)
        << parsed.status() << " for " << c.text;
  }
}

}  // namespace
}  // namespace tock::hostkernel
