// The demo apps of apps/examples, each booted alone and checked by what a user sees: its
// console lines and LED events. demo_apps_test runs them under tockd, demo_apps_test_qemu on
// the QEMU MPS2-AN386 board, from this one source (tests/harness/two_platform.bzl).
#include <string>

#include "gtest/gtest.h"
#include "tests/harness/platform.h"
#include "tests/harness/tockd.h"

namespace {

using tock::harness::ExitStatus;
using tock::harness::OnQemu;
using tock::harness::Regex;
using tock::harness::Stream;
using tock::harness::TimeMode;
using tock::harness::Tockd;

std::string Tbf(const std::string& app) { return "//apps/examples/" + app + ":" + app + ".tbf"; }

// Boots `app` alone and returns its console once `last_line` was printed (and, under tockd,
// once tockd exited cleanly: --exit-when-done, the app returned).
std::string RunToEnd(const std::string& app, const std::string& last_line) {
  auto tockd = Tockd::Start({.apps = {Tbf(app)}, .time = TimeMode::kVirtual});
  if (!tockd.ok()) {
    ADD_FAILURE() << tockd.status();
    return "";
  }
  EXPECT_TRUE((*tockd)->WaitForConsole(last_line));
  if (!OnQemu()) {  // host-only: the board never exits
    EXPECT_EQ((*tockd)->WaitForExit(), ExitStatus::Exited(0));
  }
  return (*tockd)->Console();
}

TEST(DemoAppsTest, HelloGreets) {
  EXPECT_EQ(RunToEnd("hello", "Hello, World!\n"), "Hello, World!\n");
}

TEST(DemoAppsTest, CHelloGreetsWithSnprintf) {
  EXPECT_EQ(RunToEnd("c_hello", "Hello from c_hello!\n"), "Hello from c_hello!\n");
}

TEST(DemoAppsTest, CxxHelloDispatchesVirtualCallsAndFrees) {
  EXPECT_EQ(RunToEnd("cxx_hello", "cxx_hello: done\n"),
            "cxx_hello: Hello in English\n"
            "cxx_hello: Hallo in Dutch\n"
            "cxx_hello: done\n");
}

// 100,000 commands to a driver nobody registered: each one a Failure (NODEVICE).
TEST(DemoAppsTest, NullSyscallGetsAFailureForEveryCommand) {
  EXPECT_EQ(RunToEnd("null_syscall", "null_syscall: done 100000\n"),
            "null_syscall: start\nnull_syscall: done 100000\n");
}

TEST(DemoAppsTest, BlinkTogglesLedZeroEverySecond) {
  auto tockd = Tockd::Start({.apps = {Tbf("blink")},
                             .exit_when_done = false,
                             .control = true,
                             .time = TimeMode::kVirtual});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  ASSERT_TRUE(t.WaitForConsole("blink: toggling LED 0 every 1000 ms\n"));
  // Three toggles: on, off, on, and nothing else blinks.
  ASSERT_TRUE(t.WaitFor(Stream::kEvents, Regex("^led 0 on"), 2, absl::Seconds(60)));
  EXPECT_GE(t.Count(Stream::kEvents, Regex("^led 0 off")), 1);
  EXPECT_EQ(t.Count(Stream::kEvents, Regex("^led [1-9] on")), 0) << t.Events();
}

TEST(DemoAppsTest, CounterCountsToItsEnd) {
  std::string want;
  for (int n = 0; n < 10; ++n) {
    want += "counter: " + std::to_string(n) + "\n";
  }
  EXPECT_EQ(RunToEnd("counter", "counter: done\n"), want + "counter: done\n");
}

}  // namespace
