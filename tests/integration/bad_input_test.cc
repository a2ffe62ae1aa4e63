// Bad command lines and bad app files: tockd must print one error line, exit non-zero (by
// exit(), not a crash) and run nothing. A bad app beside good ones: load_refusal_test.cc.
#include <fstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/harness/data_path.h"
#include "tests/harness/test_files.h"
#include "tests/harness/tockd.h"

namespace tock::integration {
namespace {

using harness::DataPath;
using harness::ExitStatus;
using harness::ReadFile;
using harness::TempDir;
using harness::Tockd;
using harness::WriteFile;

std::string HelloTbf() {
  absl::StatusOr<std::string> p = DataPath("//apps/examples/hello:hello.tbf");
  return p.ok() ? *p : "";
}

// Runs tockd with `args` verbatim and checks the one-line-error contract. Returns the line.
std::string ExpectOneLineError(const std::vector<std::string>& args) {
  auto tockd = Tockd::Start({.flags = args, .log_level = ""});
  if (!tockd.ok()) {
    ADD_FAILURE() << tockd.status();
    return "";
  }
  Tockd& t = **tockd;
  ExitStatus status = t.WaitForExit();
  EXPECT_EQ(status.kind, ExitStatus::Kind::kExited) << "tockd " << status.ToString() << "\n"
                                                    << t.Log();
  EXPECT_NE(status.value, 0) << "tockd accepted bad input";
  EXPECT_EQ(t.Console(), "") << "something ran";
  std::string log = t.Log();
  EXPECT_FALSE(log.empty());
  EXPECT_EQ(log.back(), '\n');
  EXPECT_EQ(std::count(log.begin(), log.end(), '\n'), 1) << "want one line, got:\n" << log;
  return log;
}

TEST(BadInputTest, MissingAppFile) {
  std::string line = ExpectOneLineError({"/nonexistent/app.tbf"});
  EXPECT_NE(line.find("/nonexistent/app.tbf"), std::string::npos) << line;
}

TEST(BadInputTest, GarbageFileIsAMalformedTbf) {
  std::string junk(100, '\0');
  for (size_t i = 0; i < junk.size(); ++i) {
    junk[i] = static_cast<char>(i * 37 + 11);
  }
  std::string path = WriteFile("garbage.tbf", junk);
  std::string line = ExpectOneLineError({path});
  EXPECT_NE(line.find("malformed TBF"), std::string::npos) << line;
  EXPECT_NE(line.find(path), std::string::npos) << line;
}

TEST(BadInputTest, EmptyFileIsRefused) {
  std::string line = ExpectOneLineError({WriteFile("empty.tbf", "")});
  EXPECT_NE(line.find("empty file, not a TBF"), std::string::npos) << line;
}

TEST(BadInputTest, TruncatedTbfIsRejected) {
  std::string tbf = ReadFile(HelloTbf());
  ASSERT_GT(tbf.size(), 300u);
  std::string line = ExpectOneLineError({WriteFile("truncated.tbf", tbf.substr(0, 300))});
  EXPECT_NE(line.find("malformed TBF"), std::string::npos) << line;
}

TEST(BadInputTest, CorruptedHeaderChecksumIsRejected) {
  std::string tbf = ReadFile(HelloTbf());
  ASSERT_GT(tbf.size(), 16u);
  tbf[12] = static_cast<char>(tbf[12] ^ 0x5a);  // base header checksum (TBF offset 12)
  std::string line = ExpectOneLineError({WriteFile("bad_checksum.tbf", tbf)});
  EXPECT_NE(line.find("malformed TBF"), std::string::npos) << line;
}

TEST(BadInputTest, ElfInsteadOfTbfIsRejected) {
  absl::StatusOr<std::string> elf = DataPath("//apps/examples/hello:hello.elf");
  ASSERT_TRUE(elf.ok()) << elf.status();
  std::string line = ExpectOneLineError({*elf});
  EXPECT_NE(line.find("an ELF file, not a TBF: convert it with `tbf create"), std::string::npos)
      << line;
}

// tockd 192c506..: a directory as the app path throws std::ios_base::failure out of the TBF
// reader and aborts (SIGABRT, exit 134) instead of printing an error. Enable once fixed.
TEST(BadInputTest, DirectoryAsAppFile) {
  std::string line = ExpectOneLineError({TempDir()});
  EXPECT_NE(line.find(TempDir()), std::string::npos) << line;
}

TEST(BadInputTest, NoApps) { ExpectOneLineError({}); }

TEST(BadInputTest, UnknownFlag) {
  std::string line = ExpectOneLineError({"--bogus", HelloTbf()});
  EXPECT_NE(line.find("bogus"), std::string::npos) << line;
}

struct BadFlag {
  const char* flag;
  const char* mentions;
};

class BadFlagValueTest : public ::testing::TestWithParam<BadFlag> {};

TEST_P(BadFlagValueTest, IsOneLineError) {
  std::string line = ExpectOneLineError({GetParam().flag, HelloTbf()});
  EXPECT_NE(line.find(GetParam().mentions), std::string::npos) << line;
}

INSTANTIATE_TEST_SUITE_P(Flags, BadFlagValueTest,
                         ::testing::Values(BadFlag{"--timeslice=abc", "timeslice"},
                                           BadFlag{"--timeslice=0ms", "timeslice"},
                                           BadFlag{"--seed=abc", "seed"},
                                           BadFlag{"--fault-policy=explode", "explode"},
                                           BadFlag{"--fault-policy=restart:0", "restart:0"},
                                           BadFlag{"--fault-policy=restart:x", "restart:x"},
                                           BadFlag{"--log-level=loud", "log-level"},
                                           BadFlag{"--console=tcp:1", "console"},
                                           BadFlag{"--control=nowhere", "control"}));

}  // namespace
}  // namespace tock::integration
