// Tockd (the harness) against the real tockd: waits succeed on output and fail with context,
// fail early once a stream ends, count matches, report exits, survive a dead tockd.
#include "tests/harness/tockd.h"

#include <signal.h>

#include "gtest/gtest.h"

namespace tock::harness {
namespace {

TEST(TockdHarnessTest, MissingAppIsAStartError) {
  auto tockd = Tockd::Start({.apps = {"//apps/examples/nope:nope.tbf"}});
  ASSERT_FALSE(tockd.ok());
  EXPECT_EQ(tockd.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(tockd.status().message().find("apps/examples/nope/nope.tbf"), std::string::npos);
}

TEST(TockdHarnessTest, WorkspacePathsAndLabelsBothResolve) {
  auto tockd = Tockd::Start({.apps = {"apps/examples/hello/hello.tbf"}});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  EXPECT_TRUE((*tockd)->WaitForConsole("Hello, World!"));
  EXPECT_EQ((*tockd)->WaitForExit(), ExitStatus::Exited(0));
}

TEST(TockdHarnessTest, CountsEveryLineOfAnApp) {
  auto tockd = Tockd::Start({.apps = {"//apps/examples/counter:counter_a.tbf"}});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  ASSERT_TRUE(t.WaitFor(Stream::kConsole, Regex("^counter_a: [0-9]+$"), 10, absl::Seconds(20)));
  EXPECT_TRUE(t.WaitForConsole("counter_a: done\n"));
  EXPECT_EQ(t.WaitForExit(), ExitStatus::Exited(0));
  std::vector<std::string> lines = t.Lines(Stream::kConsole);
  ASSERT_EQ(lines.size(), 11u);
  EXPECT_EQ(lines[0], "counter_a: 0");
  EXPECT_EQ(lines[9], "counter_a: 9");
}

TEST(TockdHarnessTest, WaitFailsEarlyWhenTheStreamEnds) {
  auto tockd = Tockd::Start({.apps = {"//apps/examples/hello:hello.tbf"}});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  // The guard is far longer than the run: the failure must come from the end of output.
  ::testing::AssertionResult r = (*tockd)->WaitForConsole("never printed", absl::Seconds(60));
  EXPECT_FALSE(r);
  EXPECT_NE(std::string(r.message()).find("ended with 0 of 1"), std::string::npos) << r.message();
  EXPECT_NE(std::string(r.message()).find("Hello, World!"), std::string::npos) << r.message();
}

TEST(TockdHarnessTest, WaitTimesOutWithTheCapturedOutput) {
  auto tockd = Tockd::Start({.apps = {"//apps/examples/spin:spin.tbf"}, .exit_when_done = false});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  ASSERT_TRUE((*tockd)->WaitForConsole("spin: spinning forever"));
  ::testing::AssertionResult r = (*tockd)->WaitForConsole("never printed", absl::Milliseconds(50));
  EXPECT_FALSE(r);
  EXPECT_NE(std::string(r.message()).find("timed out"), std::string::npos) << r.message();
  EXPECT_NE(std::string(r.message()).find("spin: spinning forever"), std::string::npos);
  EXPECT_TRUE((*tockd)->exit_status().running());
}

TEST(TockdHarnessTest, StopEndsASpinningRun) {
  auto tockd = Tockd::Start({.apps = {"//apps/examples/spin:spin.tbf"}, .exit_when_done = false});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  ASSERT_TRUE((*tockd)->WaitForConsole("spin: spinning forever"));
  ExitStatus status = (*tockd)->Stop();
  EXPECT_FALSE(status.running());
  EXPECT_TRUE(status == ExitStatus::Signaled(SIGTERM) || status == ExitStatus::Exited(0))
      << status.ToString();
}

TEST(TockdHarnessTest, WaitForFaultFindsTheNthDump) {
  auto tockd = Tockd::Start(
      {.apps = {"//tests/security/apps:restart_fault.tbf"}, .flags = {"--fault-policy=restart:2"}});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  FaultReport third;
  ASSERT_TRUE((*tockd)->WaitForFault("restart_fault", &third, 2));
  EXPECT_EQ(third.restart_count, 2);
  EXPECT_TRUE(third.complete);
  EXPECT_EQ((*tockd)->WaitForExit(), ExitStatus::Exited(1));  // --exit-when-done: it faulted
  EXPECT_FALSE((*tockd)->WaitForFault("restart_fault", nullptr, 3));
}

TEST(TockdHarnessTest, TypedLinesReachAConsoleReader) {
  // Without --exit-when-done: see integration/console_test.cc for why.
  auto tockd =
      Tockd::Start({.apps = {"//tests/integration/apps:echo.tbf"}, .exit_when_done = false});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  ASSERT_TRUE(t.WaitForConsole("echo: ready\n"));
  ASSERT_TRUE(t.TypeConsole("first line\n"));
  EXPECT_TRUE(t.WaitForConsole("echo: first line\n"));
  ASSERT_TRUE(t.TypeConsole("second\n"));
  EXPECT_TRUE(t.WaitForConsole("echo: second\n"));
  EXPECT_FALSE(t.Stop().running());
}

TEST(TockdHarnessTest, TypingAfterTockdExitedDoesNotKillTheTest) {
  auto tockd = Tockd::Start({.apps = {"//apps/examples/hello:hello.tbf"}});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  ASSERT_EQ((*tockd)->WaitForExit(), ExitStatus::Exited(0));
  // Whether the write still lands depends on when Linux tears down tockd's io_uring (a pending
  // read holds stdin briefly); either way there must be no SIGPIPE.
  for (int i = 0; i < 10; ++i) {
    (void)(*tockd)->TypeConsole("hello?\n");
  }
  SUCCEED();
}

TEST(TockdHarnessTest, EventsNeedTheControlSocket) {
  auto tockd = Tockd::Start({.apps = {"//apps/examples/hello:hello.tbf"}});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  EXPECT_FALSE((*tockd)->WaitForEvent("led 0 on", absl::Seconds(1)));
  EXPECT_FALSE((*tockd)->Leds().ok());
}

TEST(TockdHarnessTest, AppPidFindsEachAppProcessByName) {
  auto tockd =
      Tockd::Start({.apps = {"//apps/examples/spin:spin.tbf", "//tests/integration/apps:echo.tbf"},
                    .flags = {"--fault-policy=stop"},
                    .exit_when_done = false});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  ASSERT_TRUE(t.WaitForConsole("spin: spinning forever"));
  ASSERT_TRUE(t.WaitForConsole("echo: ready"));
  std::optional<pid_t> spin = t.AppPid("spin");
  std::optional<pid_t> echo = t.AppPid("echo");
  ASSERT_TRUE(spin.has_value());
  ASSERT_TRUE(echo.has_value());
  EXPECT_NE(*spin, *echo);
  EXPECT_NE(*spin, t.pid());
  EXPECT_FALSE(t.AppPid("nosuchapp").has_value());
  EXPECT_EQ(t.AppProcesses().size(), 2u);
  // It is the app's process: killing it is that app's fault.
  ASSERT_EQ(kill(*echo, SIGKILL), 0);
  FaultReport report;
  ASSERT_TRUE(t.WaitForFault("echo", &report));
  EXPECT_NE(report.cause.find("killed by KILL"), std::string::npos) << report.text;
}

TEST(TockdHarnessTest, PipelinedCommandsGetOneReplyEachInOrder) {
  auto tockd = Tockd::Start(
      {.apps = {"//apps/examples/hello:hello.tbf"}, .exit_when_done = false, .control = true});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  auto replies = (*tockd)->control().Pipeline({"leds", "launch missiles", "buttons"});
  ASSERT_TRUE(replies.ok()) << replies.status();
  ASSERT_EQ(replies->size(), 3u);
  ASSERT_TRUE((*replies)[0].ok()) << (*replies)[0].status();
  EXPECT_EQ((*replies)[0]->size(), 4u);  // four LEDs
  EXPECT_EQ((*replies)[0]->front(), "led 0 off");
  EXPECT_EQ((*replies)[1].status().code(), absl::StatusCode::kFailedPrecondition);
  ASSERT_TRUE((*replies)[2].ok()) << (*replies)[2].status();
  EXPECT_EQ((*replies)[2]->front(), "button 0 released");
  // The connection is still in step.
  EXPECT_TRUE((*tockd)->control().Request("leds").ok());
}

}  // namespace
}  // namespace tock::harness
