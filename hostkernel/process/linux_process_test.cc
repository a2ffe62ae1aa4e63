// LinuxProcess against real x32 children, the real launcher and real seccomp:
// the puppet test app (testdata/puppet_app.c) does what each reply tells it.
#include "hostkernel/process/linux_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "hostkernel/abi/tock_launch.h"
#include "hostkernel/process/testdata/puppet_image.h"

namespace tock::hostkernel {
namespace {

constexpr uint32_t kFlash = TOCK_HOST_FLASH_ADDR;
constexpr uint32_t kRam = TOCK_HOST_RAM_ADDR;
constexpr uint32_t kRamSize = 16 * kHostPageSize;

enum Op : uint32_t {
  kEcho = PUPPET_ECHO,
  kWrite32 = PUPPET_WRITE32,
  kRead32 = PUPPET_READ32,
  kSyscall = PUPPET_SYSCALL,
  kMprotect = PUPPET_MPROTECT,
  kSpin = PUPPET_SPIN,
  kInt80 = PUPPET_INT80,
  kMemop = PUPPET_MEMOP,
  kExit = PUPPET_EXIT,
  kX32Syscall = PUPPET_X32_SYSCALL,
  kUd2 = PUPPET_UD2,
  kRecurse = PUPPET_RECURSE,
  kGarbage = PUPPET_GARBAGE,
};

using testing::PuppetImage;

struct Event {
  enum Kind { kRequest, kLaunched, kExited, kViolation, kTimeout } kind = kTimeout;
  ChannelRequest req;
  ExitInfo exit;
};

// Waits for the next thing the child does, answering seccomp notifications on
// the way. The timeout only turns a hang into a failure; nothing sleeps.
Event WaitEvent(LinuxProcess& p) {
  for (;;) {
    ChannelRequest r;
    switch (p.PollRequest(&r)) {
      case LinuxProcess::Poll::kSyscall:
        return {Event::kRequest, r, {}};
      case LinuxProcess::Poll::kLaunched:
        return {Event::kLaunched, r, {}};
      case LinuxProcess::Poll::kProtocolViolation:
        return {Event::kViolation, r, {}};
      case LinuxProcess::Poll::kNone:
        break;
    }
    if (auto e = p.TryReap()) {
      return {Event::kExited, {}, *e};
    }
    pollfd fds[3] = {
        {p.eventfd(), POLLIN, 0}, {p.pidfd(), POLLIN, 0}, {p.listener_fd(), POLLIN, 0}};
    if (poll(fds, p.listener_fd() >= 0 ? 3 : 2, 20000) == 0) {
      return {};
    }
    if (fds[0].revents) {
      p.DrainEventfd();
    }
    if (p.listener_fd() >= 0 && fds[2].revents) {
      p.HandleSeccompNotification();
    }
  }
}

class LinuxProcessTest : public ::testing::Test {
 protected:
  // Spawns the puppet with its TBF start `pad` bytes below the code, runs it to
  // its first request and checks the crt0 registers it was entered with.
  void Launch(uint32_t pad = 0) {
    std::vector<uint8_t> image(pad, 0);
    std::vector<uint8_t> code = PuppetImage();
    ASSERT_FALSE(code.empty());
    image.insert(image.end(), code.begin(), code.end());
    auto mem = AppMemory::Create(kFlash - pad, image, kRam, kRamSize);
    ASSERT_TRUE(mem.ok()) << mem.status();
    memory_ = *std::move(mem);
    auto p = LinuxProcess::Spawn(*memory_,
                                 {.entry = kFlash, .app_start = kFlash, .name = "puppet-test"});
    ASSERT_TRUE(p.ok()) << p.status();
    proc_ = *std::move(p);
    ASSERT_EQ(WaitEvent(*proc_).kind, Event::kLaunched);
    proc_->Start();
    Event e = WaitEvent(*proc_);
    ASSERT_EQ(e.kind, Event::kRequest) << e.exit.Describe();
    EXPECT_EQ(e.req.syscall_class, 2u);
    EXPECT_EQ(e.req.arg[0], kFlash);
    EXPECT_EQ(e.req.arg[1], kRam);
    EXPECT_EQ(e.req.arg[2], kRamSize);
    EXPECT_EQ(e.req.arg[3], kRam + TOCK_HOST_INITIAL_BREAK_BYTES);
  }

  // Replies with an op and returns what the puppet does next.
  Event Do(uint32_t op, uint32_t x = 0, uint32_t y = 0, uint32_t z = 0) {
    tock_channel_reply rep{};
    rep.r[0] = op;
    rep.r[1] = x;
    rep.r[2] = y;
    rep.r[3] = z;
    proc_->Reply(rep);
    return WaitEvent(*proc_);
  }

