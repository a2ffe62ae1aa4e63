// --flash-file: the apps' nonvolatile storage (driver 0x50001) is backed by a file and survives
// a restart of tockd; without the flag it lives in memory and starts erased.
#include <unistd.h>

#include <cstdlib>
#include <string>

#include "gtest/gtest.h"
#include "tests/harness/tockd.h"

namespace {

using tockpp::harness::ExitStatus;
using tockpp::harness::Tockd;

constexpr const char* kNvCount = "//tests/integration/apps:nvcount.tbf";

// Boots nvcount once against `flags` and returns the boot count it printed (or -1).
int BootCount(const std::vector<std::string>& flags) {
  auto tockd = Tockd::Start({.apps = {kNvCount}, .flags = flags});
  if (!tockd.ok()) return -1;
  if (!(*tockd)->WaitForConsole("nvcount: saved\n")) return -1;
  if ((*tockd)->WaitForExit() != ExitStatus::Exited(0)) return -1;
  for (int n = 0; n < 8; ++n) {
    if ((*tockd)->Console().find("nvcount: boot " + std::to_string(n) + "\n") != std::string::npos)
      return n;
  }
  return -1;
}

TEST(FlashTest, NonvolatileStoragePersistsAcrossTockdRuns) {
  const std::string dir =
      std::getenv("TEST_TMPDIR") != nullptr ? std::getenv("TEST_TMPDIR") : "/tmp";
  const std::string file = dir + "/flash_test_" + std::to_string(getpid()) + ".bin";
  unlink(file.c_str());
  const std::vector<std::string> flags = {"--flash-file=" + file};
  EXPECT_EQ(BootCount(flags), 0);
  EXPECT_EQ(BootCount(flags), 1);
  EXPECT_EQ(BootCount(flags), 2);
  unlink(file.c_str());
}

TEST(FlashTest, WithoutAFlashFileStorageStartsErasedEveryRun) {
  EXPECT_EQ(BootCount({}), 0);
  EXPECT_EQ(BootCount({}), 0);
}

}  // namespace
