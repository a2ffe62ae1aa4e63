// The control socket of the real tockd, as tockctl and the harness use it: buttons drive an
// app's upcalls, LEDs and events follow, processes can be listed, stopped and started.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/harness/tockd.h"

namespace tockpp::integration {
namespace {

using harness::Regex;
using harness::Stream;
using harness::Tockd;
using harness::TockdOptions;

constexpr char kButtons[] = "//apps/examples/buttons:buttons.tbf";
constexpr char kBlink[] = "//apps/examples/blink:blink.tbf";
constexpr char kCounterA[] = "//apps/examples/counter:counter_a.tbf";
constexpr char kHello[] = "//apps/examples/hello:hello.tbf";

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
  EXPECT_NE((*ps)[0].find("name=hello "), std::string::npos) << (*ps)[0];
  EXPECT_NE((*ps)[1].find("name=buttons "), std::string::npos) << (*ps)[1];
  for (const std::string& line : *ps) {
    EXPECT_NE(line.find("restarts=0"), std::string::npos) << line;
  }
}

TEST(ControlTest, InspectShowsMemoryMapAndGrants) {
  auto tockd = Tockd::Start(Controlled({kButtons}));
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  ASSERT_TRUE(t.WaitForConsole("buttons: ready"));
  auto lines = t.control().Request("inspect buttons");
  ASSERT_TRUE(lines.ok()) << lines.status();
  ASSERT_GE(lines->size(), 2u);
  EXPECT_NE((*lines)[1].find("memory flash=0x10000000+"), std::string::npos) << (*lines)[1];
  EXPECT_NE((*lines)[1].find("ram=0x20000000+"), std::string::npos) << (*lines)[1];
  auto missing = t.control().Request("inspect nosuchapp");
  EXPECT_FALSE(missing.ok());
}

// tockd 6b7b9e8: `stop` right after a console line (the process is state=running) then
// `start` leaves it state=running forever: it never runs again (other apps continue).
// Reported to the lead; enable once fixed.
TEST(ControlTest, DISABLED_StoppedProcessResumesWhereItWasAfterStart) {
  auto tockd = Tockd::Start(Controlled({kCounterA}));
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  ASSERT_TRUE(t.WaitForConsole("counter_a: 2\n"));
  ASSERT_TRUE(t.control().Request("stop counter_a").ok());
  auto ps = t.control().Processes();
  ASSERT_TRUE(ps.ok()) << ps.status();
  EXPECT_NE((*ps)[0].find("state=stopped"), std::string::npos) << (*ps)[0];
  ASSERT_TRUE(t.control().Request("start counter_a").ok());
  EXPECT_TRUE(t.WaitForConsole("counter_a: done\n"));
  // Resumed, not restarted: every number exactly once.
  EXPECT_EQ(t.Count(Stream::kConsole, "counter_a: 0\n"), 1);
  EXPECT_EQ(t.Count(Stream::kConsole, Regex("^counter_a: [0-9]+$")), 10);
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
}  // namespace tockpp::integration