  Event ExpectRequest(uint32_t op, uint32_t x = 0, uint32_t y = 0, uint32_t z = 0) {
    Event e = Do(op, x, y, z);
    EXPECT_EQ(e.kind, Event::kRequest) << e.exit.Describe();
    return e;
  }

  ExitInfo ExpectExit(uint32_t op, uint32_t x = 0, uint32_t y = 0, uint32_t z = 0) {
    Event e = Do(op, x, y, z);
    EXPECT_EQ(e.kind, Event::kExited);
    return e.exit;
  }

  std::unique_ptr<AppMemory> memory_;
  std::unique_ptr<LinuxProcess> proc_;
};

TEST_F(LinuxProcessTest, RequestReplyRoundTripCarriesAllRegisters) {
  Launch();
  for (uint32_t i = 0; i < 1000; ++i) {
    Event e = ExpectRequest(kEcho, i, 2 * i, 0xfffffffeu);
    ASSERT_EQ(e.req.syscall_class, 2u);
    ASSERT_EQ(e.req.arg[0], i + 1);
    ASSERT_EQ(e.req.arg[1], 2 * i + 1);
    ASSERT_EQ(e.req.arg[2], 0xffffffffu);
  }
}

// The launcher takes host time away before the app runs: no [vdso], [vvar] or [vvar_vclock]
// is left in the child, and its handshake says where the vDSO was (Linux's own record, the
// saved auxv) and that PR_SET_TSC was accepted wherever the host accepts it.
TEST_F(LinuxProcessTest, LauncherRemovesTheVdsoAndVvarAndReportsIt) {
  Launch();
  const std::string proc = "/proc/" + std::to_string(proc_->pid());
  std::ifstream maps_file(proc + "/maps");
  const std::string maps((std::istreambuf_iterator<char>(maps_file)),
                         std::istreambuf_iterator<char>());
  ASSERT_NE(maps.find("tock-flash"), std::string::npos) << maps;
  EXPECT_EQ(maps.find("[vdso]"), std::string::npos) << maps;
  EXPECT_EQ(maps.find("[vvar"), std::string::npos) << maps;

  std::ifstream auxv(proc + "/auxv", std::ios::binary);
  uint64_t entry[2];
  uint64_t vdso = 0;
  while (auxv.read(reinterpret_cast<char*>(entry), sizeof(entry)) && entry[0] != 0) {
    if (entry[0] == 33 /*AT_SYSINFO_EHDR*/) {
      vdso = entry[1];
    }
  }
  ASSERT_NE(vdso, 0u) << "this kernel gives processes no vDSO";
  const HostTimeHiding& hidden = proc_->host_time();
  EXPECT_EQ(hidden.vdso, vdso);
  EXPECT_GE(hidden.removed_end, vdso + kHostPageSize);  // the vDSO's code
  EXPECT_LT(hidden.removed_start, vdso);                // and the vvar pages below it
  EXPECT_EQ(hidden.tsc_faults, ProbeRdtscTrap().result != RdtscTrap::kRefused);
  EXPECT_EQ(Do(kEcho, 1).kind, Event::kRequest);  // and the app runs on
}

TEST_F(LinuxProcessTest, TbfStartNeedNotBePageAligned) {
  Launch(/*pad=*/0x20);
  EXPECT_EQ(ExpectRequest(kEcho, 41).req.arg[0], 42u);
}

TEST_F(LinuxProcessTest, KernelSeesAppWritesThroughItsOwnMapping) {
  Launch();
  const uint32_t addr = kRam + 0x100;
  ExpectRequest(kWrite32, addr, 0xc0ffee11);
  uint32_t seen;
  std::memcpy(&seen, memory_->RamPointer(addr, 4), 4);
  EXPECT_EQ(seen, 0xc0ffee11u);
  const uint32_t back = 0x5eed5eed;
  std::memcpy(memory_->RamPointer(addr + 4, 4), &back, 4);
  EXPECT_EQ(ExpectRequest(kRead32, addr + 4).req.arg[0], back);
}

TEST_F(LinuxProcessTest, ForbiddenSyscallIsKilledBySigsys) {
  Launch();
  ExitInfo e = ExpectExit(kSyscall, /*getpid*/ 39);
  EXPECT_EQ(e.cause, ExitInfo::Cause::kSignaled);
  EXPECT_EQ(e.signal, SIGSYS) << e.Describe();
  // The launcher's SIGSYS handler named the call before the process died by SIGSYS.
  ASSERT_TRUE(e.fault.has_value());
  EXPECT_EQ(e.fault->syscall_nr, 39u);
  EXPECT_EQ(e.fault->syscall_arch, 0xc000003eu);  // AUDIT_ARCH_X86_64
  EXPECT_GE(e.fault->addr, kFlash);               // the call site, in the app's code
  EXPECT_NE(e.Describe().find("forbidden system call getpid #39"), std::string::npos)
      << e.Describe();
}

TEST_F(LinuxProcessTest, ForbiddenMmapIsKilledBySigsys) {
  Launch();
  ExitInfo e = ExpectExit(kSyscall, /*mmap*/ 9, 0x40000000, 4096);
  EXPECT_EQ(e.signal, SIGSYS) << e.Describe();
  EXPECT_NE(e.Describe().find("mmap #9"), std::string::npos) << e.Describe();
}

TEST_F(LinuxProcessTest, WriteToAnFdOtherThanTheEventfdIsKilled) {
  Launch();
  ExitInfo e = ExpectExit(kSyscall, /*write*/ 1, /*stdout*/ 1, kFlash);
  EXPECT_EQ(e.signal, SIGSYS) << e.Describe();
}

// i386 calls: where the kernel has IA32 emulation the filter's arch check kills
// them (SIGSYS); where it has none, `int $0x80` is not even a gate (SIGSEGV).
TEST_F(LinuxProcessTest, I386SyscallThroughInt80IsContained) {
  Launch();
  ExitInfo e = ExpectExit(kInt80);
  EXPECT_EQ(e.cause, ExitInfo::Cause::kSignaled);
  EXPECT_TRUE(e.signal == SIGSYS || e.signal == SIGSEGV) << e.Describe();
}

TEST_F(LinuxProcessTest, X32NumberedSyscallIsKilledBySigsys) {
  Launch();
  ExitInfo e = ExpectExit(kX32Syscall);
  EXPECT_EQ(e.cause, ExitInfo::Cause::kSignaled);
  EXPECT_EQ(e.signal, SIGSYS) << e.Describe();
  ASSERT_TRUE(e.fault.has_value());
  EXPECT_EQ(e.fault->syscall_nr, 0x40000027u);
}

TEST_F(LinuxProcessTest, UnapprovedMprotectOfGrantRegionIsAFault) {
  Launch();
  const uint32_t grant_page = kRam + kRamSize - kHostPageSize;
  ExitInfo e = ExpectExit(kMprotect, grant_page, kHostPageSize, PROT_READ | PROT_WRITE);
  EXPECT_EQ(e.cause, ExitInfo::Cause::kKilledByKernel);
  EXPECT_NE(e.kernel_reason.find("mprotect not approved by the kernel"), std::string::npos);
}

TEST_F(LinuxProcessTest, WildWriteFaultsWithTheFaultAddress) {
  Launch();
  ExitInfo e = ExpectExit(kWrite32, 0x30000000, 1);
  EXPECT_EQ(e.cause, ExitInfo::Cause::kSignaled);
  EXPECT_EQ(e.signal, SIGSEGV);
  ASSERT_TRUE(e.fault.has_value());
  EXPECT_EQ(e.fault->signo, static_cast<uint32_t>(SIGSEGV));
  EXPECT_EQ(e.fault->addr, 0x30000000u);
  EXPECT_GE(e.fault->rip, kFlash);
  EXPECT_NE(e.Describe().find("0x30000000"), std::string::npos);
}

TEST_F(LinuxProcessTest, ReadingAboveTheBreakFaults) {
  Launch();
  const uint32_t addr = kRam + TOCK_HOST_INITIAL_BREAK_BYTES;
  EXPECT_EQ(proc_->reachable_end(), addr);
  ExitInfo e = ExpectExit(kRead32, addr);
  EXPECT_EQ(e.signal, SIGSEGV);
  ASSERT_TRUE(e.fault.has_value());
  EXPECT_EQ(e.fault->addr, addr);
}

TEST_F(LinuxProcessTest, ReadingTheGrantRegionFaults) {
  Launch();
  const uint32_t grant = kRam + kRamSize - 64;
  ExitInfo e = ExpectExit(kRead32, grant);
  EXPECT_EQ(e.signal, SIGSEGV);
  ASSERT_TRUE(e.fault.has_value());
  EXPECT_EQ(e.fault->addr, grant);
}

TEST_F(LinuxProcessTest, WritingTheGrantRegionFaults) {
  Launch();
  const uint32_t grant = kRam + kRamSize - 8;
  ExitInfo e = ExpectExit(kWrite32, grant, 0xdead);
  EXPECT_EQ(e.signal, SIGSEGV);
  ASSERT_TRUE(e.fault.has_value());
  EXPECT_EQ(e.fault->addr, grant);
  EXPECT_EQ(*memory_->RamPointer(grant, 1), 0);  // nothing landed
}

TEST_F(LinuxProcessTest, IllegalInstructionIsSigillWithItsAddress) {
  Launch();
  ExitInfo e = ExpectExit(kUd2);
  EXPECT_EQ(e.cause, ExitInfo::Cause::kSignaled);
  EXPECT_EQ(e.signal, SIGILL);
  ASSERT_TRUE(e.fault.has_value());
  EXPECT_GE(e.fault->rip, kFlash);
  EXPECT_LT(e.fault->rip, kFlash + 0x1000);
}

TEST_F(LinuxProcessTest, StackOverflowRunsOffTheBottomOfRamAndFaults) {
  Launch();
  ExitInfo e = ExpectExit(kRecurse);
  EXPECT_EQ(e.signal, SIGSEGV) << e.Describe();
  ASSERT_TRUE(e.fault.has_value());  // the handler ran on its own stack
  EXPECT_LT(e.fault->addr, kRam);
}

TEST_F(LinuxProcessTest, GarbageInTheChannelIsAProtocolViolationNotACrash) {
  Launch();
  tock_channel_reply rep{};
  rep.r[0] = kGarbage;
  rep.r[1] = 0xAB;
  proc_->Reply(rep);
  // The puppet never wakes us: poll the channel as tockd does when a timeslice ends.
  ChannelRequest r;
  LinuxProcess::Poll got;
  while ((got = proc_->PollRequest(&r)) == LinuxProcess::Poll::kNone) {
  }
  EXPECT_EQ(got, LinuxProcess::Poll::kProtocolViolation);
  EXPECT_EQ(r.syscall_class, 0xABABABABu);
  proc_->Kill("syscall channel protocol violation");
  EXPECT_EQ(proc_->WaitExit().cause, ExitInfo::Cause::kKilledByKernel);
}

TEST_F(LinuxProcessTest, MprotectWithOtherProtectionThanApprovedIsRejected) {
  Launch();
  ASSERT_EQ(Do(kMemop, 0, kRam + 2 * kHostPageSize).kind, Event::kRequest);
  auto change = proc_->ApproveBreak(kRam + 2 * kHostPageSize);
  ASSERT_TRUE(change.ok());
  proc_->Reply({});
  ASSERT_EQ(WaitEvent(*proc_).kind, Event::kRequest);
  // A new approval is pending (grow to 3 pages, RW); the app asks for RWX instead.
  auto next = proc_->ApproveBreak(kRam + 3 * kHostPageSize);
  ASSERT_TRUE(next.ok());
  ExitInfo e = ExpectExit(kMprotect, next->addr, next->len, PROT_READ | PROT_WRITE | PROT_EXEC);
  EXPECT_EQ(e.cause, ExitInfo::Cause::kKilledByKernel);
  EXPECT_NE(e.kernel_reason.find("not approved"), std::string::npos);
}

TEST_F(LinuxProcessTest, ApprovedBrkGrowsAccessAndZeroesNewPages) {
  Launch();
  const uint32_t new_break = kRam + 3 * kHostPageSize - 100;
  std::memset(memory_->RamPointer(kRam + kHostPageSize, 2 * kHostPageSize), 0xAA,
              size_t{2} * kHostPageSize);
  Event e = Do(kMemop, 0, new_break);
  ASSERT_EQ(e.kind, Event::kRequest);
  ASSERT_EQ(e.req.syscall_class, 5u);
  ASSERT_EQ(e.req.arg[1], new_break);
  auto change = proc_->ApproveBreak(new_break);
  ASSERT_TRUE(change.ok());
  EXPECT_EQ(change->addr, kRam + kHostPageSize);
  EXPECT_EQ(change->len, 2 * kHostPageSize);
  EXPECT_EQ(proc_->reachable_end(), kRam + 3 * kHostPageSize);
  EXPECT_EQ(*memory_->RamPointer(kRam + kHostPageSize, 1), 0);
  tock_channel_reply ok{};
  ok.r[0] = 128;
  proc_->Reply(ok);
  e = WaitEvent(*proc_);
  ASSERT_EQ(e.kind, Event::kRequest) << e.exit.Describe();
  EXPECT_EQ(e.req.arg[0], 128u);
  EXPECT_EQ(e.req.arg[2], 0u);  // the app's mprotect succeeded
  const uint32_t addr = kRam + 3 * kHostPageSize - 4;
  ExpectRequest(kWrite32, addr, 77);
  uint32_t seen;
  std::memcpy(&seen, memory_->RamPointer(addr, 4), 4);
  EXPECT_EQ(seen, 77u);
}

TEST_F(LinuxProcessTest, ApprovedShrinkLowersReachableOnlyOnceApplied) {
  Launch();
  ASSERT_EQ(Do(kMemop, 0, kRam + 4 * kHostPageSize).kind, Event::kRequest);
  ASSERT_TRUE(proc_->ApproveBreak(kRam + 4 * kHostPageSize).ok());
  proc_->Reply({});
  ASSERT_EQ(WaitEvent(*proc_).kind, Event::kRequest);

  ASSERT_EQ(Do(kMemop, 0, kRam + 2 * kHostPageSize).kind, Event::kRequest);
  auto change = proc_->ApproveBreak(kRam + 2 * kHostPageSize);
  ASSERT_TRUE(change.ok());
  EXPECT_EQ(change->prot, static_cast<uint32_t>(PROT_NONE));
  // Not applied yet: the child can still reach 4 pages.
  EXPECT_EQ(proc_->reachable_end(), kRam + 4 * kHostPageSize);
  proc_->Reply({});
  Event e = WaitEvent(*proc_);
  ASSERT_EQ(e.kind, Event::kRequest);
  EXPECT_EQ(e.req.arg[2], 0u);
  EXPECT_EQ(proc_->reachable_end(), kRam + 2 * kHostPageSize);
  ExitInfo exit = ExpectExit(kRead32, kRam + 3 * kHostPageSize);
  EXPECT_EQ(exit.signal, SIGSEGV);
}

TEST_F(LinuxProcessTest, ReplayingAnApprovedMprotectIsRejected) {
  Launch();
  ASSERT_EQ(Do(kMemop, 0, kRam + 2 * kHostPageSize).kind, Event::kRequest);
  auto change = proc_->ApproveBreak(kRam + 2 * kHostPageSize);
  ASSERT_TRUE(change.ok());
  proc_->Reply({});
  ASSERT_EQ(WaitEvent(*proc_).kind, Event::kRequest);
  ExitInfo e = ExpectExit(kMprotect, change->addr, change->len, change->prot);
  EXPECT_EQ(e.cause, ExitInfo::Cause::kKilledByKernel);
}

TEST_F(LinuxProcessTest, BusyLoopIsStoppedAndResumed) {
  Launch();
  const uint32_t counter = kRam + 0x200;
  volatile uint32_t* c = reinterpret_cast<volatile uint32_t*>(memory_->RamPointer(counter, 4));
  tock_channel_reply rep{};
  rep.r[0] = kSpin;
  rep.r[1] = counter;
  proc_->Reply(rep);
  while (*c < 1000) {
  }
  proc_->Stop();
  ASSERT_TRUE(proc_->WaitUntilStopped().ok());
  const uint32_t frozen = *c;
  std::ifstream stat("/proc/" + std::to_string(proc_->pid()) + "/stat");
  std::string pid, comm, state;
  stat >> pid >> comm >> state;
  EXPECT_EQ(state, "T");
  EXPECT_EQ(*c, frozen);
  proc_->Continue();
  while (*c == frozen) {
  }
  proc_->Kill("test over");
  EXPECT_EQ(proc_->WaitExit().cause, ExitInfo::Cause::kKilledByKernel);
}

// Blocks until the child's next stop (or continue) report exists, without consuming it.
void WaitForReport(const LinuxProcess& p, int which) {
  siginfo_t si{};
  ASSERT_EQ(waitid(P_PID, static_cast<id_t>(p.pid()), &si, which | WNOWAIT), 0);
}

TEST_F(LinuxProcessTest, StopsAndContinuesFromOutsideAreToldApartFromTockdsOwn) {
  Launch();
  tock_channel_reply rep{};
  rep.r[0] = kSpin;
  rep.r[1] = kRam + 0x200;
  proc_->Reply(rep);
  EXPECT_EQ(proc_->PollStopChange(), StopChange::kNone);
  // Spinning: it wants a CPU and its CPU clock moves.
  const std::optional<uint64_t> cpu0 = proc_->CpuTimeNs();
  ASSERT_TRUE(cpu0.has_value());
  while (proc_->CpuTimeNs().value_or(0) == *cpu0) {
  }
  EXPECT_TRUE(proc_->WantsCpu());
  // Someone else stops it.
  ASSERT_EQ(kill(proc_->pid(), SIGSTOP), 0);
  WaitForReport(*proc_, WSTOPPED);
  EXPECT_FALSE(proc_->WantsCpu());
  EXPECT_EQ(proc_->PollStopChange(), StopChange::kStoppedFromOutside);
  EXPECT_TRUE(proc_->state().stopped_from_outside());
  EXPECT_FALSE(proc_->stopped());
  // tockd's own continue would undo a stop it did not make: it sends none.
  proc_->Continue();
  ASSERT_EQ(kill(proc_->pid(), SIGCONT), 0);
  WaitForReport(*proc_, WCONTINUED);
  EXPECT_EQ(proc_->PollStopChange(), StopChange::kContinuedFromOutside);
  EXPECT_FALSE(proc_->state().stopped_from_outside());
  // tockd preempts it; its own stop is not reported as one from outside.
  proc_->Stop();
  ASSERT_TRUE(proc_->stopped());
  WaitForReport(*proc_, WSTOPPED);
  EXPECT_EQ(proc_->PollStopChange(), StopChange::kNone);
  // A continue from outside while preempted cannot let it run: it is stopped again.
  ASSERT_EQ(kill(proc_->pid(), SIGCONT), 0);
  WaitForReport(*proc_, WCONTINUED);
  EXPECT_EQ(proc_->PollStopChange(), StopChange::kPreemptionRestored);
  ASSERT_TRUE(proc_->WaitUntilStopped().ok());
  std::ifstream stat("/proc/" + std::to_string(proc_->pid()) + "/stat");
  std::string pid, comm, state;
  stat >> pid >> comm >> state;
  EXPECT_EQ(state, "T");
  proc_->Kill("test over");
  EXPECT_EQ(proc_->WaitExit().cause, ExitInfo::Cause::kKilledByKernel);
}

TEST_F(LinuxProcessTest, TheLauncherIsNeverStopped) {
  std::vector<uint8_t> code = PuppetImage();
  auto mem = AppMemory::Create(kFlash, code, kRam, kRamSize);
  ASSERT_TRUE(mem.ok());
  memory_ = *std::move(mem);
  auto p = LinuxProcess::Spawn(*memory_, {.entry = kFlash, .app_start = kFlash});
  ASSERT_TRUE(p.ok());
  proc_ = *std::move(p);
  EXPECT_EQ(proc_->phase(), ChildPhase::kSpawning);
  proc_->Stop();  // a timeslice that ends while it launches
  EXPECT_FALSE(proc_->stopped());
  ASSERT_EQ(WaitEvent(*proc_).kind, Event::kLaunched);
  EXPECT_EQ(proc_->phase(), ChildPhase::kReady);
  proc_->Stop();
  EXPECT_FALSE(proc_->stopped());
  proc_->Start();
  EXPECT_EQ(WaitEvent(*proc_).kind, Event::kRequest);
  EXPECT_EQ(proc_->phase(), ChildPhase::kInKernel);
}

TEST_F(LinuxProcessTest, ChildKeepsOnlyTheWakeEventfdAndTheListener) {
  Launch();
  const std::string dir = "/proc/" + std::to_string(proc_->pid()) + "/fd";
  std::vector<std::string> fds;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    fds.push_back(e.path().filename().string());
  }
  std::sort(fds.begin(), fds.end());
  EXPECT_EQ(fds, (std::vector<std::string>{"0", "3"}));  // listener (lowest free), eventfd
}

TEST_F(LinuxProcessTest, ChildIsNamedAndCannotDumpCore) {
  Launch();
  const std::string proc = "/proc/" + std::to_string(proc_->pid());
  std::ifstream comm(proc + "/comm");
  std::string name;
  std::getline(comm, name);
  EXPECT_EQ(name, "puppet-test");
  std::ifstream limits(proc + "/limits");
  std::string line;
  bool found = false;
  while (std::getline(limits, line)) {
    if (line.rfind("Max core file size", 0) == 0) {
      found = true;
      EXPECT_NE(line.find(" 0 "), std::string::npos) << line;
    }
  }
  EXPECT_TRUE(found);
}

TEST_F(LinuxProcessTest, SecondRequestWithoutReplyIsAProtocolViolation) {
  Launch();
  tock_channel* ch = proc_->channel();
  ch->req.syscall_class = 99;
  __atomic_add_fetch(&ch->app_seq, 1, __ATOMIC_SEQ_CST);
  ChannelRequest r;
  EXPECT_EQ(proc_->PollRequest(&r), LinuxProcess::Poll::kProtocolViolation);
  EXPECT_EQ(r.syscall_class, 99u);
}

TEST_F(LinuxProcessTest, ExitGroupIsAnExitWithoutTockExit) {
  Launch();
  ExitInfo e = ExpectExit(kExit, 7);
  EXPECT_EQ(e.cause, ExitInfo::Cause::kExited);
  EXPECT_EQ(e.exit_code, 7);
}

TEST_F(LinuxProcessTest, SixteenProcessesLaunchSideBySide) {
  std::vector<uint8_t> code = PuppetImage();
  std::vector<std::unique_ptr<AppMemory>> mems;
  std::vector<std::unique_ptr<LinuxProcess>> procs;
  for (int i = 0; i < 16; ++i) {
    auto m = AppMemory::Create(kFlash, code, kRam, kRamSize);
    ASSERT_TRUE(m.ok());
    auto p = LinuxProcess::Spawn(**m, {.entry = kFlash, .app_start = kFlash});
    ASSERT_TRUE(p.ok()) << p.status();
    mems.push_back(*std::move(m));
    procs.push_back(*std::move(p));
  }
  for (int i = 0; i < 16; ++i) {
    ASSERT_EQ(WaitEvent(*procs[i]).kind, Event::kLaunched);
    procs[i]->Start();
    ASSERT_EQ(WaitEvent(*procs[i]).kind, Event::kRequest);
    // Each has its own RAM: write a distinct value through the kernel mapping.
    std::memcpy(mems[i]->RamPointer(kRam + 8, 4), &i, 4);
  }
  for (int i = 0; i < 16; ++i) {
    tock_channel_reply rep{};
    rep.r[0] = kRead32;
    rep.r[1] = kRam + 8;
    procs[i]->Reply(rep);
    Event e = WaitEvent(*procs[i]);
    ASSERT_EQ(e.kind, Event::kRequest);
    EXPECT_EQ(e.req.arg[0], static_cast<uint32_t>(i));
  }
}

// Lowers RLIMIT_NOFILE's soft limit for one scope (the hard limit is left alone, so it can be
// raised back).
class ScopedFdLimit {
 public:
  explicit ScopedFdLimit(rlim_t soft) {
    getrlimit(RLIMIT_NOFILE, &saved_);
    rlimit r = saved_;
    r.rlim_cur = soft;
    ok_ = setrlimit(RLIMIT_NOFILE, &r) == 0;
  }
  ~ScopedFdLimit() { setrlimit(RLIMIT_NOFILE, &saved_); }
  bool ok() const { return ok_; }

