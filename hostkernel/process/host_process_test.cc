// HostProcess under the real portable Kernel: a real x32 child (the puppet test app)
// loaded, scheduled, trapping into Kernel::HandleSyscall, growing its break through the
// mprotect gate, faulting and being restarted by its fault policy.
#include "hostkernel/process/host_process.h"

#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <array>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "hostkernel/process/running_process_spin.h"
#include "hostkernel/process/testdata/puppet_image.h"
#include "kernel/capability_factory.h"
#include "kernel/driver_table.h"
#include "kernel/testing/test_driver.h"
#include "spdlog/sinks/ostream_sink.h"
#include "spdlog/spdlog.h"

namespace tock::hostkernel {
namespace {

constexpr uint32_t kHeader = 0x20;  // pretend TBF header before the puppet's code

struct CountingObserver : HostProcess::Observer {
  void ChildSpawned(RunnableChild&) override { ++spawned; }
  void ChildGoing(RunnableChild&) override { ++going; }
  int spawned = 0, going = 0;
};

class HostProcessTest : public ::testing::Test {
 protected:
  HostProcessTest() : kernel_(processes_, drivers_), driver_(kernel_, memory_cap_) {
    EXPECT_TRUE(drivers_.Register(tock::testing::TestDriver::kDriverNum, driver_).ok());
    std::vector<uint8_t> code = testing::PuppetImage();
    image_.assign(kHeader, 0);
    image_.insert(image_.end(), code.begin(), code.end());
    image_.resize((image_.size() + 7) & ~size_t{7});
    tbf_.image = image_.data();
    tbf_.flash_address = TOCK_HOST_FLASH_ADDR - kHeader;
    tbf_.total_size = static_cast<uint32_t>(image_.size());
    tbf_.header_size = kHeader;
    tbf_.minimum_ram_size = 8 * kHostPageSize;
    tbf_.package_name = "puppet";
    tbf_.package_name_len = 6;
    host_.set_observer(&observer_);
  }

  // Waits for the child's next channel event (answering mprotect notifications), or its death.
  HostProcess::Event Wait(HostProcess::Trap* trap, std::optional<ExitInfo>* exit = nullptr) {
    for (;;) {
      HostProcess::Event e = host_.Poll(trap);
      if (e != HostProcess::Event::kNone) {
        return e;
      }
      if (auto x = host_.Reap()) {
        if (exit != nullptr) {
          *exit = x;
        }
        return HostProcess::Event::kNone;
      }
      LinuxProcess* c = host_.child();
      pollfd fds[3] = {
          {c->eventfd(), POLLIN, 0}, {c->pidfd(), POLLIN, 0}, {c->listener_fd(), POLLIN, 0}};
      if (poll(fds, c->listener_fd() >= 0 ? 3 : 2, 20000) == 0) {
        return HostProcess::Event::kNone;
      }
      if (fds[0].revents) {
        c->DrainEventfd();
      }
      if (c->listener_fd() >= 0 && fds[2].revents) {
        host_.HandleSeccompNotification();
      }
    }
  }

  // Loads, waits for the launch, schedules and runs the process to its first trap.
  tock::Process& LoadAndRun(const tock::FaultPolicy& policy) {
    auto pid = kernel_.LoadProcess(tbf_, host_.platform(), policy, process_cap_);
    EXPECT_TRUE(pid.ok());
    tock::Process& p = *kernel_.ProcessFor(pid.value());
    RunToFirstTrap(p);
    return p;
  }

  void RunToFirstTrap(tock::Process& p) {
    HostProcess::Trap trap;
    ASSERT_EQ(Wait(&trap), HostProcess::Event::kLaunched);
    auto run = kernel_.NextProcessToRun(loop_cap_);
    ASSERT_TRUE(run.has_value());
    ASSERT_EQ(run->process, &p);
    host_.Resume();
    ASSERT_EQ(Wait(&trap), HostProcess::Event::kSyscall);
    EXPECT_EQ(trap.syscall_class, 2u);
    EXPECT_EQ(trap.regs[0], p.tbf()->app_start());
    EXPECT_EQ(trap.regs[1], p.memory_start());
    EXPECT_EQ(trap.regs[2], p.memory_len());
    EXPECT_EQ(trap.regs[3], p.app_break());
    last_ = trap;
  }

