// The console UART of the real tockd on stdio: typed input reaches an app's console read,
// --exit-when-done respects a pending read, upstream's process console answers, and input
// nobody reads beyond tockd's 64 KiB is dropped with one warning per burst.
#include <string>

#include "gtest/gtest.h"
#include "tests/harness/tockd.h"

namespace tock::integration {
namespace {

using harness::ExitStatus;
using harness::ProcessInfo;
using harness::Regex;
using harness::Stream;
using harness::Tockd;

constexpr char kEcho[] = "//tests/integration/apps:echo.tbf";
constexpr char kHello[] = "//apps/examples/hello:hello.tbf";
constexpr char kButtons[] = "//apps/examples/buttons:buttons.tbf";

bool WaitingForConsoleRead(const ProcessInfo& p) {
  // libtock-sync blocks in Yield-WaitFor ("yielded-for"); older libraries in Yield-Wait.
  return (p.state == "yielded" || p.state == "yielded-for") && p.allows.size() == 1 &&
         p.allows[0].kind == "rw" && p.allows[0].driver == 0x1;
}

TEST(ConsoleTest, TypedLinesReachTheAppInOrder) {
  auto tockd = Tockd::Start({.apps = {kEcho}, .exit_when_done = false});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  ASSERT_TRUE(t.WaitForConsole("echo: ready\n"));
  ASSERT_TRUE(t.TypeConsole("one\ntwo\r\nthree\n"));  // several lines in one write
  EXPECT_TRUE(t.WaitForConsole("echo: one\necho: two\necho: three\n"));
}

TEST(ConsoleTest, EndOfConsoleInputLetsExitWhenDoneFinish) {
  auto tockd = Tockd::Start({.apps = {kEcho, kHello}});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  ASSERT_TRUE((*tockd)->WaitForConsole("echo: ready\n"));
  (*tockd)->CloseConsoleInput();
  EXPECT_EQ((*tockd)->WaitForExit(), ExitStatus::Exited(0));
}

// tockd ea2846e: with --exit-when-done, tockd logs "every process is waiting and nothing can
// wake it: done" and exits 0 while echo waits on a console read and stdin is still open
// (e.g. `sleep 1 | tockd --exit-when-done echo.tbf` exits at once). Enable once fixed.
TEST(ConsoleTest, ExitWhenDoneKeepsRunningWhileAnAppWaitsForInput) {
  auto tockd = Tockd::Start({.apps = {kEcho}, .control = true});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  ASSERT_TRUE(t.WaitForProcess("echo", WaitingForConsoleRead));
  ASSERT_TRUE(t.TypeConsole("late\n"));
  EXPECT_TRUE(t.WaitForConsole("echo: late\n"));
  EXPECT_TRUE(t.exit_status().running());
}

TEST(ConsoleTest, InputNobodyReadsBeyondTheLimitIsDroppedWithOneWarningPerBurst) {
  auto tockd = Tockd::Start({.apps = {kHello}, .exit_when_done = false});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  ASSERT_TRUE(t.WaitForConsole("Hello, World!\n"));
  // No app reads and the process console is off: tockd keeps 64 KiB, drops the other 37.
  ASSERT_TRUE(t.TypeConsole(std::string(64 * 1024 + 37, 'k')));
  ASSERT_TRUE(t.WaitForLog(
      Regex("console: dropped [0-9]+ input bytes \\(no app was reading and 64 KiB were "
            "already waiting\\)$")));
  // The burst may have arrived in more than one read: its end (EOF) reports the rest.
  t.CloseConsoleInput();
  EXPECT_TRUE(
      t.WaitForLog(Regex("console: dropped 37 input bytes \\(no app|"
                         "console: dropped [0-9]+ more input bytes \\(37 in this burst")));
  EXPECT_EQ(t.Count(Stream::kLog, Regex("console: dropped [0-9]+ input bytes")), 1);
}

TEST(ConsoleTest, ProcessConsoleListsEveryApp) {
  auto tockd = Tockd::Start(
      {.apps = {kHello, kButtons}, .exit_when_done = false, .process_console = "active"});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  ASSERT_TRUE(t.WaitForConsole("Welcome to the process console."));
  ASSERT_TRUE(t.WaitForConsole("buttons: ready"));
  ASSERT_TRUE(t.TypeConsole("list\n"));
  // " PID ShortID Name Quanta Syscalls Restarts Grants State", one row per process.
  EXPECT_TRUE(t.WaitForConsole(Regex(R"(^ *1 +\S+ +hello +\d+ +[1-9]\d* +0 +\d+/ *\d+ +\S+)")));
  EXPECT_TRUE(t.WaitForConsole(Regex(R"(^ *2 +\S+ +buttons +\d+ +[1-9]\d* +0 +\d+/ *\d+ +\S+)")));
  ASSERT_TRUE(t.TypeConsole("status\n"));
  EXPECT_TRUE(t.WaitForConsole("Total processes: 2"));
}

TEST(ConsoleTest, ProcessConsoleOffLeavesTheConsoleToApps) {
  auto tockd = Tockd::Start({.apps = {kHello}});  // the harness default: --process-console=off
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  ASSERT_EQ((*tockd)->WaitForExit(), ExitStatus::Exited(0));
  EXPECT_EQ((*tockd)->Console(), "Hello, World!\n");
}

}  // namespace
}  // namespace tock::integration