 private:
  rlimit saved_{};
  bool ok_ = false;
};

TEST(SpawnTemporaryFdsTest, SmallestNumbersAboveTheTargetsThatAreNotSources) {
  EXPECT_EQ(SpawnTemporaryFds({3, 4, 5, 6, 7, 8}), (std::array<int, 6>{9, 10, 11, 12, 13, 14}));
  EXPECT_EQ(SpawnTemporaryFds({9, 11, 5, 13, 100, 10}),
            (std::array<int, 6>{12, 14, 15, 16, 17, 18}));
  // Worst case: every source in the way; still below 21.
  EXPECT_EQ(SpawnTemporaryFds({9, 10, 11, 12, 13, 14}),
            (std::array<int, 6>{15, 16, 17, 18, 19, 20}));
}

// A spawn used to move its fds above tockd's highest one (the launcher image sat at >= 64),
// so it needed RLIMIT_NOFILE >= 70 and otherwise the launcher died with status 120.
TEST_F(LinuxProcessTest, SpawnWorksAtAnFdLimitOfTwentyOne) {
  ScopedFdLimit limit(kSpawnFdCeiling);
  ASSERT_TRUE(limit.ok());
  Launch();
  EXPECT_EQ(ExpectRequest(kEcho, 5, 6, 7).req.arg[0], 6u);  // echo adds one
}

TEST_F(LinuxProcessTest, ASpawnThatCannotGetItsFdsSaysWhy) {
  Launch();  // the launcher image and the seccomp filter exist from here on
  std::vector<uint8_t> code = PuppetImage();
  auto m = AppMemory::Create(kFlash, code, kRam, kRamSize);
  ASSERT_TRUE(m.ok());
  const int lowest_free = dup(0);
  ASSERT_GE(lowest_free, 0);
  close(lowest_free);
  absl::StatusOr<std::unique_ptr<LinuxProcess>> p;
  {
    ScopedFdLimit limit(static_cast<rlim_t>(lowest_free));
    ASSERT_TRUE(limit.ok());
    p = LinuxProcess::Spawn(**m, {.entry = kFlash, .app_start = kFlash});
  }
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.status().message().find("Too many open files"), std::string::npos) << p.status();
}

