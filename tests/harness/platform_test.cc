// The harness's streams and waits on both platforms (two_platform_test: tockd and the QEMU
// board): the console carries only the apps' lines, typed input reaches an app, fault dumps
// parse, LED changes arrive as events, and WaitForExit is host-only.
#include "gtest/gtest-spi.h"
#include "gtest/gtest.h"
#include "tests/harness/tockd.h"

namespace tock::harness {
namespace {

TEST(PlatformTest, ConsoleCarriesOnlyTheAppsLines) {
  auto tockd = Tockd::Start({.apps = {"//apps/examples/counter:counter_a.tbf"}});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  ASSERT_TRUE(t.WaitForConsole("counter_a: done\n"));
  std::vector<std::string> lines = t.Lines(Stream::kConsole);
  ASSERT_EQ(lines.size(), 11u) << t.Console();
  EXPECT_EQ(lines[0], "counter_a: 0");
  EXPECT_EQ(lines[9], "counter_a: 9");
  // The kernel's own lines are in the log only.
  EXPECT_EQ(t.Count(Stream::kConsole, Regex("^\\[|^tockpp:")), 0) << t.Console();
  if (OnQemu()) {
    EXPECT_EQ(t.Count(Stream::kLog, "tockpp: 1 processes loaded, entering main loop\r\n"), 1);
    EXPECT_EQ(t.Count(Stream::kLog, "counter_a: done\n"), 1);  // UART0, whole
  }
}

TEST(PlatformTest, TypedLinesReachTheApp) {
  auto tockd =
      Tockd::Start({.apps = {"//tests/integration/apps:echo.tbf"}, .exit_when_done = false});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  ASSERT_TRUE(t.WaitForConsole("echo: ready\n"));
  ASSERT_TRUE(t.TypeConsole("ping\n"));
  EXPECT_TRUE(t.WaitForConsole("echo: ping\n"));
  ASSERT_TRUE(t.TypeConsole("two words\n"));
  EXPECT_TRUE(t.WaitForConsole("echo: two words\n"));
}

TEST(PlatformTest, FaultDumpNamesTheAppCauseAndAddress) {
  auto tockd = Tockd::Start({.apps = {"//tests/harness/apps:null_write.tbf"}});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  FaultReport report;
  ASSERT_TRUE(t.WaitForFault("null_write", &report));
  EXPECT_EQ(report.app, "null_write");
  EXPECT_FALSE(report.cause.empty()) << report.text;
  ASSERT_TRUE(report.fault_address.has_value()) << report.text;
  EXPECT_EQ(*report.fault_address, 0x10u) << report.text;
  EXPECT_TRUE(t.WaitForConsole("null_write: writing 0x10\n"));
  EXPECT_EQ(t.Count(Stream::kConsole, "ESCAPED"), 0);
}

TEST(PlatformTest, LedChangesAreEvents) {
  auto tockd = Tockd::Start({.apps = {"//apps/examples/blink:blink.tbf"},
                             .exit_when_done = false,
                             .control = true,
                             .time = TimeMode::kVirtual});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  ASSERT_TRUE(t.WaitForEvent("led 0 on"));
  ASSERT_TRUE(t.WaitForEvent("led 0 off"));  // the reset state is no event: this is a toggle
  ASSERT_TRUE(t.WaitFor(Stream::kEvents, "led 0 on", 2, absl::Seconds(20)));
  auto leds = t.Leds();
  ASSERT_TRUE(leds.ok()) << leds.status();
  EXPECT_EQ(leds->size(), static_cast<size_t>(LedCount()));
}

TEST(PlatformTest, WaitForExitIsHostOnly) {
  auto tockd = Tockd::Start({.apps = {"//apps/examples/hello:hello.tbf"}});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  ASSERT_TRUE(t.WaitForConsole("Hello, World!\n"));
  if (OnQemu()) {
    EXPECT_NONFATAL_FAILURE(t.WaitForExit(), "host-only");
    EXPECT_TRUE(t.exit_status().running());
  } else {
    EXPECT_EQ(t.WaitForExit(), ExitStatus::Exited(0));
  }
}

}  // namespace
}  // namespace tock::harness
