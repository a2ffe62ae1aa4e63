// Several apps under one real tockd (multi_app_test_qemu: on the QEMU board): their console
// output all arrives as whole lines, and an app that never makes a syscall cannot starve the
// others (single-core MCU scheduling).
#include <algorithm>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/harness/tockd.h"

namespace tock::integration {
namespace {

using harness::ExitStatus;
using harness::OnQemu;
using harness::Regex;
using harness::Stream;
using harness::Tockd;

constexpr char kCounterA[] = "//apps/examples/counter:counter_a.tbf";
constexpr char kCounterB[] = "//apps/examples/counter:counter_b.tbf";
constexpr char kHello[] = "//apps/examples/hello:hello.tbf";
constexpr char kSpin[] = "//apps/examples/spin:spin.tbf";
constexpr char kSpinB[] = "//tests/integration/apps:spin_b.tbf";  // spin, named spin_b

size_t IndexOf(const std::vector<std::string>& lines, const std::string& line) {
  return static_cast<size_t>(std::find(lines.begin(), lines.end(), line) - lines.begin());
}

TEST(MultiAppTest, TwoCountersPrintEveryLineWholeAndInterleaved) {
  auto tockd = Tockd::Start({.apps = {kCounterA, kCounterB}});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  ASSERT_TRUE(t.WaitForConsole("counter_a: done\n"));
  ASSERT_TRUE(t.WaitForConsole("counter_b: done\n"));
  if (!OnQemu()) {  // host-only: the board never exits
    ASSERT_EQ(t.WaitForExit(), ExitStatus::Exited(0));
  }

  std::vector<std::string> lines = t.Lines(Stream::kConsole);
  ASSERT_EQ(lines.size(), 22u) << t.Console();
  std::map<std::string, std::vector<std::string>> per_app;
  const std::regex whole_line("^(counter_[ab]): ([0-9]+|done)$");
  for (const std::string& line : lines) {
    std::smatch m;
    ASSERT_TRUE(std::regex_match(line, m, whole_line)) << "torn or foreign line: " << line;
    per_app[m[1]].push_back(m[2]);
  }
  for (const char* app : {"counter_a", "counter_b"}) {
    const std::vector<std::string> expected = {"0", "1", "2", "3", "4",   "5",
                                               "6", "7", "8", "9", "done"};
    EXPECT_EQ(per_app[app], expected) << app;
  }
  // Both ran at the same time: each started before the other finished counting.
  EXPECT_LT(IndexOf(lines, "counter_b: 0"), IndexOf(lines, "counter_a: 9"));
  EXPECT_LT(IndexOf(lines, "counter_a: 0"), IndexOf(lines, "counter_b: 9"));
}

TEST(MultiAppTest, SpinningAppDoesNotStarveHello) {
  // spin is loaded first, so it gets the CPU first and never gives it back voluntarily.
  auto tockd = Tockd::Start({.apps = {kSpin, kHello}});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  ASSERT_TRUE((*tockd)->WaitForConsole("spin: spinning forever\n"));
  EXPECT_TRUE((*tockd)->WaitForConsole("Hello, World!\n"));
  // spin stays runnable, so --exit-when-done must not end the run.
  EXPECT_TRUE((*tockd)->exit_status().running());
}

TEST(MultiAppTest, TimerDrivenAppKeepsRunningBesideTwoSpinners) {
  auto tockd = Tockd::Start({.apps = {kSpin, kCounterA, kSpinB}});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  ASSERT_TRUE(t.WaitFor(Stream::kConsole, "spin: spinning forever\n", 2, absl::Seconds(20)));
  EXPECT_TRUE(t.WaitFor(Stream::kConsole, Regex("^counter_a: [0-9]+$"), 10, absl::Seconds(20)));
  EXPECT_TRUE(t.WaitForConsole("counter_a: done\n"));
  EXPECT_TRUE(t.exit_status().running());
}

// Apps are addressed by name, so a second app with a name in use is refused (issue 18; more in
// load_refusal_test.cc); the same program under two package names runs twice.
TEST(MultiAppTest, SameAppTwiceRunsOnce) {
  TOCKPP_HOST_ONLY("tockd's name check and exit code; the packer refuses the same TBF twice");
  auto tockd = Tockd::Start({.apps = {kHello, kHello}});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  ASSERT_EQ((*tockd)->WaitForExit(), ExitStatus::Exited(1));
  EXPECT_EQ((*tockd)->Console(), "Hello, World!\n");
  EXPECT_EQ((*tockd)->Count(Stream::kLog, "name 'hello' already in use by"), 1);
}

}  // namespace
}  // namespace tock::integration