TEST(ExitInfoTest, LauncherExitCodesAreSaidInWords) {
  ExitInfo e;
  e.cause = ExitInfo::Cause::kLaunchFailed;
  e.exit_code = TOCK_LAUNCH_EXIT_BAD_PARAMS;
  EXPECT_EQ(e.Describe(),
            "launcher failed: no valid launch block on fd 4 (fds 3..7 not passed to the "
            "child?) (status 120)");
  e.exit_code = TOCK_LAUNCH_EXIT_MAP_RAM;
  EXPECT_EQ(e.Describe(), "launcher failed: cannot map the app's RAM (status 122)");
  for (int code = TOCK_LAUNCH_EXIT_BAD_PARAMS; code <= TOCK_LAUNCH_EXIT_SECCOMP; ++code) {
    EXPECT_NE(LaunchExitReason(code), nullptr) << code;
  }
  EXPECT_EQ(LaunchExitReason(1), nullptr);
}

TEST(AppMemoryTest, RejectsRegionsOverlappingTheLauncherOrChannel) {
  std::vector<uint8_t> code(100, 0x90);
  EXPECT_FALSE(AppMemory::Create(0x08048000, code, kRam, kRamSize).ok());
  EXPECT_FALSE(AppMemory::Create(kFlash, code, TOCK_HOST_CHANNEL_ADDR, kRamSize).ok());
  EXPECT_FALSE(AppMemory::Create(kFlash, code, kRam + 1, kRamSize).ok());
  EXPECT_FALSE(AppMemory::Create(kFlash, code, 0x1000, kRamSize).ok());
  EXPECT_FALSE(AppMemory::Create(kFlash, code, 0xFFFF0000u, 0x10000).ok());
}

