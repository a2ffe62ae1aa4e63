#include "hostkernel/replay/recorder.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "gtest/gtest.h"
#include "hostkernel/replay/recording.h"

namespace tock::hostkernel {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string TempPath(const char* name) {
  const char* dir = std::getenv("TEST_TMPDIR");
  return std::string(dir != nullptr ? dir : "/tmp") + "/" + name;
}

TEST(RecorderTest, EveryLineIsOnDiskAsSoonAsItIsRecorded) {
  InputPosition now{5, 1, 1, false};
  RecordingHeader header;
  header.flags = {{"seed", "7"}};
  SetFlashImage(header, 8, 2, std::string(16, '\xff'));
  const std::string path = TempPath("rec.txt");
  auto recorder = Recorder::Create(path, header, [&now] { return now; });
  ASSERT_TRUE(recorder.ok()) << recorder.status();
  (*recorder)->Record(InputKind::kConsole, "hi\n");
  now = {9, 4, 2, true};
  (*recorder)->Record(InputKind::kControl, "button 1 press");
  // Read back before End and before the recorder goes: nothing is buffered in the process.
  auto partial = ParseRecording(ReadFile(path));
  ASSERT_TRUE(partial.ok()) << partial.status();
  ASSERT_EQ(partial->inputs.size(), 2u);
  EXPECT_EQ(partial->inputs[1].at, (InputPosition{9, 4, 2, true}));
  EXPECT_FALSE(partial->end.has_value());
  (*recorder)->End("signal");
  auto whole = ParseRecording(ReadFile(path));
  ASSERT_TRUE(whole.ok()) << whole.status();
  ASSERT_TRUE(whole->end.has_value());
  EXPECT_EQ(whole->end->at, now);
  EXPECT_EQ((*recorder)->inputs(), 2u);
}

TEST(RecorderTest, AFileThatCannotBeCreatedIsAnError) {
  RecordingHeader header;
  auto recorder =
      Recorder::Create(TempPath("no/such/dir/rec.txt"), header, [] { return InputPosition{}; });
  ASSERT_FALSE(recorder.ok());
  EXPECT_NE(recorder.status().message().find("cannot create"), std::string::npos);
}

}  // namespace
}  // namespace tock::hostkernel
