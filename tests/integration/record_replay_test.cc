// tockd --record / --replay end to end (issue 23): a run of the demo apps driven from outside
// (button presses, console typing, control commands, a stop signal) is recorded, replayed ten
// times with byte-identical traces; a replay with other flags or app images, or of a run it
// cannot follow, stops with one line.
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "tests/harness/tockd.h"

namespace tock::harness {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string TempCopy(const std::string& name, const std::string& bytes) {
  const char* dir = std::getenv("TEST_TMPDIR");
  std::string path = std::string(dir != nullptr ? dir : "/tmp") + "/" + name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

// The recorded run: buttons and blink in virtual time with the process console; a long
// timeslice, so that a loaded host cannot preempt an app (the one source of difference).
struct Recorded {
  std::string recording;  // a copy of the file that outlives the recording Tockd
  std::string text;       // its contents
  std::string trace;
};

Recorded RecordARun() {
  auto tockd = Tockd::Start(
      {.apps = {"//apps/examples/buttons:buttons.tbf", "//apps/examples/blink:blink.tbf"},
       .flags = {"--timeslice=1s"},
       .exit_when_done = false,
       .control = true,
       .time = TimeMode::kVirtual,
       .process_console = "active",
       .trace = true});
  EXPECT_TRUE(tockd.ok()) << tockd.status();
  if (!tockd.ok()) {
    return {};
  }
  Tockd& t = **tockd;
  EXPECT_TRUE(t.WaitForConsole("buttons: ready"));
  EXPECT_TRUE(t.PressButton(0));
  EXPECT_TRUE(t.WaitForEvent("button 0 pressed"));
  EXPECT_TRUE(t.TypeConsole("list\n"));
  EXPECT_TRUE(t.WaitForConsole("blink"));
  EXPECT_TRUE(t.ReleaseButton(0));
  EXPECT_TRUE(t.control().Request("stop blink").ok());
  EXPECT_TRUE(t.WaitForEvent("process blink stopped"));
  EXPECT_TRUE(t.control().Request("start blink").ok());
  EXPECT_EQ(t.Stop(), ExitStatus::Exited(0));
  const std::string text = ReadFile(t.record_path());
  Recorded r{TempCopy("run.record", text), text, ReadFile(t.trace_path())};
  EXPECT_NE(text.find("control press\\x200"), std::string::npos) << text;
  EXPECT_NE(text.find("console list\\x0a"), std::string::npos) << text;
  EXPECT_NE(text.find("signal 15"), std::string::npos) << text;
  EXPECT_EQ(r.trace.find("preempted"), std::string::npos) << "the recorded run was preempted";
  return r;
}

TEST(RecordReplayTest, TenReplaysGiveTheRecordedTraceByteForByte) {
  const Recorded r = RecordARun();
  ASSERT_FALSE(r.trace.empty());
  // The harness's own control lines (help, leds) are inputs too.
  const std::vector<std::string> parts = absl::StrSplit(r.text, "\ninput ");
  const int inputs = static_cast<int>(parts.size()) - 1;
  EXPECT_GE(inputs, 6);
  for (int i = 0; i < 10; ++i) {
    auto replay = Tockd::Start({.trace = true, .record = false, .replay = r.recording});
    ASSERT_TRUE(replay.ok()) << replay.status();
    ASSERT_EQ((*replay)->WaitForExit(), ExitStatus::Exited(0)) << (*replay)->Log();
    EXPECT_TRUE(
        (*replay)->WaitForLog(absl::StrCat("replayed ", inputs, " of ", inputs, " input(s)")));
    ASSERT_EQ(ReadFile((*replay)->trace_path()), r.trace)
        << r.text.substr(r.text.find("\ninput")) << "replay " << i << ": " << (*replay)->Log();
  }
}

TEST(RecordReplayTest, OtherFlagsOrAppsStopTheReplayInOneLine) {
  const Recorded r = RecordARun();
  ASSERT_FALSE(r.recording.empty());
  auto seed = Tockd::Start({.flags = {"--seed=5"}, .record = false, .replay = r.recording});
  ASSERT_TRUE(seed.ok()) << seed.status();
  EXPECT_EQ((*seed)->WaitForExit(), ExitStatus::Exited(2));
  EXPECT_TRUE((*seed)->WaitForLog("recorded with --seed=0, this run has --seed=5"));

  auto apps =
      Tockd::Start({.apps = {"//apps/examples/hello:hello.tbf", "//apps/examples/blink:blink.tbf"},
                    .record = false,
                    .replay = r.recording});
  ASSERT_TRUE(apps.ok()) << apps.status();
  EXPECT_EQ((*apps)->WaitForExit(), ExitStatus::Exited(2));
  EXPECT_TRUE((*apps)->WaitForLog("is not the recorded image"));

  auto garbage = Tockd::Start(
      {.record = false, .replay = TempCopy("garbage.record", "tockd-record 1\nflash x\n")});
  ASSERT_TRUE(garbage.ok()) << garbage.status();
  EXPECT_EQ((*garbage)->WaitForExit(), ExitStatus::Exited(1));
  EXPECT_TRUE((*garbage)->WaitForLog("line 2: 'flash' takes a page size"));
}

TEST(RecordReplayTest, ARunThatCannotFollowTheRecordingSaysWhereItDiverged) {
  const Recorded r = RecordARun();
  ASSERT_FALSE(r.recording.empty());
  // Move the first input to a position before the run's first syscall: the replay is past it
  // at once.
  std::string edited = r.text;
  const size_t input = edited.find("\ninput ");
  ASSERT_NE(input, std::string::npos);
  const size_t fields = edited.find(' ', input + 7);  // after the time
  const size_t count_end = edited.find(' ', fields + 1);
  edited.replace(fields + 1, count_end - fields - 1, "0");
  auto replay = Tockd::Start({.record = false, .replay = TempCopy("diverging.record", edited)});
  ASSERT_TRUE(replay.ok()) << replay.status();
  EXPECT_EQ((*replay)->WaitForExit(), ExitStatus::Exited(1));
  EXPECT_TRUE((*replay)->WaitForLog("replay diverged"));
  EXPECT_TRUE((*replay)->WaitForLog("the run diverged from the recording"));
}

}  // namespace
}  // namespace tock::harness