// A debugger writes breakpoints through /proc/PID/mem (or PTRACE_POKETEXT): app flash is a
// private mapping, so the write lands in the child's own copy of the page, and tockd's view of
// the flash memfd (what the kernel reads) keeps the pristine bytes.
TEST_F(LinuxProcessTest, ADebuggerCanWriteFlashAndTheKernelKeepsThePristineBytes) {
  Launch();
  const uint32_t last = memory_->flash_map_addr() + memory_->flash_map_len() - 1;
  const std::string mem_path = "/proc/" + std::to_string(proc_->pid()) + "/mem";
  const int fd = open(mem_path.c_str(), O_RDWR | O_CLOEXEC);
  ASSERT_GE(fd, 0) << mem_path;
  const uint8_t int3 = 0xCC;
  EXPECT_EQ(pwrite(fd, &int3, 1, last), 1);
  uint8_t seen = 0;
  EXPECT_EQ(pread(fd, &seen, 1, last), 1);
  EXPECT_EQ(seen, 0xCC);
  close(fd);
  uint8_t kernel_view = 0xFF;
  ASSERT_EQ(pread(memory_->flash_fd(), &kernel_view, 1, memory_->flash_map_len() - 1), 1);
  EXPECT_EQ(kernel_view, 0);
  // The child still runs normally.
  EXPECT_EQ(Do(kEcho, 7).kind, Event::kRequest);
}