  // Hands the current trap to the kernel and runs the process to its next trap.
  HostProcess::Trap KernelStep(tock::Process& p) {
    EXPECT_EQ(kernel_.HandleSyscall(p, last_.syscall_class, last_.regs, loop_cap_),
              tock::SyscallOutcome::kResume);
    host_.Resume();
    HostProcess::Trap trap;
    EXPECT_EQ(Wait(&trap), HostProcess::Event::kSyscall);
    last_ = trap;
    return trap;
  }

  // Overrides the pending return so the puppet performs `op` next (test-only shortcut).
  void Puppet(uint32_t op, uint32_t x = 0, uint32_t y = 0, uint32_t z = 0) {
    tock::EncodedReturn r;
    r.regs = {op, x, y, z};
    r.written = 0b1111;
    host_.SetSyscallReturn(r);
    host_.Resume();
  }

  tock::ProcessManagementCapability process_cap_ = tock::CapabilityFactory::ProcessManagement();
  tock::MemoryAllocationCapability memory_cap_ = tock::CapabilityFactory::MemoryAllocation();
  tock::MainLoopCapability loop_cap_ = tock::CapabilityFactory::MainLoop();
  tock::DriverTable<4> drivers_;
  std::array<tock::Process, 1> processes_;
  tock::Kernel kernel_;
  tock::testing::TestDriver driver_;
  std::vector<uint8_t> image_;
  tock::TbfDescription tbf_;
  CountingObserver observer_;
  HostProcess host_;
  HostProcess::Trap last_;
  tock::StopFaultPolicy stop_;
};

TEST_F(HostProcessTest, SyscallReturnKeepsUnwrittenRegistersOfTheFrame) {
  tock::Process& p = LoadAndRun(stop_);
  EXPECT_EQ(observer_.spawned, 1);
  // command(app_start, ...) names no driver: Failure(NODEVICE) writes r0, r1 only. The puppet
  // reads r0 = 0 as "echo" and posts (r1 + 1, r2 + 1, r3 + 1).
  HostProcess::Trap t = KernelStep(p);
  EXPECT_EQ(t.regs[0], static_cast<uint32_t>(tock::ErrorCode::kNoDevice) + 1);
  EXPECT_EQ(t.regs[1], p.memory_len() + 1);
  EXPECT_EQ(t.regs[2], p.app_break() + 1);
}

TEST_F(HostProcessTest, BrkThroughTheKernelUnlocksMemoryAndGrantsStayOutOfReach) {
  tock::Process& p = LoadAndRun(stop_);
  const uint32_t new_break = p.memory_start() + 3 * kHostPageSize + 12;
  Puppet(PUPPET_MEMOP, 0, new_break);
  HostProcess::Trap t;
  ASSERT_EQ(Wait(&t), HostProcess::Event::kSyscall);
  ASSERT_EQ(t.syscall_class, 5u);
  last_ = t;
  t = KernelStep(p);           // the kernel grows the break; the app applies the approved mprotect
  EXPECT_EQ(t.regs[0], 128u);  // Success
  EXPECT_EQ(t.regs[2], 0u);    // mprotect returned 0
  EXPECT_EQ(p.app_break(), new_break);
  EXPECT_EQ(host_.child()->reachable_end(), p.memory_start() + 4 * kHostPageSize);
  EXPECT_LE(host_.child()->reachable_end(), p.kernel_memory_break());
  // A grant allocation (test driver command 1, as if the app had trapped with it) lands
  // above every page the child can reach.
  const uint32_t kernel_break_before = p.kernel_memory_break();
  EXPECT_EQ(
      kernel_.HandleSyscall(p, 2, {tock::testing::TestDriver::kDriverNum, 1, 0, 0}, loop_cap_),
      tock::SyscallOutcome::kResume);
  EXPECT_LT(p.kernel_memory_break(), kernel_break_before);
  EXPECT_GE(p.kernel_memory_break(), host_.child()->reachable_end());
  // The MPU refuses a kernel break inside a page the child can reach.
  EXPECT_FALSE(host_.UpdateBreaks(p.app_break(), host_.child()->reachable_end() - 8).ok());
  // And the app still cannot read it.
  Puppet(PUPPET_READ32, p.kernel_memory_break());
  std::optional<ExitInfo> exit;
  ASSERT_EQ(Wait(&t, &exit), HostProcess::Event::kNone);
  ASSERT_TRUE(exit.has_value());
  EXPECT_EQ(exit->signal, SIGSEGV);
}

TEST_F(HostProcessTest, FaultIsReportedAndRestartSpawnsAFreshChild) {
  tock::RestartFaultPolicy restart;
  tock::Process& p = LoadAndRun(restart);
  const pid_t first = host_.child()->pid();
  Puppet(PUPPET_WRITE32, 0x30000010, 1);
  HostProcess::Trap t;
  std::optional<ExitInfo> exit;
  ASSERT_EQ(Wait(&t, &exit), HostProcess::Event::kNone);
  ASSERT_TRUE(exit.has_value());
  EXPECT_EQ(host_.child(), nullptr);  // a reaped child is dropped, its fds unwatched
  EXPECT_EQ(observer_.going, 1);
  tock::FaultInfo f = HostProcess::ToFaultInfo(*exit);
  EXPECT_EQ(f.kind, tock::FaultKind::kMemory);
  EXPECT_TRUE(f.address_valid);
  EXPECT_EQ(f.address, 0x30000010u);
  EXPECT_EQ(kernel_.HandleFault(p, f, loop_cap_), tock::FaultOutcome::kRestarted);
  EXPECT_EQ(observer_.spawned, 2);
  EXPECT_EQ(observer_.going, 1);
  EXPECT_NE(host_.child()->pid(), first);
  RunToFirstTrap(p);
}

// A restart whose spawn fails (here: no fd left, RLIMIT_NOFILE) leaves the process faulted,
// and the reason is logged with the app's name and the errno text.
TEST_F(HostProcessTest, AFailedRespawnIsLoggedWithTheReason) {
  tock::RestartFaultPolicy restart;
  tock::Process& p = LoadAndRun(restart);
  Puppet(PUPPET_WRITE32, 0x30000010, 1);
  HostProcess::Trap t;
  std::optional<ExitInfo> exit;
  ASSERT_EQ(Wait(&t, &exit), HostProcess::Event::kNone);
  ASSERT_TRUE(exit.has_value());

  std::ostringstream log;
  auto previous = spdlog::default_logger();
  spdlog::set_default_logger(std::make_shared<spdlog::logger>(
      "test", std::make_shared<spdlog::sinks::ostream_sink_st>(log)));
  rlimit saved{};
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &saved), 0);
  const int lowest_free = dup(0);
  ASSERT_GE(lowest_free, 0);
  close(lowest_free);
  rlimit low = saved;
  low.rlim_cur = static_cast<rlim_t>(lowest_free);  // every new fd fails with EMFILE
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &low), 0);
  const tock::FaultOutcome outcome = kernel_.HandleFault(p, tock::FaultInfo{}, loop_cap_);
  setrlimit(RLIMIT_NOFILE, &saved);
  spdlog::set_default_logger(previous);

  EXPECT_NE(outcome, tock::FaultOutcome::kRestarted);
  EXPECT_EQ(p.state(), tock::ProcessState::kFaulted);
  EXPECT_EQ(host_.child(), nullptr);
  EXPECT_NE(log.str().find("app 'puppet': cannot start its process: "), std::string::npos)
      << log.str();
  EXPECT_NE(log.str().find("Too many open files"), std::string::npos) << log.str();
  EXPECT_NE(host_.last_spawn_error().find("Too many open files"), std::string::npos);
}

