// Fault policies and --exit-when-done exit codes through the real tockd: restart N times then
// stop, per-app overrides, stop (tockd exits 1 when an app faulted, naming it last), and panic
// (the kernel exits non-zero, 3).
#include <string>

#include "gtest/gtest.h"
#include "tests/harness/tockd.h"

namespace tock::integration {
namespace {

using harness::ExitStatus;
using harness::FaultReport;
using harness::Stream;
using harness::Tockd;

constexpr char kRestartFault[] = "//tests/security/apps:restart_fault.tbf";
constexpr char kWildWrite[] = "//tests/security/apps:wild_write.tbf";
constexpr char kCounterA[] = "//apps/examples/counter:counter_a.tbf";
constexpr char kHello[] = "//apps/examples/hello:hello.tbf";
constexpr char kLinuxExit[] = "//tests/integration/apps:linux_exit.tbf";
constexpr int kPanicExitCode = 3;  // tockd --help: exit 3 on kernel panic

TEST(FaultPolicyTest, RestartPolicyRestartsNTimesThenStops) {
  auto tockd =
      Tockd::Start({.apps = {kRestartFault, kHello}, .flags = {"--fault-policy=restart:3"}});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  ASSERT_TRUE(t.WaitForFault("restart_fault", nullptr, 3));
  ASSERT_EQ(t.WaitForExit(), ExitStatus::Exited(1));  // --exit-when-done: an app faulted
  EXPECT_EQ(t.Lines(Stream::kLog).back(), "tockd: exiting 1: app 'restart_fault' faulted 4 times");

  // One start and one dump per life: the first run plus 3 restarts, then no more.
  EXPECT_EQ(t.Count(Stream::kConsole, "restart_fault: started\n"), 4);
  std::vector<FaultReport> faults = t.Faults();
  ASSERT_EQ(faults.size(), 4u) << t.Log();
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(faults[i].app, "restart_fault");
    EXPECT_EQ(faults[i].restart_count, i);
    EXPECT_NE(faults[i].cause.find("killed by SEGV"), std::string::npos) << faults[i].cause;
    EXPECT_EQ(faults[i].fault_address, 0u);
  }
  EXPECT_EQ(t.Count(Stream::kConsole, "Hello, World!\n"), 1);
  EXPECT_EQ(t.Count(Stream::kLog, "kernel panic"), 0);
}

TEST(FaultPolicyTest, ExhaustedRestartPolicyLeavesTheProcessFaulted) {
  auto tockd = Tockd::Start({.apps = {kRestartFault},
                             .flags = {"--fault-policy=restart:2"},
                             .exit_when_done = false,
                             .control = true});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  ASSERT_TRUE(t.WaitForFault("restart_fault", nullptr, 2));
  auto p = t.control().Inspect("restart_fault");
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->state, "faulted");
  EXPECT_EQ(p->restarts, 2);
  EXPECT_FALSE(t.WaitForFault("restart_fault", nullptr, 3, absl::Milliseconds(100)));
}

TEST(FaultPolicyTest, PerAppOverrideWinsOverTheDefaultPolicy) {
  auto tockd = Tockd::Start({.apps = {kRestartFault, kCounterA},
                             .flags = {"--fault-policy=panic,restart_fault=restart:1"}});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  ASSERT_TRUE(t.WaitForConsole("counter_a: done\n"));
  ASSERT_EQ(t.WaitForExit(), ExitStatus::Exited(1));
  EXPECT_EQ(t.Count(Stream::kConsole, "restart_fault: started\n"), 2);
  EXPECT_EQ(t.Faults().size(), 2u);
  EXPECT_EQ(t.Count(Stream::kLog, "kernel panic"), 0);
}

TEST(FaultPolicyTest, StopPolicyStopsOnlyTheFaultyApp) {
  auto tockd = Tockd::Start({.apps = {kRestartFault, kCounterA}, .flags = {"--fault-policy=stop"}});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  ASSERT_TRUE(t.WaitForFault("restart_fault"));
  EXPECT_TRUE(t.WaitForConsole("counter_a: done\n"));
  ASSERT_EQ(t.WaitForExit(), ExitStatus::Exited(1));
  EXPECT_EQ(t.Lines(Stream::kLog).back(), "tockd: exiting 1: app 'restart_fault' faulted");
  EXPECT_EQ(t.Count(Stream::kConsole, "restart_fault: started\n"), 1);
  EXPECT_EQ(t.Faults().size(), 1u);
}

TEST(FaultPolicyTest, PanicPolicyEndsTheKernelWithExitCode3) {
  auto tockd = Tockd::Start({.apps = {kWildWrite, kCounterA}});  // default policy: panic
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  FaultReport fault;
  ASSERT_TRUE(t.WaitForFault("wild_write", &fault));
  EXPECT_EQ(t.WaitForExit(), ExitStatus::Exited(kPanicExitCode));
  EXPECT_EQ(t.Lines(Stream::kLog).back().rfind("tockd: exiting 3: kernel panic (", 0), 0u);
  EXPECT_TRUE(t.WaitForLog("kernel panic"));
  EXPECT_NE(t.Log().find("wild_write"), std::string::npos);
  EXPECT_EQ(t.Count(Stream::kConsole, "counter_a: done"), 0);  // the kernel stopped
}

TEST(FaultPolicyTest, PanicWithoutExitWhenDoneStillEndsTockd) {
  auto tockd = Tockd::Start({.apps = {kWildWrite}, .exit_when_done = false});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  ExitStatus status = (*tockd)->WaitForExit();
  EXPECT_FALSE(status.running());
  EXPECT_NE(status, ExitStatus::Exited(0));
  EXPECT_EQ(status.kind, ExitStatus::Kind::kExited) << status.ToString();  // no crash
}

TEST(FaultPolicyTest, LinuxExitWithoutATockExitIsAFault) {
  auto tockd = Tockd::Start({.apps = {kLinuxExit, kCounterA}, .flags = {"--fault-policy=stop"}});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  FaultReport fault;
  ASSERT_TRUE(t.WaitForFault("linux_exit", &fault));
  EXPECT_EQ(fault.cause, "exited with status 7 without a Tock exit");
  EXPECT_FALSE(fault.fault_address.has_value());
  EXPECT_TRUE(t.WaitForConsole("counter_a: done\n"));
  EXPECT_EQ(t.WaitForExit(), ExitStatus::Exited(1));
  EXPECT_EQ(t.Count(Stream::kConsole, "still here"), 0);
}

TEST(FaultPolicyTest, ExitWhenDoneExitsZeroAfterANormalRun) {
  auto tockd = Tockd::Start({.apps = {kHello, kCounterA}});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  EXPECT_EQ((*tockd)->WaitForExit(), ExitStatus::Exited(0));
  EXPECT_NE((*tockd)->Console().find("counter_a: done\n"), std::string::npos);
  EXPECT_TRUE((*tockd)->Faults().empty());
}

}  // namespace
}  // namespace tock::integration
