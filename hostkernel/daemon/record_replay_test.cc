// tockd's --record header and --replay preparation: recorded flags fill in the defaults, a flag
// given another value or an app that is not the recorded image stops the replay.
#include "hostkernel/daemon/record_replay.h"

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/reflection.h"
#include "gtest/gtest.h"
#include "hostkernel/daemon/command_line.h"
#include "hostkernel/daemon/config.h"
#include "hostkernel/replay/recording.h"

namespace tock::hostkernel {
namespace {

std::string TempFile(const std::string& name, const std::string& bytes) {
  const char* dir = std::getenv("TEST_TMPDIR");
  std::string path = std::string(dir != nullptr ? dir : "/tmp") + "/" + name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

// Parses `args` as tockd's command line (flags set); returns the positional arguments.
std::vector<std::string> CommandLineOf(const std::vector<std::string>& args) {
  auto parsed = ParseCommandLine(args);
  EXPECT_TRUE(parsed.ok()) << parsed.status();
  return parsed.ok() ? parsed->positional : std::vector<std::string>{};
}

std::string Flag(const char* name) { return absl::FindCommandLineFlag(name)->CurrentValue(); }

TEST(RecordReplayTest, FileSha256IsTheStandardDigest) {
  const std::string path = TempFile("abc.bin", "abc");
  auto digest = FileSha256(path);
  ASSERT_TRUE(digest.ok()) << digest.status();
  EXPECT_EQ(*digest, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_FALSE(FileSha256(path + ".missing").ok());
  const char* dir = std::getenv("TEST_TMPDIR");
  EXPECT_FALSE(FileSha256(dir != nullptr ? dir : "/tmp").ok());  // a directory: an error
}

class PrepareReplayTest : public ::testing::Test {
 protected:
  // A recording made with --seed=7 --time=virtual of two apps.
  void SetUp() override {
    app1_ = TempFile("one.tbf", "first app");
    app2_ = TempFile("two.tbf", "second app");
    CommandLineOf({"--seed=7", "--time=virtual", app1_, app2_});
    auto header = RecordingHeaderForRun({app1_, app2_});
    ASSERT_TRUE(header.ok()) << header.status();
    SetFlashImage(*header, 16, 1, std::string(16, '\xff'));
    recording_ = TempFile("run.record", FormatHeader(*header));
    CommandLineOf({"--seed=0", "--time=real"});  // back to the defaults
  }

  absl::FlagSaver saver_;
  std::string app1_, app2_, recording_;
};

TEST_F(PrepareReplayTest, TheHeaderKeepsEveryRecordedFlagAndEachAppsDigest) {
  auto parsed = ParseRecording([&] {
    std::ifstream in(recording_);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }());
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  ASSERT_EQ(parsed->header.flags.size(), std::size(kRecordedFlags));
  EXPECT_EQ(parsed->header.flags[0], (std::pair<std::string, std::string>{"time", "virtual"}));
  EXPECT_EQ(parsed->header.flags[1], (std::pair<std::string, std::string>{"seed", "7"}));
  ASSERT_EQ(parsed->header.apps.size(), 2u);
  EXPECT_EQ(parsed->header.apps[1].path, app2_);
  EXPECT_EQ(parsed->header.apps[1].sha256, *FileSha256(app2_));
}

TEST_F(PrepareReplayTest, FlagsLeftAtTheirDefaultsAndAppsLeftOutComeFromTheRecording) {
  std::vector<std::string> apps = CommandLineOf({"--replay=" + recording_});
  auto recording = PrepareReplay(recording_, apps);
  ASSERT_TRUE(recording.ok()) << recording.status();
  EXPECT_EQ(Flag("seed"), "7");
  EXPECT_EQ(Flag("time"), "virtual");
  EXPECT_EQ(apps, (std::vector<std::string>{app1_, app2_}));
}

TEST_F(PrepareReplayTest, TheSameValueGivenAgainIsFine) {
  std::vector<std::string> apps = CommandLineOf({"--seed=7", app1_, app2_});
  EXPECT_TRUE(PrepareReplay(recording_, apps).ok());
}

TEST_F(PrepareReplayTest, AnotherFlagValueIsRefusedInOneLine) {
  std::vector<std::string> apps = CommandLineOf({"--seed=3"});
  auto recording = PrepareReplay(recording_, apps);
  ASSERT_FALSE(recording.ok());
  EXPECT_TRUE(absl::IsFailedPrecondition(recording.status()));
  EXPECT_EQ(recording.status().message(),
            "recorded with --seed=7, this run has --seed=3 (leave the flag out to use the "
            "recorded value)");
}

TEST_F(PrepareReplayTest, AnotherAppImageOrCountIsRefused) {
  const std::string other = TempFile("other.tbf", "not the first app");
  std::vector<std::string> apps = {other, app2_};
  auto recording = PrepareReplay(recording_, apps);
  ASSERT_FALSE(recording.ok());
  EXPECT_NE(recording.status().message().find("app 1 (" + other + ") is not the recorded image"),
            std::string::npos)
      << recording.status();
  std::vector<std::string> one = {app1_};
  auto counted = PrepareReplay(recording_, one);
  ASSERT_FALSE(counted.ok());
  EXPECT_EQ(counted.status().message(), "recorded with 2 app(s), this run gives 1");
}

TEST_F(PrepareReplayTest, AFileThatIsNotARecordingIsDataLoss) {
  std::vector<std::string> apps;
  auto garbage = PrepareReplay(TempFile("garbage", "hello\n"), apps);
  ASSERT_FALSE(garbage.ok());
  EXPECT_TRUE(absl::IsDataLoss(garbage.status()));
  EXPECT_TRUE(absl::IsDataLoss(PrepareReplay(recording_ + ".missing", apps).status()));
}

}  // namespace
}  // namespace tock::hostkernel
