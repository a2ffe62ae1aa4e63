// AppScript: parsing, and strictness on the real tockd — every step must happen, in order.
#include "tests/harness/app_script.h"

#include "gtest/gtest.h"
#include "tests/harness/tockd.h"

namespace tock::harness {
namespace {

using Kind = ScriptStep::Kind;

TEST(AppScriptTest, ParsesStepsFlagsAndWhetherControlIsNeeded) {
  auto script = ParseAppScript(
      "tockd: --time=virtual\nexpect: Temperature: -12.34 deg C\n\ncontrol: temperature set 1\n"
      "reply: temperature 1\npress: 0\n");
  ASSERT_TRUE(script.ok()) << script.status();
  EXPECT_EQ(script->tockd_flags, std::vector<std::string>({"--time=virtual"}));
  ASSERT_EQ(script->steps.size(), 4u);
  EXPECT_EQ(script->steps[0].kind, Kind::kExpect);
  EXPECT_EQ(script->steps[0].text, "Temperature: -12.34 deg C");  // text after the first ": "
  EXPECT_EQ(script->steps[0].line, 2);
  EXPECT_EQ(script->steps[1].kind, Kind::kControl);
  EXPECT_EQ(script->steps[1].line, 4);
  EXPECT_EQ(script->steps[3].kind, Kind::kPress);
  EXPECT_TRUE(script->needs_control);
  EXPECT_FALSE(ParseAppScript("expect: x\n")->needs_control);
}

TEST(AppScriptTest, RejectsMalformedLinesNamingThem) {
  EXPECT_EQ(ParseAppScript("expect: a\nexpcet: b\n").status().message(),
            "line 2: unknown step 'expcet' (expect, log, event, control, control-error, reply, "
            "press, release, type, tockd)");
  EXPECT_EQ(ParseAppScript("expect Hello").status().message(),
            "line 1: 'expect Hello' is not 'KIND: TEXT'");
  EXPECT_EQ(ParseAppScript("press: one").status().message(),
            "line 1: 'one' is not a button number");
}

TEST(AppScriptTest, StepsMustHappenInOrder) {
  auto tockd = Tockd::Start({.apps = {"//apps/examples/hello:hello.tbf"}});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  AppScriptRunner runner(**tockd);
  EXPECT_TRUE(runner.Run(*ParseAppScript("expect: Hello\nexpect: World!\n")));
  // hello prints its line once: a second "Hello" after the first match never comes (the
  // console ends when tockd exits, so the wait fails without waiting out its guard).
  ::testing::AssertionResult again = runner.Run(*ParseAppScript("\nexpect: Hello\n"));
  EXPECT_FALSE(again);
  EXPECT_NE(std::string(again.message()).find("step on line 2 (expect: Hello) did not happen"),
            std::string::npos)
      << again.message();
}

}  // namespace
}  // namespace tock::harness
