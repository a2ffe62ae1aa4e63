// Limits through the real tockd: 64 process slots, apps beyond the slots, and the fd budget
// against RLIMIT_NOFILE (raised when the hard limit allows, one line when it does not).
#include <sys/stat.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "gtest/gtest.h"
#include "tests/harness/data_path.h"
#include "tests/harness/tockd.h"

namespace tock::harness {
namespace {

uint32_t Le32(const std::string& b, size_t at) {
  return static_cast<uint32_t>(static_cast<uint8_t>(b[at])) |
         static_cast<uint32_t>(static_cast<uint8_t>(b[at + 1])) << 8 |
         static_cast<uint32_t>(static_cast<uint8_t>(b[at + 2])) << 16 |
         static_cast<uint32_t>(static_cast<uint8_t>(b[at + 3])) << 24;
}

// Writes `n` copies of hello.tbf named h0000, h0001, ... into the test's temp dir (package
// names must be unique) and returns their paths.
std::vector<std::string> HelloCopies(int n) {
  std::vector<std::string> paths;
  absl::StatusOr<std::string> src = DataPath("//apps/examples/hello:hello.tbf");
  EXPECT_TRUE(src.ok()) << src.status();
  if (!src.ok()) {
    return paths;
  }
  std::ifstream in(*src, std::ios::binary);
  const std::string tbf((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const size_t header_size = static_cast<uint8_t>(tbf[2]) | static_cast<uint8_t>(tbf[3]) << 8;
  const size_t name_at = tbf.find("hello");
  EXPECT_TRUE(name_at != std::string::npos && name_at + 5 <= header_size);
  if (name_at == std::string::npos) {
    return paths;
  }
  const char* tmp = std::getenv("TEST_TMPDIR");
  for (int i = 0; i < n; ++i) {
    std::string copy = tbf;
    copy.replace(name_at, 5, absl::StrFormat("h%04d", i));
    uint32_t sum = 0;  // header checksum: XOR of the header's words except word 3
    for (size_t w = 0; w < header_size / 4; ++w) {
      if (w != 3) {
        sum ^= Le32(copy, 4 * w);
      }
    }
    for (int k = 0; k < 4; ++k) {
      copy[12 + k] = static_cast<char>(sum >> (8 * k));
    }
    paths.push_back(absl::StrCat(tmp ? tmp : "/tmp", "/h", i, ".tbf"));
    std::ofstream(paths.back(), std::ios::binary) << copy;
  }
  return paths;
}

// A script that applies `ulimit_args` then execs the real tockd with its arguments.
std::string TockdUnderLimit(const std::string& ulimit_args) {
  absl::StatusOr<std::string> tockd = TockdPath();
  EXPECT_TRUE(tockd.ok()) << tockd.status();
  const char* tmp = std::getenv("TEST_TMPDIR");
  std::string path = absl::StrCat(tmp ? tmp : "/tmp", "/tockd-ulimit.sh");
  std::ofstream(path) << "#!/bin/bash\nulimit " << ulimit_args << " || exit 99\nexec '"
                      << (tockd.ok() ? *tockd : "") << "' \"$@\"\n";
  chmod(path.c_str(), 0755);
  return path;
}

TockdOptions Options(std::vector<std::string> apps, std::vector<std::string> flags) {
  TockdOptions o;
  o.apps = std::move(apps);
  o.flags = std::move(flags);
  o.time = TimeMode::kVirtual;
  return o;
}

TEST(LimitsTest, SixtyFourAppsRunSideBySide) {
  auto tockd = Tockd::Start(Options(HelloCopies(64), {"--max-processes=64"}));
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  EXPECT_EQ((*tockd)->WaitForExit(), ExitStatus::Exited(0)) << (*tockd)->Log();
  EXPECT_EQ((*tockd)->Count(Stream::kConsole, "Hello, World!"), 64);
  EXPECT_EQ((*tockd)->Count(Stream::kLog, "not loading"), 0) << (*tockd)->Log();
  EXPECT_EQ((*tockd)->Count(Stream::kLog, "loaded h0063 from"), 1);
}

TEST(LimitsTest, AppsBeyondTheSlotsAreRefusedOneByOne) {
  std::vector<std::string> apps = HelloCopies(5);
  auto tockd = Tockd::Start(Options(apps, {"--max-processes=4"}));
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  (*tockd)->WaitForExit();
  EXPECT_EQ((*tockd)->Count(Stream::kConsole, "Hello, World!"), 4);
  EXPECT_EQ((*tockd)->Count(Stream::kLog, absl::StrCat("tockd: not loading ", apps[4],
                                                       " (h0004): no free process slot "
                                                       "(--max-processes=4)")),
            1)
      << (*tockd)->Log();
}

TEST(LimitsTest, TwoAppsRunAtUlimit64) {
  TockdOptions o = Options(HelloCopies(2), {});
  o.tockd_path = TockdUnderLimit("-n 64");
  auto tockd = Tockd::Start(o);
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  EXPECT_EQ((*tockd)->WaitForExit(), ExitStatus::Exited(0)) << (*tockd)->Log();
  EXPECT_EQ((*tockd)->Count(Stream::kConsole, "Hello, World!"), 2);
}

TEST(LimitsTest, ALowSoftLimitIsRaised) {
  TockdOptions o = Options(HelloCopies(16), {"--max-processes=16"});
  o.tockd_path = TockdUnderLimit("-S -n 24");  // soft only; the hard limit stays
  auto tockd = Tockd::Start(o);
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  EXPECT_EQ((*tockd)->WaitForExit(), ExitStatus::Exited(0)) << (*tockd)->Log();
  EXPECT_EQ((*tockd)->Count(Stream::kConsole, "Hello, World!"), 16);
}

TEST(LimitsTest, TooLowAHardLimitIsOneLine) {
  TockdOptions o = Options(HelloCopies(64), {"--max-processes=64"});
  o.tockd_path = TockdUnderLimit("-n 40");
  auto tockd = Tockd::Start(o);
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  EXPECT_EQ((*tockd)->WaitForExit(), ExitStatus::Exited(1));  // a runtime failure
  const std::vector<std::string> lines = (*tockd)->Lines(Stream::kLog);
  ASSERT_EQ(lines.size(), 1u) << (*tockd)->Log();
  EXPECT_EQ(
      (*tockd)->Count(Stream::kLog,
                      Regex("^tockd: RLIMIT_NOFILE hard limit is 40, but 64 apps need "
                            "[0-9]+ file descriptors .*: raise it with ulimit -n [0-9]+ .*$")),
      1)
      << lines[0];
  EXPECT_EQ((*tockd)->Count(Stream::kConsole, "Hello"), 0);
}

}  // namespace
}  // namespace tock::harness
