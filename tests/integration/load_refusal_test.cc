// Loading like upstream (issue 18): a refused app gets one line "tockd: not loading PATH (NAME):
// REASON" and the other apps boot; --exit-when-done then exits 1, --strict exits 2 and starts
// nothing; a second app with a taken name is refused; names are shown escaped in the log and
// in `ps`. The reasons themselves are unit-tested in hostkernel/loader/app_check_test.cc.
#include <algorithm>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "tbf-tools/lib/checksum.h"
#include "tests/harness/data_path.h"
#include "tests/harness/test_files.h"
#include "tests/harness/tockd.h"

namespace tock::integration {
namespace {

using harness::DataPath;
using harness::ExitStatus;
using harness::ReadFile;
using harness::Tockd;
using harness::WriteFile;

std::string Hello() {
  absl::StatusOr<std::string> p = DataPath("//apps/examples/hello:hello.tbf");
  EXPECT_TRUE(p.ok()) << p.status();
  return p.ok() ? *p : "";
}

// hello.tbf with its package name "hello" replaced by `name` (same length) and the header
// checksum recomputed, so the TBF is sound and only the name is odd.
std::string HelloNamed(const std::string& file, const std::string& name) {
  std::string tbf = ReadFile(Hello());
  const size_t at = tbf.find("hello");
  EXPECT_NE(at, std::string::npos);
  EXPECT_EQ(name.size(), 5u);
  tbf.replace(at, 5, name);
  std::vector<uint8_t> bytes(tbf.begin(), tbf.end());
  const uint16_t header_size = static_cast<uint16_t>(bytes[2] | (bytes[3] << 8));
  const uint32_t sum =
      tock::tbf::ComputeHeaderChecksum(std::span<const uint8_t>(bytes.data(), header_size));
  for (int i = 0; i < 4; ++i) {
    tbf[12 + i] = static_cast<char>(sum >> (8 * i));
  }
  return WriteFile(file, tbf);
}

std::string Garbage() {
  std::string junk(100, '\0');
  for (size_t i = 0; i < junk.size(); ++i) {
    junk[i] = static_cast<char>(i * 37 + 11);
  }
  return WriteFile("garbage.tbf", junk);
}

std::vector<std::string> LinesWith(const std::string& text, const std::string& needle) {
  std::vector<std::string> out;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    if (line.find(needle) != absl::string_view::npos) {
      out.emplace_back(line);
    }
  }
  return out;
}

TEST(LoadRefusalTest, BadTbfIsSkippedAndTheGoodAppRuns) {
  const std::string garbage = Garbage();
  auto tockd = Tockd::Start({.apps = {garbage, Hello()}});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  EXPECT_TRUE(t.WaitForConsole("Hello, World!"));
  EXPECT_EQ(t.WaitForExit(), ExitStatus::Exited(1)) << t.Log();
  const std::vector<std::string> lines = LinesWith(t.Log(), "not loading");
  ASSERT_EQ(lines.size(), 1u) << t.Log();
  EXPECT_EQ(lines[0].rfind("tockd: not loading " + garbage + " (?): malformed TBF: ", 0), 0u)
      << lines[0];
  EXPECT_TRUE(t.WaitForLog("loaded hello from"));
}

TEST(LoadRefusalTest, AllGoodExitsZero) {
  auto tockd = Tockd::Start({.apps = {Hello()}});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  EXPECT_EQ((*tockd)->WaitForExit(), ExitStatus::Exited(0)) << (*tockd)->Log();
  EXPECT_EQ((*tockd)->Log().find("not loading"), std::string::npos);
}

TEST(LoadRefusalTest, StrictExitsTwoAndStartsNothing) {
  const std::string garbage = Garbage();
  auto tockd = Tockd::Start({.apps = {Hello(), garbage}, .flags = {"--strict"}});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  EXPECT_EQ(t.WaitForExit(), ExitStatus::Exited(2)) << t.Log();
  EXPECT_EQ(t.Console(), "");
  EXPECT_EQ(LinesWith(t.Log(), "tockd: not loading " + garbage + " (?): malformed TBF").size(), 1u)
      << t.Log();
  EXPECT_EQ(LinesWith(t.Log(), "--strict").size(), 1u) << t.Log();
  EXPECT_TRUE(LinesWith(t.Log(), "loaded ").empty()) << t.Log();
}

TEST(LoadRefusalTest, SecondAppWithTheSameNameIsRefused) {
  const std::string first = Hello();
  const std::string second = WriteFile("hello_again.tbf", ReadFile(first));
  auto tockd = Tockd::Start({.apps = {first, second}});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  EXPECT_EQ(t.WaitForExit(), ExitStatus::Exited(1)) << t.Log();
  EXPECT_EQ(t.Console(), "Hello, World!\n");
  const std::vector<std::string> lines = LinesWith(t.Log(), "not loading");
  ASSERT_EQ(lines.size(), 1u) << t.Log();
  EXPECT_EQ(lines[0],
            "tockd: not loading " + second + " (hello): name 'hello' already in use by " + first);
}

TEST(LoadRefusalTest, NewlineInANameIsEscapedInTheLogAndInPs) {
  const std::string odd = HelloNamed("odd.tbf", "he\nlo");
  auto tockd = Tockd::Start({.apps = {odd}, .exit_when_done = false, .control = true});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  EXPECT_TRUE(t.WaitForConsole("Hello, World!"));
  EXPECT_TRUE(t.WaitForLog("loaded he\\x0alo from " + odd));
  EXPECT_TRUE(LinesWith(t.Log(), "lo from").size() == 1u) << t.Log();  // not split in two
  auto ps = t.control().Request("ps");
  ASSERT_TRUE(ps.ok()) << ps.status();
  ASSERT_EQ(ps->size(), 1u);
  EXPECT_NE((*ps)[0].find("name=he\\x0alo state="), std::string::npos) << (*ps)[0];
  // The escaped name addresses the app.
  auto info = t.control().Inspect("he\\x0alo");
  EXPECT_TRUE(info.ok()) << info.status();
}

TEST(LoadRefusalTest, NewlineInARefusedAppsNameIsEscaped) {
  const std::string odd = HelloNamed("odd_big.tbf", "x\ny\r\x1b");
  auto tockd = Tockd::Start({.apps = {odd, Hello()}, .flags = {"--app-ram-max=4K"}});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  EXPECT_EQ(t.WaitForExit(), ExitStatus::Exited(1)) << t.Log();
  const std::vector<std::string> lines = LinesWith(t.Log(), "not loading " + odd);
  ASSERT_EQ(lines.size(), 1u) << t.Log();
  // The figure is hello's minimum RAM, whatever the current build makes it.
  EXPECT_TRUE(absl::StartsWith(
      lines[0], "tockd: not loading " + odd + " (x\\x0ay\\x0d\\x1b): RAM request of "))
      << lines[0];
  EXPECT_TRUE(absl::EndsWith(lines[0], " bytes is over the per-app limit of 4096 (--app-ram-max)"))
      << lines[0];
}

}  // namespace
}  // namespace tock::integration
