// One test per attack app (tests/security/apps): under the real tockd with the stop policy,
// the attack ends as a fault of that process only, with the right cause in its Tock-style
// dump; counter_a, running beside it the whole time, still completes; tockd exits 0.
#include <cinttypes>
#include <cstdint>
#include <fstream>
#include <functional>
#include <optional>
#include <regex>
#include <string>

#include "gtest/gtest.h"
#include "hostkernel/process/host_time.h"
#include "tests/harness/tockd.h"

namespace tock::security {
namespace {

using harness::ExitStatus;
using harness::FaultReport;
using harness::Stream;
using harness::Tockd;

constexpr char kBystander[] = "//apps/examples/counter:counter_a.tbf";

// The first hex number after `prefix` in the console (what the app announced), if any.
std::optional<uint32_t> AnnouncedAddress(const std::string& console, const std::string& prefix) {
  std::smatch m;
  std::regex re(prefix + "(0x[0-9a-fA-F]+)");
  if (!std::regex_search(console, m, re)) {
    return std::nullopt;
  }
  return static_cast<uint32_t>(std::stoul(m[1], nullptr, 16));
}

struct AttackRun {
  std::unique_ptr<Tockd> tockd;
  FaultReport fault;
};

// Starts `app` (the attacker) and counter_a, waits for the attack's announcement (then runs
// `announced`, if given) and its fault dump, then for counter_a to finish and tockd to exit 1
// (--exit-when-done: an app faulted; not 3, a kernel panic). Fails the test if any step fails.
AttackRun RunAttack(const std::string& app,
                    const std::function<void(Tockd&)>& announced = nullptr) {
  AttackRun run;
  auto tockd = Tockd::Start({.apps = {"//tests/security/apps:" + app + ".tbf", kBystander},
                             .flags = {"--fault-policy=stop"}});
  if (!tockd.ok()) {
    ADD_FAILURE() << tockd.status();
    return run;
  }
  run.tockd = *std::move(tockd);
  Tockd& t = *run.tockd;
  EXPECT_TRUE(t.WaitForConsole(app + ": "));  // the attack is about to happen
  if (announced) {
    announced(t);
  }
  EXPECT_TRUE(t.WaitForFault(app, &run.fault));
  EXPECT_TRUE(t.WaitForConsole("counter_a: done\n"));  // the other app kept running
  EXPECT_EQ(t.WaitForExit(), ExitStatus::Exited(1));   // and the kernel never went down
  EXPECT_EQ(t.Lines(Stream::kLog).back(), "tockd: exiting 1: app '" + app + "' faulted");
  EXPECT_EQ(t.Count(Stream::kConsole, "ESCAPED"), 0) << t.Console();
  EXPECT_EQ(t.Count(Stream::kLog, "kernel panic"), 0);
  std::vector<FaultReport> faults = t.Faults();
  EXPECT_EQ(faults.size(), 1u) << t.Log();  // only the attacker, only once
  // The dump is Tock-style: cause, then the memory map with break and grant usage.
  EXPECT_NE(run.fault.text.find("App memory map:"), std::string::npos) << run.fault.text;
  EXPECT_NE(run.fault.text.find("app break"), std::string::npos) << run.fault.text;
  EXPECT_NE(run.fault.text.find("grants"), std::string::npos) << run.fault.text;
  return run;
}

void ExpectSegvAt(const FaultReport& fault, uint32_t address) {
  EXPECT_EQ(fault.cause.rfind("killed by SEGV", 0), 0u) << fault.cause;
  EXPECT_NE(fault.cause.find("signal 11"), std::string::npos) << fault.cause;
  ASSERT_TRUE(fault.fault_address.has_value()) << fault.text;
  EXPECT_EQ(*fault.fault_address, address) << fault.text;
}

void ExpectForbiddenSyscall(const FaultReport& fault) {
  EXPECT_EQ(fault.cause.rfind("killed by SYS", 0), 0u) << fault.cause;
  EXPECT_NE(fault.cause.find("forbidden system call"), std::string::npos) << fault.cause;
}

TEST(AttackTest, WildWriteIsASegvAtTheTarget) {
  AttackRun run = RunAttack("wild_write");
  ExpectSegvAt(run.fault, 0x40000000u);
}

TEST(AttackTest, WriteIntoOwnGrantRegionIsASegvAtTheGrant) {
  AttackRun run = RunAttack("grant_write");
  ASSERT_TRUE(run.tockd);
  std::optional<uint32_t> grant =
      AnnouncedAddress(run.tockd->Console(), "grant_write: writing to grant region at ");
  ASSERT_TRUE(grant.has_value()) << run.tockd->Console();
  ExpectSegvAt(run.fault, *grant);
  // The grant is mapped but PROT_NONE for the app: an access error, not a missing page.
  EXPECT_NE(run.fault.cause.find("code 2"), std::string::npos) << run.fault.cause;
}

TEST(AttackTest, ReadOfAnAddressOutsideTheAppIsASegv) {
  AttackRun run = RunAttack("read_other");
  ExpectSegvAt(run.fault, 0x30000000u);
}

TEST(AttackTest, ReadOfAKernelAddressIsASegv) {
  AttackRun run = RunAttack("read_kernel");
  ExpectSegvAt(run.fault, 0xC0000000u);
}

TEST(AttackTest, GetpidIsKilledBySeccomp) {
  AttackRun run = RunAttack("forbidden_syscall");
  ExpectForbiddenSyscall(run.fault);
  EXPECT_NE(run.fault.cause.find("getpid #39"), std::string::npos) << run.fault.cause;
}

TEST(AttackTest, OpenIsKilledBySeccomp) {
  AttackRun run = RunAttack("forbidden_open");
  ExpectForbiddenSyscall(run.fault);
  EXPECT_NE(run.fault.cause.find("openat #257"), std::string::npos) << run.fault.cause;
}

TEST(AttackTest, MprotectOfOwnGrantRegionIsRefusedByTheKernel) {
  AttackRun run = RunAttack("mprotect_grant");
  ASSERT_TRUE(run.tockd);
  std::optional<uint32_t> page =
      AnnouncedAddress(run.tockd->Console(), "mprotect_grant: mprotect\\(");
  ASSERT_TRUE(page.has_value()) << run.tockd->Console();
  EXPECT_NE(run.fault.cause.find("mprotect not approved"), std::string::npos) << run.fault.cause;
  char args[64];
  snprintf(args, sizeof args, "(0x%x, 0x1000, 3)", *page);
  EXPECT_NE(run.fault.cause.find(args), std::string::npos) << run.fault.cause;
  // The call never returned to the app.
  EXPECT_EQ(run.tockd->Count(Stream::kConsole, "mprotect returned"), 0);
}

// An i386 call from the app's 64-bit code: the filter's arch check kills it where the kernel
// has IA32 emulation; where it has none, `int $0x80` is no gate and the app takes a SEGV.
TEST(AttackTest, I386SyscallThroughInt80IsContained) {
  AttackRun run = RunAttack("int80_syscall");
  if (run.fault.cause.rfind("killed by SEGV", 0) != 0) {
    ExpectForbiddenSyscall(run.fault);
  }
}

TEST(AttackTest, X32NumberedSyscallIsKilledBySeccomp) {
  AttackRun run = RunAttack("x32_syscall");
  ExpectForbiddenSyscall(run.fault);
}

TEST(AttackTest, IllegalInstructionIsASigillAtTheInstruction) {
  AttackRun run = RunAttack("illegal_instruction");
  EXPECT_EQ(run.fault.cause.rfind("killed by ILL", 0), 0u) << run.fault.cause;
  EXPECT_NE(run.fault.cause.find("signal 4"), std::string::npos) << run.fault.cause;
  ASSERT_TRUE(run.fault.fault_address.has_value()) << run.fault.text;
  // SIGILL reports the instruction: it lies in the app's flash (0x10000000..).
  EXPECT_GE(*run.fault.fault_address, 0x10000000u);
  EXPECT_LT(*run.fault.fault_address, 0x10010000u);
  char eip[32];
  snprintf(eip, sizeof eip, "rip 0x%08x", *run.fault.fault_address);
  EXPECT_NE(run.fault.text.find(eip), std::string::npos) << run.fault.text;
}

TEST(AttackTest, StackOverflowRunsOffTheBottomOfRamIntoASegv) {
  AttackRun run = RunAttack("stack_overflow");
  EXPECT_EQ(run.fault.cause.rfind("killed by SEGV", 0), 0u) << run.fault.cause;
  ASSERT_TRUE(run.fault.fault_address.has_value()) << run.fault.text;
  EXPECT_LT(*run.fault.fault_address, 0x20000000u);  // just below RAM, not into .data
  EXPECT_GE(*run.fault.fault_address, 0x1FFF0000u);
}

TEST(AttackTest, ChannelPageGarbageIsAProtocolViolation) {
  AttackRun run = RunAttack("channel_garbage");
  EXPECT_NE(run.fault.cause.find("syscall channel protocol violation"), std::string::npos)
      << run.fault.cause;
}

TEST(AttackTest, ChannelGarbageWithBogusSequenceNumbersIsAProtocolViolation) {
  AttackRun run = RunAttack("channel_garbage_seqs");
  EXPECT_NE(run.fault.cause.find("syscall channel protocol violation"), std::string::npos)
      << run.fault.cause;
}

// --- Host time: rdtsc, rdtscp, the vDSO and the vsyscall page (issue 23). ---

constexpr char kHostTimeHidden[] = "host time is not readable; use the alarm driver";

// rdtsc/rdtscp fault where the CPU or hypervisor enforces PR_SET_TSC. Where it is accepted
// but ignored (a PVM guest, for one), nothing can stop the read: then the test checks that
// tockd says so at start, that the app reads on, and reports the case as skipped.
void ExpectTscReadContained(const std::string& app) {
  const hostkernel::RdtscTrapProbe probe = hostkernel::ProbeRdtscTrap();
  ASSERT_NE(probe.result, hostkernel::RdtscTrap::kProbeFailed) << probe.errno_value;
  if (probe.result == hostkernel::RdtscTrap::kFaults) {
    AttackRun run = RunAttack(app);
    EXPECT_EQ(run.fault.cause.rfind("killed by SEGV: " + app + " (" + kHostTimeHidden + ")", 0), 0u)
        << run.fault.cause;
    ASSERT_TRUE(run.fault.fault_address.has_value()) << run.fault.text;
    return;
  }
  auto tockd = Tockd::Start({.apps = {"//tests/security/apps:" + app + ".tbf", kBystander},
                             .flags = {"--fault-policy=stop"}});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  EXPECT_TRUE(t.WaitForConsole(app + ": ESCAPED"));
  EXPECT_TRUE(t.WaitForConsole("counter_a: done\n"));
  EXPECT_EQ(t.WaitForExit(), ExitStatus::Exited(0));
  EXPECT_EQ(t.Count(Stream::kLog, hostkernel::DescribeRdtscTrap(probe)), 1) << t.Log();
  GTEST_SKIP() << "this host does not make rdtsc fault: " << hostkernel::DescribeRdtscTrap(probe);
}

TEST(AttackTest, RdtscFaultsNamingHostTime) { ExpectTscReadContained("rdtsc"); }

TEST(AttackTest, RdtscpFaultsNamingHostTime) { ExpectTscReadContained("rdtscp"); }

// AT_SYSINFO_EHDR of a live process, from Linux's saved copy of its auxv (0 if none).
uint64_t VdsoOf(pid_t pid) {
  std::ifstream auxv("/proc/" + std::to_string(pid) + "/auxv", std::ios::binary);
  uint64_t entry[2];
  while (auxv.read(reinterpret_cast<char*>(entry), sizeof(entry)) && entry[0] != 0) {
    if (entry[0] == 33) {
      return entry[1];
    }
  }
  return 0;
}

// The app cannot find the vDSO (vdso_call.c says why), so the test leaks its address to it.
// The vDSO and vvar pages are gone from the process before the app's first instruction, and
// the call faults at the address, named.
TEST(AttackTest, CallIntoTheRemovedVdsoIsNamed) {
  uint64_t vdso = 0;
  AttackRun run = RunAttack("vdso_call", [&](Tockd& t) {
    std::optional<pid_t> pid = t.AppPid("vdso_call");
    ASSERT_TRUE(pid.has_value());
    std::ifstream maps_file("/proc/" + std::to_string(*pid) + "/maps");
    const std::string maps((std::istreambuf_iterator<char>(maps_file)),
                           std::istreambuf_iterator<char>());
    EXPECT_EQ(maps.find("[vdso]"), std::string::npos) << maps;
    EXPECT_EQ(maps.find("[vvar"), std::string::npos) << maps;
    vdso = VdsoOf(*pid);
    ASSERT_NE(vdso, 0u);
    char line[32];
    snprintf(line, sizeof line, "0x%" PRIx64 "\n", vdso);
    ASSERT_TRUE(t.TypeConsole(line));
  });
  ASSERT_NE(vdso, 0u);
  EXPECT_EQ(run.fault.cause.rfind("killed by SEGV: call into the removed vDSO", 0), 0u)
      << run.fault.cause;
  char rip[32];
  const uint64_t target = vdso + 0x100;  // where vdso_call.c calls
  snprintf(rip, sizeof rip, "rip 0x%" PRIx64, target);
  EXPECT_NE(run.fault.cause.find(rip), std::string::npos) << run.fault.cause;
}

// gettimeofday through the vsyscall page: Linux emulates it through seccomp, which refuses it.
TEST(AttackTest, VsyscallGettimeofdayIsRefusedAndNamed) {
  AttackRun run = RunAttack("vsyscall_time");
  if (run.fault.cause.rfind("killed by SEGV", 0) == 0) {  // vsyscall=none: no page at all
    EXPECT_NE(run.fault.cause.find("jump to 0xffffffffff600000"), std::string::npos)
        << run.fault.cause;
    return;
  }
  ExpectForbiddenSyscall(run.fault);
  EXPECT_NE(run.fault.cause.find(std::string("gettimeofday #96, through the vsyscall page: ") +
                                 kHostTimeHidden),
            std::string::npos)
      << run.fault.cause;
}

const std::vector<std::string>& AllAttacks() {
  static const std::vector<std::string> attacks = {
      "wild_write",     "grant_write",     "read_other",    "read_kernel", "forbidden_syscall",
      "forbidden_open", "mprotect_grant",  "int80_syscall", "x32_syscall", "illegal_instruction",
      "stack_overflow", "channel_garbage", "vsyscall_time"};
  return attacks;
}

// Every attack again, all at once beside one bystander: each is contained on its own.
TEST(AttackTest, AllAttacksTogetherFaultOnlyThemselves) {
  // 14 apps: more than the default 8 process slots.
  harness::TockdOptions options{.flags = {"--fault-policy=stop", "--max-processes=16"}};
  for (const std::string& a : AllAttacks()) {
    options.apps.push_back("//tests/security/apps:" + a + ".tbf");
  }
  options.apps.push_back(kBystander);
  auto tockd = Tockd::Start(options);
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  for (const std::string& a : AllAttacks()) {
    EXPECT_TRUE(t.WaitForFault(a)) << a;
  }
  EXPECT_TRUE(t.WaitForConsole("counter_a: done\n"));
  EXPECT_EQ(t.WaitForExit(), ExitStatus::Exited(1));  // apps faulted; no kernel panic (3)
  EXPECT_EQ(t.Faults().size(), AllAttacks().size()) << t.Log();
  EXPECT_EQ(t.Count(Stream::kConsole, "ESCAPED"), 0) << t.Console();
}

// Restarted attackers attack again with fresh memory; each life is one more contained fault
// with the same cause, and the bystander is unaffected.
TEST(AttackTest, RestartedAttackersStayContained) {
  constexpr int kRestarts = 2;
  harness::TockdOptions options{
      .flags = {"--fault-policy=restart:" + std::to_string(kRestarts), "--max-processes=16"}};
  for (const std::string& a : AllAttacks()) {
    options.apps.push_back("//tests/security/apps:" + a + ".tbf");
  }
  options.apps.push_back(kBystander);
  auto tockd = Tockd::Start(options);
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  for (const std::string& a : AllAttacks()) {
    EXPECT_TRUE(t.WaitForFault(a, nullptr, kRestarts)) << a;
  }
  EXPECT_TRUE(t.WaitForConsole("counter_a: done\n"));
  EXPECT_EQ(t.WaitForExit(), ExitStatus::Exited(1));  // apps faulted; no kernel panic (3)
  std::vector<FaultReport> faults = t.Faults();
  EXPECT_EQ(faults.size(), AllAttacks().size() * (kRestarts + 1)) << t.Log();
  for (const std::string& a : AllAttacks()) {
    std::string first_cause_kind;
    int lives = 0;
    for (const FaultReport& f : faults) {
      if (f.app != a) {
        continue;
      }
      EXPECT_EQ(f.restart_count, lives) << a;
      // Same kind of fault every life (addresses may differ, e.g. grant placement).
      std::string kind = f.cause.substr(0, f.cause.find_first_of("[("));
      if (lives == 0) {
        first_cause_kind = kind;
      }
      EXPECT_EQ(kind, first_cause_kind) << a;
      ++lives;
    }
    EXPECT_EQ(lives, kRestarts + 1) << a;
  }
  EXPECT_EQ(t.Count(Stream::kConsole, "ESCAPED"), 0) << t.Console();
}

}  // namespace
}  // namespace tock::security
