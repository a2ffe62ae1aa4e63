// --flash-file: the apps' nonvolatile storage (driver 0x50001) is backed by a file with a
// tockpp header and survives a restart of tockd; without the flag it lives in memory and starts
// erased. A file in use by another tockd, or one that is not a tockpp flash file, is refused
// with one line and exit 1 before any app starts; --flash-file-reset starts it fresh.
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>

#include "gtest/gtest.h"
#include "tests/harness/tockd.h"

namespace {

using tock::harness::ExitStatus;
using tock::harness::Tockd;

constexpr const char* kNvCount = "//tests/integration/apps:nvcount.tbf";
// Header page + 80 pages of 4 KiB (HostBoard::kStorageBytes: nonvolatile storage, KV store,
// isolated nonvolatile storage).
constexpr size_t kFlashFileBytes = 4096 + 320 * 1024;

std::string TempFile(const std::string& tag) {
  const std::string dir =
      std::getenv("TEST_TMPDIR") != nullptr ? std::getenv("TEST_TMPDIR") : "/tmp";
  return dir + "/" + tag + "_" + std::to_string(getpid()) + ".bin";
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Boots nvcount once against `flags` and returns the boot count it printed (or -1).
int BootCount(const std::vector<std::string>& flags) {
  auto tockd = Tockd::Start({.apps = {kNvCount}, .flags = flags});
  if (!tockd.ok() || !(*tockd)->WaitForConsole("nvcount: saved\n") ||
      (*tockd)->WaitForExit() != ExitStatus::Exited(0)) {
    return -1;
  }
  for (int n = 0; n < 8; ++n) {
    if ((*tockd)->Console().find("nvcount: boot " + std::to_string(n) + "\n") !=
        std::string::npos) {
      return n;
    }
  }
  return -1;
}

TEST(FlashTest, NonvolatileStoragePersistsAcrossTockdRuns) {
  const std::string file = TempFile("flash_test");
  unlink(file.c_str());
  const std::vector<std::string> flags = {"--flash-file=" + file};
  EXPECT_EQ(BootCount(flags), 0);
  const std::string image = ReadFile(file);
  ASSERT_EQ(image.size(), kFlashFileBytes);
  EXPECT_EQ(image.substr(0, 8), "TOCKPPFL");
  // The app's counter (1, little-endian) is the first word after the header page.
  EXPECT_EQ(image.substr(4096, 4), std::string("\x01\0\0\0", 4));
  EXPECT_EQ(BootCount(flags), 1);
  EXPECT_EQ(BootCount(flags), 2);
  unlink(file.c_str());
}

TEST(FlashTest, ASecondTockdOnTheSameFileIsRefusedAndTheFirstKeepsRunning) {
  const std::string file = TempFile("flash_lock");
  unlink(file.c_str());
  auto first = Tockd::Start({.apps = {kNvCount},
                             .flags = {"--flash-file=" + file},
                             .exit_when_done = false,
                             .control = true});
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_TRUE((*first)->WaitForConsole("nvcount: saved\n"));

  auto second = Tockd::Start({.apps = {kNvCount}, .flags = {"--flash-file=" + file}});
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ((*second)->WaitForExit(), ExitStatus::Exited(1));
  EXPECT_EQ((*second)->Log(),
            "tockd: --flash-file " + file + ": is in use by another tockd (locked)\n");
  EXPECT_EQ((*second)->Console(), "");  // no app started

  // The first still serves requests, and its data is intact after it stops.
  EXPECT_TRUE((*first)->control().Request("ps").ok());
  EXPECT_EQ((*first)->Stop(), ExitStatus::Exited(0));
  first->reset();
  EXPECT_EQ(BootCount({"--flash-file=" + file}), 1);
  unlink(file.c_str());
}

TEST(FlashTest, AGarbageFileIsRefusedUntouchedAndResetStartsItFresh) {
  const std::string file = TempFile("flash_garbage");
  const std::string garbage(kFlashFileBytes, 'g');
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << garbage;
  }
  auto refused = Tockd::Start({.apps = {kNvCount}, .flags = {"--flash-file=" + file}});
  ASSERT_TRUE(refused.ok()) << refused.status();
  EXPECT_EQ((*refused)->WaitForExit(), ExitStatus::Exited(1));
  EXPECT_EQ((*refused)->Log(), "tockd: --flash-file " + file +
                                   ": no tockpp flash header (garbage, or written by something "
                                   "else); start fresh with --flash-file-reset\n");
  EXPECT_EQ((*refused)->Console(), "");
  EXPECT_EQ(ReadFile(file), garbage);

  EXPECT_EQ(BootCount({"--flash-file=" + file, "--flash-file-reset"}), 0);
  EXPECT_EQ(BootCount({"--flash-file=" + file}), 1);
  unlink(file.c_str());
}

TEST(FlashTest, ATruncatedFileIsRefused) {
  const std::string file = TempFile("flash_short");
  unlink(file.c_str());
  ASSERT_EQ(BootCount({"--flash-file=" + file}), 0);
  ASSERT_EQ(truncate(file.c_str(), 4096 + 8192), 0);
  auto refused = Tockd::Start({.apps = {kNvCount}, .flags = {"--flash-file=" + file}});
  ASSERT_TRUE(refused.ok()) << refused.status();
  EXPECT_EQ((*refused)->WaitForExit(), ExitStatus::Exited(1));
  EXPECT_EQ((*refused)->Log(), "tockd: --flash-file " + file +
                                   ": is truncated: 12288 bytes, its header describes 331776; "
                                   "start fresh with --flash-file-reset\n");
  unlink(file.c_str());
}

TEST(FlashTest, WithoutAFlashFileStorageStartsErasedEveryRun) {
  EXPECT_EQ(BootCount({}), 0);
  EXPECT_EQ(BootCount({}), 0);
}

}  // namespace