// A debugged child is never sent SIGSTOP/SIGCONT (gdb would report each): tockd's preemption
// is recorded, but the child keeps running; traced() sees a tracer attach.
TEST_F(LinuxProcessTest, ADebuggedChildIsNotSignalledAndSeesItsTracer) {
  Launch();
  proc_->set_debugged(true);
  EXPECT_TRUE(proc_->debugged());
  tock_channel_reply rep{};
  rep.r[0] = kSpin;
  rep.r[1] = kRam + 0x200;
  proc_->Reply(rep);
  proc_->Stop();
  EXPECT_TRUE(proc_->stopped());
  // Still running: its CPU clock keeps moving after the "stop".
  const std::optional<uint64_t> cpu0 = proc_->CpuTimeNs();
  ASSERT_TRUE(cpu0.has_value());
  while (proc_->CpuTimeNs().value_or(0) == *cpu0) {
  }
  proc_->Continue();
  EXPECT_FALSE(proc_->stopped());
  EXPECT_EQ(proc_->PollStopChange(), StopChange::kNone);
  EXPECT_FALSE(proc_->traced());
  ASSERT_EQ(ptrace(PTRACE_SEIZE, proc_->pid(), nullptr, nullptr), 0);
  EXPECT_TRUE(proc_->traced());
}

// Marking a child tockd has preempted (SIGSTOP in effect) as debugged continues it at once, so
// a debugger never attaches to a job-control stop that would come back when it detaches.
TEST_F(LinuxProcessTest, DebuggingAPreemptedChildContinuesIt) {
  Launch();
  tock_channel_reply rep{};
  rep.r[0] = kSpin;
  rep.r[1] = kRam + 0x200;
  proc_->Reply(rep);
  proc_->Stop();
  ASSERT_TRUE(proc_->WaitUntilStopped().ok());
  proc_->set_debugged(true);
  siginfo_t si{};
  ASSERT_EQ(waitid(P_PID, static_cast<id_t>(proc_->pid()), &si, WCONTINUED | WNOWAIT), 0);
  EXPECT_EQ(si.si_code, CLD_CONTINUED);
  EXPECT_EQ(proc_->PollStopChange(), StopChange::kNone);  // not re-stopped
  const std::optional<uint64_t> cpu0 = proc_->CpuTimeNs();
  while (proc_->CpuTimeNs().value_or(0) == cpu0.value_or(0)) {
  }
}

}  // namespace
}  // namespace tock::hostkernel