TEST_F(HostProcessTest, ForbiddenSyscallBecomesAKilledFault) {
  LoadAndRun(stop_);
  Puppet(PUPPET_SYSCALL, /*getpid*/ 39);
  HostProcess::Trap t;
  std::optional<ExitInfo> exit;
  ASSERT_EQ(Wait(&t, &exit), HostProcess::Event::kNone);
  ASSERT_TRUE(exit.has_value());
  EXPECT_EQ(exit->signal, SIGSYS);
  EXPECT_EQ(HostProcess::ToFaultInfo(*exit).kind, tock::FaultKind::kKilled);
}

TEST_F(HostProcessTest, TerminateKillsAndReapsTheChild) {
  tock::Process& p = LoadAndRun(stop_);
  const pid_t pid = host_.child()->pid();
  ASSERT_TRUE(kernel_.TerminateProcess(p.id(), 0, process_cap_).ok());
  EXPECT_EQ(host_.child(), nullptr);
  EXPECT_EQ(observer_.going, 1);
  EXPECT_NE(kill(pid, 0), 0);  // reaped: the pid is gone
}

}  // namespace
}  // namespace tock::hostkernel

namespace tock::hostkernel {
namespace {

// The whole host loop in miniature: the kernel on an EventLoop, the app's eventfd/pidfd
// watched, the running channel as spin source; 2000 real syscalls from the puppet.
TEST_F(HostProcessTest, EventLoopDrivesSyscallsThroughRunningProcessSpin) {
  auto loop_or = EventLoop::Create();
  ASSERT_TRUE(loop_or.ok());
  EventLoop& loop = **loop_or;
  int syscalls = 0;
  bool launched = false;
  tock::Process* proc = nullptr;
  RunningProcessSpin spin(
      [&](HostProcess& host, HostProcess::Event e, const HostProcess::Trap& trap) {
        if (e == HostProcess::Event::kLaunched) {
          launched = true;
          return;
        }
        ASSERT_EQ(e, HostProcess::Event::kSyscall);
        ++syscalls;
        // Every trap is a command on a missing driver: Failure(NODEVICE), echoed back as a new
        // command by the puppet; resume at once.
        ASSERT_EQ(kernel_.HandleSyscall(*proc, trap.syscall_class, trap.regs, loop_cap_),
                  tock::SyscallOutcome::kResume);
        if (syscalls < 2000) {
          host.Resume();
        }
      });
  struct Watcher : HostProcess::Observer {
    EventLoop* loop;
    RunningProcessSpin* spin;
    std::vector<EventLoop::WatchId> ids;
    void ChildSpawned(RunnableChild& child) override {
      auto& host = static_cast<HostProcess&>(child);
      ids.push_back(
          loop->WatchFd(child.fds().wake, POLLIN, [this, &host](uint32_t) { spin->Poll(host); }));
    }
    void ChildGoing(RunnableChild&) override {
      for (auto id : ids) {
        loop->Unwatch(id);
      }
      ids.clear();
    }
  } watcher;
  watcher.loop = &loop;
  watcher.spin = &spin;
  host_.set_observer(&watcher);
  loop.SetSpinSource(&spin);

  auto pid = kernel_.LoadProcess(tbf_, host_.platform(), stop_, process_cap_);
  ASSERT_TRUE(pid.ok());
  proc = kernel_.ProcessFor(pid.value());
  while (!launched) {
    loop.Step(true);
  }
  ASSERT_TRUE(kernel_.NextProcessToRun(loop_cap_).has_value());
  spin.set_running(&host_);
  host_.Resume();
  while (syscalls < 2000) {
    loop.Step(true);
  }
  EXPECT_EQ(syscalls, 2000);
  ASSERT_TRUE(kernel_.TerminateProcess(pid.value(), 0, process_cap_).ok());
  EXPECT_TRUE(watcher.ids.empty());
}

}  // namespace
}  // namespace tock::hostkernel
