// The example from tests/harness/README.md: boot apps (under tockd, or on the QEMU board for
// example_test_qemu), wait for their output, press a button and watch the LED follow.
#include "gtest/gtest.h"
#include "tests/harness/tockd.h"

namespace {

using tock::harness::ExitStatus;
using tock::harness::OnQemu;
using tock::harness::Tockd;

TEST(ExampleTest, HelloPrintsAndTockdExitsCleanly) {
  auto tockd = Tockd::Start({.apps = {"//apps/examples/hello:hello.tbf"}});
  ASSERT_TRUE(tockd.ok()) << tockd.status();

  EXPECT_TRUE((*tockd)->WaitForConsole("Hello, World!\n"));
  if (!OnQemu()) {                                              // host-only: the board never exits
    EXPECT_EQ((*tockd)->WaitForExit(), ExitStatus::Exited(0));  // --exit-when-done
  }
}

TEST(ExampleTest, ButtonPressTogglesLed) {
  TOCKPP_NEEDS_BUTTONS();
  auto tockd = Tockd::Start(
      {.apps = {"//apps/examples/buttons:buttons.tbf"}, .exit_when_done = false, .control = true});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;

  ASSERT_TRUE(t.WaitForConsole("buttons: ready"));
  ASSERT_TRUE(t.PressButton(0));
  EXPECT_TRUE(t.WaitForConsole("buttons: button 0 pressed, LED 0 toggled"));
  EXPECT_TRUE(t.WaitForEvent("led 0 on"));

  auto leds = t.Leds();
  ASSERT_TRUE(leds.ok()) << leds.status();
  EXPECT_TRUE(leds->at(0));
}  // ~Tockd stops tockd (or QEMU) and its apps

}  // namespace
