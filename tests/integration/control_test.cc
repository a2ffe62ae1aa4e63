// The control socket of the real tockd, as tockctl and the harness use it: buttons drive an
// app's upcalls, LEDs and events follow, processes can be listed, stopped and started.
#include <algorithm>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/harness/tockd.h"

namespace tock::integration {
namespace {

using harness::Regex;
using harness::Stream;
using harness::Tockd;
using harness::TockdOptions;

constexpr char kButtons[] = "//apps/examples/buttons:buttons.tbf";
constexpr char kBlink[] = "//apps/examples/blink:blink.tbf";
constexpr char kCounterA[] = "//apps/examples/counter:counter_a.tbf";
constexpr char kHello[] = "//apps/examples/hello:hello.tbf";
constexpr char kEcho[] = "//tests/integration/apps:echo.tbf";
constexpr char kRestartFault[] = "//tests/security/apps:restart_fault.tbf";

TockdOptions Controlled(std::vector<std::string> apps) {
  return {.apps = std::move(apps), .exit_when_done = false, .control = true};
}

TEST(ControlTest, EachButtonPressTogglesItsLed) {
  auto tockd = Tockd::Start(Controlled({kButtons}));
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  ASSERT_TRUE(t.WaitForConsole("buttons: ready, 4 buttons, 4 LEDs\n"));

  ASSERT_TRUE(t.PressButton(1));
  EXPECT_TRUE(t.WaitForEvent("button 1 pressed"));
  EXPECT_TRUE(t.WaitForConsole("buttons: button 1 pressed, LED 1 toggled (Success)\n"));
  EXPECT_TRUE(t.WaitForEvent("led 1 on"));
  ASSERT_TRUE(t.ReleaseButton(1));
  EXPECT_TRUE(t.WaitForEvent("button 1 released"));

  ASSERT_TRUE(t.PressButton(1));
  EXPECT_TRUE(t.WaitForEvent("led 1 off"));
  auto leds = t.Leds();
  ASSERT_TRUE(leds.ok()) << leds.status();
  EXPECT_EQ(*leds, std::vector<bool>({false, false, false, false}));
  // Releases do not toggle: exactly two presses reached the app.
  EXPECT_TRUE(t.WaitFor(Stream::kConsole, "buttons: button 1 pressed", 2, absl::Seconds(20)));
  EXPECT_EQ(t.Count(Stream::kConsole, "buttons: button"), 2);
}

TEST(ControlTest, BlinkTogglesLedZeroBackAndForth) {
  auto tockd = Tockd::Start(Controlled({kBlink}));
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  ASSERT_TRUE(t.WaitFor(Stream::kEvents, Regex("^led 0 (on|off)"), 2, absl::Seconds(20)));
  std::vector<std::string> toggles;
  for (const std::string& line : t.Lines(Stream::kEvents)) {
    if (line.rfind("led 0 ", 0) == 0) {
      toggles.push_back(line.substr(6, line.find(' ', 6) - 6));
    }
  }
  ASSERT_GE(toggles.size(), 2u);
  EXPECT_NE(toggles[0], toggles[1]);  // each event is a real toggle
}

TEST(ControlTest, PsListsEveryProcessByName) {
  auto tockd = Tockd::Start(Controlled({kHello, kButtons}));
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  ASSERT_TRUE(t.WaitForConsole("buttons: ready"));
  auto ps = t.control().Processes();
  ASSERT_TRUE(ps.ok()) << ps.status();
  ASSERT_EQ(ps->size(), 2u);
  EXPECT_EQ((*ps)[0].name, "hello");
  EXPECT_EQ((*ps)[1].name, "buttons");
  for (const auto& p : *ps) {
    EXPECT_EQ(p.restarts, 0) << p.name;
    // hello's main returns, so it may already have exited (crt0: exit(main())).
    EXPECT_TRUE(p.state == "yielded" || p.state == "running" ||
                (p.name == "hello" && p.state == "terminated"))
        << p.name << " " << p.state;
    EXPECT_GT(p.id, 0);
  }
}

TEST(ControlTest, InspectShowsTheMemoryMap) {
  auto tockd = Tockd::Start(Controlled({kButtons}));
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  ASSERT_TRUE(t.WaitForConsole("buttons: ready"));
  auto p = t.control().Inspect("buttons");
  ASSERT_TRUE(p.ok()) << p.status();
  ASSERT_TRUE(p->memory.has_value());
  EXPECT_EQ(p->memory->flash.start, 0x10000000u);
  EXPECT_EQ(p->memory->ram.start, 0x20000000u);
  EXPECT_GT(p->memory->app_break, p->memory->ram.start);
  EXPECT_LE(p->memory->app_break, p->memory->grant.start);
  EXPECT_EQ(p->memory->grant.start + p->memory->grant.length,
            p->memory->ram.start + p->memory->ram.length);  // grants grow down from the top
  EXPECT_FALSE(t.control().Inspect("nosuchapp").ok());
}

TEST(ControlTest, InspectShowsSyscallsGrantsAndAllows) {
  auto tockd = Tockd::Start(Controlled({kButtons, kEcho}));
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  ASSERT_TRUE(t.WaitForConsole("buttons: ready"));
  ASSERT_TRUE(t.WaitForConsole("echo: ready"));
  auto buttons = t.control().Inspect("buttons");
  ASSERT_TRUE(buttons.ok()) << buttons.status();
  EXPECT_GT(buttons->syscalls, 4u);
  EXPECT_GT(buttons->GrantBytes(0x3), 0u);  // button driver: it subscribed
  EXPECT_GT(buttons->GrantBytes(0x1), 0u);  // console: it printed
  EXPECT_TRUE(buttons->upcalls.empty());    // none pending while it waits for a press
  // Its output can arrive before it has moved on to the read: wait for it to be there.
  harness::ProcessInfo info;
  ASSERT_TRUE(t.WaitForProcess(
      "echo",
      [](const harness::ProcessInfo& p) {
        return (p.state == "yielded" || p.state == "yielded-for") && p.allows.size() == 1 &&
               p.allows[0].kind == "rw";
      },
      &info));
  const harness::ProcessInfo* echo = &info;
  ASSERT_EQ(echo->allows.size(), 1u);  // the 1-byte console read it is waiting on
  EXPECT_EQ(echo->allows[0].kind, "rw");
  EXPECT_EQ(echo->allows[0].driver, 0x1u);
  EXPECT_EQ(echo->allows[0].length, 1u);
  ASSERT_TRUE(echo->memory.has_value());
  EXPECT_GE(echo->allows[0].address, echo->memory->ram.start);
  EXPECT_LT(echo->allows[0].address, echo->memory->app_break);
}

TEST(ControlTest, AFaultedProcessHoldsNoGrants) {
  auto tockd = Tockd::Start({.apps = {kRestartFault, kEcho},
                             .flags = {"--fault-policy=stop"},
                             .exit_when_done = false,
                             .control = true});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  ASSERT_TRUE(t.WaitForConsole("restart_fault: started"));  // it used the console capsule
  ASSERT_TRUE(t.WaitForFault("restart_fault"));
  auto faulted = t.control().Inspect("restart_fault");
  ASSERT_TRUE(faulted.ok()) << faulted.status();
  EXPECT_EQ(faulted->state, "faulted");
  EXPECT_EQ(faulted->TotalGrantBytes(), 0u);
  EXPECT_TRUE(faulted->allows.empty());
  ASSERT_TRUE(t.WaitForConsole("echo: ready"));
  auto echo = t.control().Inspect("echo");
  ASSERT_TRUE(echo.ok()) << echo.status();
  EXPECT_GT(echo->GrantBytes(0x1), 0u);  // the healthy app keeps its console grant
}

// tockd 6b7b9e8: `stop` right after a console line (the process is state=running) then
// `start` leaves it state=running forever: it never runs again (other apps continue).
// Reported to the lead; enable once fixed.
TEST(ControlTest, StoppedProcessResumesWhereItWasAfterStart) {
  auto tockd = Tockd::Start(Controlled({kCounterA}));
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  ASSERT_TRUE(t.WaitForConsole("counter_a: 2\n"));
  ASSERT_TRUE(t.control().Request("stop counter_a").ok());
  auto p = t.control().Inspect("counter_a");
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->state.rfind("stopped", 0), 0u) << p->state;
  ASSERT_TRUE(t.control().Request("start counter_a").ok());
  EXPECT_TRUE(t.WaitForConsole("counter_a: done\n"));
  // Resumed, not restarted: every number exactly once.
  EXPECT_EQ(t.Count(Stream::kConsole, "counter_a: 0\n"), 1);
  EXPECT_EQ(t.Count(Stream::kConsole, Regex("^counter_a: [0-9]+$")), 10);
}

TEST(ControlTest, StatusHelpAndUsageComeFromThePeripheralRegistryAndTable) {
  auto tockd = Tockd::Start(Controlled({kHello}));
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  harness::ControlClient& control = (*tockd)->control();
  auto status = control.Request("status");
  ASSERT_TRUE(status.ok()) << status.status();
  // The host board's own peripherals first (4 LEDs, 4 buttons, 8 GPIO pins), then one or more
  // lines per board extension linked in (their number is not fixed here), e.g. temperature's.
  ASSERT_GT(status->size(), 16u);
  EXPECT_EQ((*status)[0], "led 0 off");
  EXPECT_EQ((*status)[4], "button 0 released");
  EXPECT_EQ((*status)[8], "gpio 0 low off");
  EXPECT_EQ((*status)[15], "gpio 7 low off");
  EXPECT_NE(std::find(status->begin() + 16, status->end(), "temperature 2000"), status->end());
  auto help = control.Request("help");
  ASSERT_TRUE(help.ok()) << help.status();
  EXPECT_EQ(std::count_if(help->begin(), help->end(),
                          [](const std::string& l) { return l.rfind("press N ", 0) == 0; }),
            1);
  EXPECT_EQ(help->back().rfind("help ", 0), 0u);
  auto usage = control.Request("press");
  EXPECT_EQ(usage.status().message(), "'press': usage: press N");  // as the harness words it
}

TEST(ControlTest, UnknownCommandIsAnErrorReply) {
  auto tockd = Tockd::Start(Controlled({kHello}));
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  auto reply = (*tockd)->control().Request("launch missiles");
  EXPECT_EQ(reply.status().code(), absl::StatusCode::kFailedPrecondition) << reply.status();
  // The connection stays usable after an error.
  EXPECT_TRUE((*tockd)->control().Request("leds").ok());
}

}  // namespace
}  // namespace tock::integration
