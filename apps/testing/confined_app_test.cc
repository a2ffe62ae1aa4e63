// The app TBFs under the real isolation (hostkernel LinuxProcess: launcher, seccomp filter,
// brk/mprotect gate) with FakeKernel's scripted drivers standing in for tockd's
// capsules: the examples run unchanged, and every attack app ends contained.
#include <signal.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "apps/testing/fake_kernel.h"
#include "apps/testing/selftest_transcript.h"
#include "gtest/gtest.h"

namespace tock::apps::testing {
namespace {

std::string Trace(const FakeKernel& k) {
  std::string t = "console:\n" + k.console + "\nerror: " + k.error +
                  "\nexit: " + k.exit_description + "\nlast syscalls:\n";
  size_t from = k.trace.size() > 20 ? k.trace.size() - 20 : 0;
  for (size_t i = from; i < k.trace.size(); ++i) {
    t += k.trace[i] + "\n";
  }
  return t;
}

TEST(ConfinedAppTest, HelloPrintsThroughTheVdsoChannel) {
  FakeKernel k("hello");
  EXPECT_EQ(k.RunConfined("apps/examples/hello/hello.tbf"), RunEnd::kExited) << Trace(k);
  EXPECT_EQ(k.exit_code, 0u);  // exit(main())
  EXPECT_EQ(k.console, "Hello, World!\n");
}

TEST(ConfinedAppTest, SelftestGrowsAndShrinksItsBreakThroughTheGate) {
  FakeKernel k("selftest");
  ASSERT_EQ(k.RunConfined("apps/testing/libtock_selftest.tbf"), RunEnd::kExited) << Trace(k);
  EXPECT_EQ(k.exit_code, 7u);
  EXPECT_EQ(k.console, kSelftestTranscript);
}

TEST(ConfinedAppTest, BlinkTogglesSixtyTimesInSixtyVirtualSeconds) {
  FakeKernel k("blink");
  k.stop_when = [](const FakeKernel& fk) { return fk.led_toggles[0] >= 60; };
  ASSERT_EQ(k.RunConfined("apps/examples/blink/blink.tbf"), RunEnd::kStopped) << Trace(k);
  EXPECT_EQ(k.now_ticks, 59ull * FakeKernel::kAlarmHz);
}

// Not a benchmark gate, a number for humans (run with --gtest_also_run_disabled_tests):
// libtock's command() round trip through the real channel, kernel side spinning.
TEST(ConfinedAppTest, DISABLED_NullSyscallRoundTrip) {
  FakeKernel k("null_syscall");
  auto start = std::chrono::steady_clock::now();
  ASSERT_EQ(k.RunConfined("apps/examples/null_syscall/null_syscall.tbf", 60000, /*spin=*/true),
            RunEnd::kIdle)
      << Trace(k);
  double ns =
      std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count();
  EXPECT_NE(k.console.find("null_syscall: done 100000"), std::string::npos) << Trace(k);
  std::printf("null_syscall: %u syscalls, %.0f ns per syscall (incl. spawn)\n", k.syscalls,
              ns / k.syscalls);
}

struct Contained {
  const char* name;
  int signal;  // expected signal; -1 = SIGSYS or SIGSEGV (IA32 emulation on/off); 0 = see test
};

class ContainedAttackTest : public ::testing::TestWithParam<Contained> {};

TEST_P(ContainedAttackTest, AttackEndsInAFaultNotAnEscape) {
  const Contained& c = GetParam();
  FakeKernel k(c.name);
  RunEnd end = k.RunConfined(std::string("tests/security/apps/") + c.name + ".tbf");
  EXPECT_EQ(k.console.rfind(std::string(c.name) + ": ", 0), 0u) << Trace(k);
  EXPECT_EQ(k.console.find("ESCAPED"), std::string::npos) << Trace(k);
  ASSERT_EQ(end, RunEnd::kSignaled) << Trace(k);
  if (c.signal == -1) {
    EXPECT_TRUE(k.signal == SIGSYS || k.signal == SIGSEGV) << Trace(k);
  } else if (c.signal == 0) {
    // mprotect on the grant region: the gate kills it, or the filter does.
    EXPECT_TRUE(k.killed_by_kernel || k.signal == SIGSYS) << Trace(k);
  } else {
    EXPECT_EQ(k.signal, c.signal) << Trace(k);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Apps, ContainedAttackTest,
    ::testing::Values(Contained{"wild_write", SIGSEGV}, Contained{"grant_write", SIGSEGV},
                      Contained{"read_other", SIGSEGV}, Contained{"read_kernel", SIGSEGV},
                      Contained{"forbidden_syscall", SIGSYS}, Contained{"forbidden_open", SIGSYS},
                      Contained{"mprotect_grant", 0}, Contained{"int80_syscall", -1},
                      Contained{"x32_syscall", SIGSYS}, Contained{"illegal_instruction", SIGILL},
                      Contained{"stack_overflow", SIGSEGV}, Contained{"restart_fault", SIGSEGV}),
    [](const ::testing::TestParamInfo<Contained>& info) { return std::string(info.param.name); });

// Garbage in the channel: an error return or a kill (today LinuxProcess reports the bad class
// as a protocol violation), never a hang or an escape.
TEST(ConfinedAppTest, ChannelGarbageGetsAnErrorOrIsKilled) {
  for (const char* name : {"channel_garbage", "channel_garbage_seqs"}) {
    FakeKernel k(name);
    RunEnd end = k.RunConfined(std::string("tests/security/apps/") + name + ".tbf");
    EXPECT_NE(end, RunEnd::kTimeout) << name << "\n" << Trace(k);
    EXPECT_TRUE(end == RunEnd::kViolation || end == RunEnd::kSignaled || end == RunEnd::kIdle)
        << name << "\n"
        << Trace(k);
    if (end == RunEnd::kIdle) {
      EXPECT_NE(k.console.find(std::string(name) + ": survived"), std::string::npos) << Trace(k);
    }
  }
}

}  // namespace
}  // namespace tock::apps::testing
