// Runs the real tock_app ELFs (examples and attack apps) under FakeKernel: checks libtock's
// syscall encoding, the host channel protocol, crt0 and the linker layout end to end, and
// that each attack app really performs its attack when nothing confines it.
#include <signal.h>

#include <string>

#include "apps/testing/fake_kernel.h"
#include "apps/testing/selftest_transcript.h"
#include "gtest/gtest.h"

namespace tock::apps::testing {
namespace {

std::string App(const std::string& path) { return path; }

std::string Trace(const FakeKernel& k) {
  std::string t = "console:\n" + k.console + "\nerror: " + k.error + "\nlast syscalls:\n";
  size_t from = k.trace.size() > 20 ? k.trace.size() - 20 : 0;
  for (size_t i = from; i < k.trace.size(); ++i) {
    t += k.trace[i] + "\n";
  }
  return t;
}

// crt0 calls exit(main(0, NULL)) as upstream libtock-c: main's return value is the Tock exit
// completion code.
TEST(AppRunTest, HelloPrintsGreetingThenExitsWithMainsReturnValue) {
  FakeKernel k("hello");
  EXPECT_EQ(k.Run(App("apps/examples/hello/hello.elf")), RunEnd::kExited) << Trace(k);
  EXPECT_EQ(k.exit_code, 0u);
  EXPECT_EQ(k.console, "Hello, World!\n");
}

TEST(AppRunTest, Crt0SetsBreakAndReportsStackAndHeap) {
  FakeKernel k("hello");
  ASSERT_EQ(k.Run(App("apps/examples/hello/hello.elf")), RunEnd::kExited) << Trace(k);
  ASSERT_GE(k.memops.size(), 3u);
  // brk to the end of .bss, then memop 10 (stack top = RAM start + 2048), 11 (heap start).
  EXPECT_EQ(k.memops[0].first, 0u);
  EXPECT_GT(k.memops[0].second, 0x20000800u);
  EXPECT_EQ(k.memops[1], std::make_pair(10u, 0x20000800u));
  EXPECT_EQ(k.memops[2], std::make_pair(11u, k.memops[0].second));
  EXPECT_EQ(k.app_break, k.memops[0].second);
}

TEST(AppRunTest, CounterPrintsItsPackageNameTenTimes) {
  FakeKernel k("counter_b");
  ASSERT_EQ(k.Run(App("apps/examples/counter/counter.elf")), RunEnd::kExited) << Trace(k);
  std::string expected;
  for (int i = 0; i < 10; ++i) {
    expected += "counter_b: " + std::to_string(i) + "\n";
  }
  expected += "counter_b: done\n";
  EXPECT_EQ(k.console, expected);
  // 100 ms per line in virtual time.
  EXPECT_GE(k.now_ticks, 10u * FakeKernel::kAlarmHz / 10 - 10);
}

TEST(AppRunTest, BlinkTogglesLedZeroOncePerVirtualSecond) {
  FakeKernel k("blink");
  k.stop_when = [](const FakeKernel& fk) { return fk.led_toggles[0] >= 60; };
  ASSERT_EQ(k.Run(App("apps/examples/blink/blink.elf")), RunEnd::kStopped) << Trace(k);
  EXPECT_EQ(k.led_toggles[0], 60u);
  EXPECT_EQ(k.led_toggles[1], 0u);
  // Toggle n happens at (n-1) s: the 60th at 59 s.
  EXPECT_EQ(k.now_ticks, 59ull * FakeKernel::kAlarmHz);
  EXPECT_EQ(k.console, "blink: toggling LED 0 every 1000 ms\n");
}

TEST(AppRunTest, ButtonPressTogglesLedAndPrints) {
  FakeKernel k("buttons");
  int presses = 0;
  k.on_idle = [&presses](FakeKernel& fk) {
    if (presses == 2) {
      return false;
    }
    fk.Queue({3, 0, {static_cast<uint32_t>(presses), 1, 0}});  // button `presses` pressed
    ++presses;
    return true;
  };
  ASSERT_EQ(k.Run(App("apps/examples/buttons/buttons.elf")), RunEnd::kIdle) << Trace(k);
  EXPECT_EQ(k.console,
            "buttons: ready, 2 buttons, 4 LEDs\n"
            "buttons: button 0 pressed, LED 0 toggled (Success)\n"
            "buttons: button 1 pressed, LED 1 toggled (Success)\n");
  EXPECT_EQ(k.led_toggles[0], 1u);
  EXPECT_EQ(k.led_toggles[1], 1u);
}

TEST(AppRunTest, RngPrintsRequestedBytes) {
  FakeKernel k("rng");
  ASSERT_EQ(k.Run(App("apps/examples/rng/rng.elf")), RunEnd::kExited) << Trace(k);
  ASSERT_EQ(k.console.rfind("rng: 16 bytes:", 0), 0u) << k.console;
  EXPECT_EQ(k.console.size(), std::string("rng: 16 bytes:").size() + size_t{16} * 3 + 1);
}

TEST(AppRunTest, SpinNeverMakesAnotherSyscall) {
  FakeKernel k("spin");
  k.stop_when = [](const FakeKernel& fk) { return fk.console == "spin: spinning forever\n"; };
  ASSERT_EQ(k.Run(App("apps/examples/spin/spin.elf")), RunEnd::kStopped) << Trace(k);
}

TEST(AppRunTest, LibtockSelftestTranscript) {
  FakeKernel k("selftest");
  ASSERT_EQ(k.Run(App("apps/testing/libtock_selftest.elf")), RunEnd::kExited) << Trace(k);
  EXPECT_EQ(k.exit_code, 7u);
  // stack = 4096 in BUILD: memop 10 reports the stack top one page up.
  ASSERT_GE(k.memops.size(), 2u);
  EXPECT_EQ(k.memops[1], std::make_pair(10u, 0x20001000u));
  EXPECT_EQ(k.console, kSelftestTranscript);
}

// ---- the same apps from their TBFs (tbf create --fixed-addresses): header, entry offset,
// binary placement and .data image as the kernel will see them ----

TEST(AppRunTbfTest, HelloTbfStartsAtTheBinaryAfterA256ByteHeader) {
  FakeKernel k("unused");
  EXPECT_EQ(k.Run(App("apps/examples/hello/hello.tbf")), RunEnd::kExited) << Trace(k);
  EXPECT_EQ(k.app_start, 0x10000100u);
  EXPECT_EQ(k.console, "Hello, World!\n");
}

TEST(AppRunTbfTest, CounterReadsPackageNameFromItsRealTbfHeader) {
  FakeKernel k("unused");
  ASSERT_EQ(k.Run(App("apps/examples/counter/counter_a.tbf")), RunEnd::kExited) << Trace(k);
  EXPECT_EQ(k.console.rfind("counter_a: 0\ncounter_a: 1\n", 0), 0u) << k.console;
}

TEST(AppRunTbfTest, SelftestTbfGivesTheSameTranscript) {
  FakeKernel k("unused");
  ASSERT_EQ(k.Run(App("apps/testing/libtock_selftest.tbf")), RunEnd::kExited) << Trace(k);
  EXPECT_EQ(k.console, kSelftestTranscript);
}

// ---- attack apps: each must announce itself, then really attack ----

struct AttackCase {
  const char* name;
  int signal;                // expected death without confinement, 0 = it escapes
  const char* escaped_line;  // expected console prefix after the attack when it escapes
};

class AttackAppTest : public ::testing::TestWithParam<AttackCase> {};

// int 0x80 from 64-bit code: a real i386 call where the kernel has IA32 emulation, a SEGV
// (no gate) where it has none. Either way the attack is real; under tockd it is contained.
TEST(AttackAppTest, Int80EntersLinuxOrTrapsWithoutIa32Emulation) {
  FakeKernel k("int80_syscall");
  RunEnd end = k.Run(App("tests/security/apps/int80_syscall.elf"));
  ASSERT_EQ(k.console.rfind("int80_syscall: int 0x80", 0), 0u) << Trace(k);
  if (end == RunEnd::kSignaled) {
    EXPECT_EQ(k.signal, SIGSEGV) << Trace(k);
  } else {
    EXPECT_NE(k.console.find("int80_syscall: ESCAPED ret="), std::string::npos) << Trace(k);
  }
}

// With garbage sequence numbers the app may read out-of-step replies; it must still get
// through to its last line (the fake kernel answers everything).
TEST(AttackAppTest, ChannelGarbageWithSequenceNumbersReachesTheEnd) {
  FakeKernel k("channel_garbage_seqs");
  k.Run(App("tests/security/apps/channel_garbage_seqs.elf"));
  ASSERT_EQ(k.console.rfind("channel_garbage_seqs: filling", 0), 0u) << Trace(k);
}

TEST_P(AttackAppTest, AnnouncesThenAttacks) {
  const AttackCase& c = GetParam();
  FakeKernel k(c.name);
  RunEnd end = k.Run(App(std::string("tests/security/apps/") + c.name + ".elf"));
  ASSERT_EQ(k.console.rfind(std::string(c.name) + ": ", 0), 0u) << Trace(k);
  if (c.signal != 0) {
    EXPECT_EQ(end, RunEnd::kSignaled) << Trace(k);
    EXPECT_EQ(k.signal, c.signal) << Trace(k);
    EXPECT_EQ(k.console.find("ESCAPED"), std::string::npos) << Trace(k);
  } else {
    EXPECT_NE(k.console.find(c.escaped_line), std::string::npos) << Trace(k);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Unconfined, AttackAppTest,
    ::testing::Values(AttackCase{"wild_write", SIGSEGV, ""}, AttackCase{"grant_write", SIGSEGV, ""},
                      AttackCase{"read_other", SIGSEGV, ""}, AttackCase{"read_kernel", SIGSEGV, ""},
                      AttackCase{"illegal_instruction", SIGILL, ""},
                      AttackCase{"stack_overflow", SIGSEGV, ""},
                      AttackCase{"restart_fault", SIGSEGV, ""},
                      // Without seccomp these succeed: proof the attack is real.
                      AttackCase{"forbidden_syscall", 0, "forbidden_syscall: ESCAPED ret="},
                      AttackCase{"forbidden_open", 0, "forbidden_open: ESCAPED ret="},
                      AttackCase{"mprotect_grant", 0, "mprotect_grant: ESCAPED"},
                      // -ENOSYS where the kernel has no x32 ABI: it still reached Linux.
                      AttackCase{"x32_syscall", 0, "x32_syscall: ESCAPED ret="},
                      AttackCase{"channel_garbage", 0,
                                 "channel_garbage: bad class reply kind=0 r0=0 r1=10\n"
                                 "channel_garbage: allow of the channel page: An invalid "
                                 "parameter was passed\nchannel_garbage: survived\n"}),
    [](const ::testing::TestParamInfo<AttackCase>& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace tock::apps::testing
