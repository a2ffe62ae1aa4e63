// Kernel dispatch, loading, lifecycle, memory and scheduling, on the in-memory fake platform.
#include "kernel/kernel.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "kernel/testing/kernel_harness.h"
#include "kernel/testing/test_driver.h"

namespace tock {
namespace {

using testing::FakeProcessPlatform;
using testing::KernelHarness;
using testing::TestDriver;
using testing::TrapResult;

constexpr uint32_t kDrv = TestDriver::kDriverNum;
constexpr uint32_t kFlash = FakeProcessPlatform::kFlashBase;
constexpr uint32_t kRam = FakeProcessPlatform::kRamBase;
constexpr uint32_t kFailureU32U32 = 2;
constexpr uint32_t kSuccess = 128;
constexpr uint32_t kSuccessU32 = 129;
constexpr uint32_t kSuccessU32U32 = 130;

uint32_t Err(ErrorCode e) { return ToU32(e); }

class KernelTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(h->Register(kDrv, driver).ok()); }

  ProcessId Load(size_t i = 0, FakeProcessPlatform::ImageSpec spec = {},
                 const FaultPolicy* policy = nullptr) {
    auto r = h->Load(i, spec, policy);
    EXPECT_TRUE(r.ok());
    return r.ok() ? r.value() : ProcessId();
  }
  Process& P(ProcessId pid) { return h->process(pid); }
  FakeProcessPlatform& PF(ProcessId pid) { return h->platform(pid); }
  // Schedules upcall `sub` of the test driver for pid with first argument a.
  void Schedule(ProcessId pid, uint32_t sub, uint32_t a) {
    auto r = driver.grant.Enter(pid, [&](testing::TestApp&, GrantKernelData& kd) {
      return kd.ScheduleUpcall(sub, a, 20, 30);
    });
    ASSERT_TRUE(r.ok());
    ASSERT_TRUE(r.value().ok());
  }

  std::unique_ptr<KernelHarness<3>> h = std::make_unique<KernelHarness<3>>();
  TestDriver driver{h->kernel, h->memory_cap};
};

// ---------------------------------------------------------------------------------------------
// Loading

TEST_F(KernelTest, LoadStartsProcessAtEntryWithCrt0Arguments) {
  FakeProcessPlatform::ImageSpec spec;
  spec.header_size = 64;
  spec.protected_trailer_size = 32;
  spec.init_fn_offset = 0x48;
  ProcessId pid = Load(0, spec);
  Process& p = P(pid);
  EXPECT_EQ(p.state(), ProcessState::kRunning);
  EXPECT_EQ(p.memory_start(), kRam);
  EXPECT_EQ(p.app_break(), kRam + 256);
  EXPECT_EQ(p.flash_start(), kFlash);
  EXPECT_EQ(p.flash_protected_end(), kFlash + 96);
  ASSERT_TRUE(PF(pid).last_entry);
  EXPECT_EQ(PF(pid).last_entry->pc, kFlash + 64 + 0x48);
  EXPECT_EQ(PF(pid).last_entry->args,
            (SyscallRegisters{kFlash + 96, kRam, p.memory_len(), kRam + 256}));
  ASSERT_TRUE(PF(pid).mpu_layout);
  EXPECT_EQ(PF(pid).mpu_layout->app_break, kRam + 256);
  EXPECT_EQ(PF(pid).mpu_layout->flash_size, 1024u);
  // The kernel-owned region (queue + grant table) sits at the top, below the requested RAM.
  EXPECT_GE(p.memory_len(), 4096u);
  EXPECT_EQ(p.kernel_memory_break(), p.memory_end() - p.kernel_memory_used());
  EXPECT_LE(p.kernel_memory_used(), 8u + 288u);
  EXPECT_EQ(std::string(p.name(), p.name_length()), "app");
  EXPECT_EQ(p.restart_count(), 0u);
}

TEST_F(KernelTest, LoadRejectsInconsistentImages) {
  FakeProcessPlatform& pf = h->platforms[0];
  TbfDescription bad = pf.MakeImage({});
  bad.header_size = 2000;  // beyond total_size
  EXPECT_EQ(h->kernel.LoadProcess(bad, pf.platform(), h->stop_policy, h->process_cap).error(),
            ErrorCode::kInval);
  bad = pf.MakeImage({});
  bad.init_fn_offset = 5000;
  EXPECT_EQ(h->kernel.LoadProcess(bad, pf.platform(), h->stop_policy, h->process_cap).error(),
            ErrorCode::kInval);
  bad = pf.MakeImage({});
  bad.image = nullptr;
  EXPECT_EQ(h->kernel.LoadProcess(bad, pf.platform(), h->stop_policy, h->process_cap).error(),
            ErrorCode::kInval);
}

TEST_F(KernelTest, LoadFailuresFreeTheSlot) {
  h->platforms[0].fail_allocate = true;
  EXPECT_EQ(h->Load(0).error(), ErrorCode::kNoMem);
  h->platforms[0].fail_allocate = false;
  h->platforms[0].fail_mpu_configure = true;
  EXPECT_EQ(h->Load(0).error(), ErrorCode::kNoMem);
  h->platforms[0].fail_mpu_configure = false;
  h->platforms[0].fail_initialize = true;
  EXPECT_EQ(h->Load(0).error(), ErrorCode::kFail);
  h->platforms[0].fail_initialize = false;
  for (const Process& p : h->kernel.processes()) {
    EXPECT_EQ(p.state(), ProcessState::kUnused);
  }
  FakeProcessPlatform::ImageSpec huge;
  huge.minimum_ram_size = 1 << 20;
  EXPECT_EQ(h->Load(0, huge).error(), ErrorCode::kNoMem);
}

TEST_F(KernelTest, LoadFailsWhenTableIsFull) {
  Load(0);
  Load(1);
  Load(2);
  EXPECT_EQ(h->Load(0).error(), ErrorCode::kNoMem);
}

class BadAllocationPlatform : public ProcessMemory {
 public:
  explicit BadAllocationPlatform(MemoryAllocation a) : a_(a) {}
  Result<MemoryAllocation> Allocate(const MemoryRequest&) override { return a_; }

 private:
  MemoryAllocation a_;
};

TEST_F(KernelTest, LoadRejectsMisalignedOrTooSmallAllocations) {
  FakeProcessPlatform& pf = h->platforms[0];
  const TbfDescription& tbf = pf.MakeImage({});
  alignas(8) static uint8_t ram[4096];
  const MemoryAllocation cases[] = {
      {kRam + 4, 4096, kRam + 64, ram, nullptr},  // start not 8-aligned
      {kRam, 4092, kRam + 64, ram, nullptr},      // length not multiple of 8
      {kRam, 4096, kRam + 64, nullptr, nullptr},  // no kernel view
      {kRam, 64, kRam + 8, ram, nullptr},         // kernel region does not fit
      {kRam, 4096, kRam - 8, ram, nullptr},       // break below start
      {kRam, 4096, kRam + 4000, ram, nullptr},    // break inside the kernel region
  };
  for (const MemoryAllocation& a : cases) {
    BadAllocationPlatform mem(a);
    ProcessPlatform platform{mem, pf, pf};
    EXPECT_EQ(h->kernel.LoadProcess(tbf, platform, h->stop_policy, h->process_cap).error(),
              ErrorCode::kInval);
  }
}

TEST_F(KernelTest, DisabledProcessLoadsTerminatedAndStartsOnRequest) {
  FakeProcessPlatform::ImageSpec spec;
  spec.enabled = false;
  ProcessId pid = Load(0, spec);
  EXPECT_EQ(P(pid).state(), ProcessState::kTerminated);
  EXPECT_EQ(PF(pid).entries, 0);
  EXPECT_FALSE(h->kernel.HasRunnableProcess());
  ASSERT_TRUE(h->kernel.StartProcess(pid, h->process_cap).ok());
  EXPECT_EQ(P(pid).state(), ProcessState::kRunning);
  EXPECT_EQ(P(pid).restart_count(), 0u);  // first start is not a restart
  EXPECT_EQ(P(pid).id(), pid);
  EXPECT_EQ(h->kernel.StartProcess(pid, h->process_cap).error(), ErrorCode::kAlready);
}

TEST_F(KernelTest, PerProcessKernelStructuresFitTheBudget) {
  // Portable per-process state, excluding grant contents and saved registers. The upcall
  // queue and grant table live in the process's own RAM (counted in kernel_memory_used).
  // The last-syscall record (class + r0-r3) and the lowest stack pointer seen, which the
  // process console shows (`process NAME`), take 16 of these bytes.
  EXPECT_LE(sizeof(Process), 144u);
  EXPECT_EQ(sizeof(UpcallQueue), 4u + 10u * 28u);
}

// ---------------------------------------------------------------------------------------------
// Command

TEST_F(KernelTest, CommandZeroReportsDriverPresence) {
  ProcessId pid = Load();
  TrapResult r = h->Command(pid, kDrv, 0, 0, 0);
  EXPECT_EQ(r.outcome, SyscallOutcome::kResume);
  EXPECT_EQ(r.variant(), kSuccess);
  EXPECT_EQ(driver.last_pid, pid);
  r = h->Command(pid, 0x12345, 0, 0, 0);
  EXPECT_EQ(r.variant(), 0u);
  EXPECT_EQ(r.regs[1], Err(ErrorCode::kNoDevice));
}

TEST_F(KernelTest, CommandReturnsWhateverTheDriverReturns) {
  ProcessId pid = Load();
  EXPECT_EQ(h->Command(pid, kDrv, 1, 0, 0).regs, (SyscallRegisters{kSuccessU32, 1, 0, 0}));
  EXPECT_EQ(h->Command(pid, kDrv, 1, 0, 0).regs[1], 2u);
  TrapResult r = h->Command(pid, kDrv, 99, 0, 0);
  EXPECT_EQ(r.variant(), 0u);
  EXPECT_EQ(r.regs[1], Err(ErrorCode::kNoSupport));
}

// ---------------------------------------------------------------------------------------------
// Subscribe

TEST_F(KernelTest, SubscribeReturnsPreviousUpcallSwapStyle) {
  ProcessId pid = Load();
  const uint32_t fn1 = kFlash + 0x100, fn2 = kFlash + 0x200;
  TrapResult r = h->Subscribe(pid, kDrv, 1, fn1, 0xAA);
  EXPECT_EQ(r.regs, (SyscallRegisters{kSuccessU32U32, 0, 0, 0xAA}));  // r3 untouched
  r = h->Subscribe(pid, kDrv, 1, fn2, 0xBB);
  EXPECT_EQ(r.regs[0], kSuccessU32U32);
  EXPECT_EQ(r.regs[1], fn1);
  EXPECT_EQ(r.regs[2], 0xAAu);
  r = h->Subscribe(pid, kDrv, 1, 0, 0);  // Null Upcall unsubscribes
  EXPECT_EQ(r.regs[1], fn2);
  EXPECT_EQ(r.regs[2], 0xBBu);
  EXPECT_EQ(driver.allocate_calls, 1);  // grant allocated on first use only
}

TEST_F(KernelTest, SubscribeErrorsEchoTheArguments) {
  ProcessId pid = Load();
  struct Case {
    uint32_t driver, num, fn;
    ErrorCode err;
  } cases[] = {
      {0x4242, 0, kFlash + 0x100, ErrorCode::kNoDevice},
      {kDrv, 3, kFlash + 0x100, ErrorCode::kNoSupport},  // only 3 upcalls
      {kDrv, 0, kFlash + 0x10, ErrorCode::kInval},       // in the TBF header
      {kDrv, 0, kFlash + 1024, ErrorCode::kInval},       // past the image
      {kDrv, 0, kFlash + 1022, ErrorCode::kInval},       // pointer-sized range overruns
      {kDrv, 0, kRam + 256, ErrorCode::kInval},          // above the app break
      {kDrv, 0, 0x00001000, ErrorCode::kInval},          // nowhere
      {0x4242, 0, 0x00001000, ErrorCode::kInval},        // pointer checked first
  };
  for (const Case& c : cases) {
    TrapResult r = h->Subscribe(pid, c.driver, c.num, c.fn, 0x77);
    EXPECT_EQ(r.regs, (SyscallRegisters{kFailureU32U32, Err(c.err), c.fn, 0x77}))
        << "fn " << std::hex << c.fn;
  }
  // Code in RAM below the break is acceptable.
  EXPECT_EQ(h->Subscribe(pid, kDrv, 0, kRam + 8, 0).variant(), kSuccessU32U32);
}

TEST_F(KernelTest, SubscribeFailsNoMemWhenGrantCannotBeAllocated) {
  ProcessId pid = Load();
  driver.refuse_allocate = true;
  TrapResult r = h->Subscribe(pid, kDrv, 0, 0, 0);
  EXPECT_EQ(r.variant(), kFailureU32U32);
  EXPECT_EQ(r.regs[1], Err(ErrorCode::kNoMem));
}

TEST_F(KernelTest, FailedSubscribeKeepsOldUpcallAndPendingEvents) {
  ProcessId pid = Load();
  ASSERT_EQ(h->Subscribe(pid, kDrv, 1, kFlash + 0x100, 1).variant(), kSuccessU32U32);
  Schedule(pid, 1, 5);
  EXPECT_EQ(h->Subscribe(pid, kDrv, 1, 0x1, 2).variant(), kFailureU32U32);
  EXPECT_EQ(P(pid).pending_upcall_count(), 1u);
  EXPECT_EQ(h->Subscribe(pid, kDrv, 1, 0, 0).regs[1], kFlash + 0x100);
}

TEST_F(KernelTest, SuccessfulSubscribeRemovesPendingUpcallsForThatSlotOnly) {
  ProcessId pid = Load();
  ASSERT_EQ(h->Subscribe(pid, kDrv, 1, kFlash + 0x100, 1).variant(), kSuccessU32U32);
  ASSERT_EQ(h->Subscribe(pid, kDrv, 2, kFlash + 0x200, 2).variant(), kSuccessU32U32);
  Schedule(pid, 1, 10);
  Schedule(pid, 2, 20);
  Schedule(pid, 1, 11);
  ASSERT_EQ(h->Subscribe(pid, kDrv, 1, kFlash + 0x300, 3).variant(), kSuccessU32U32);
  EXPECT_EQ(P(pid).pending_upcall_count(), 1u);
  h->YieldWait(pid);
  ASSERT_TRUE(PF(pid).last_upcall);
  EXPECT_EQ(PF(pid).last_upcall->fn, kFlash + 0x200u);
  EXPECT_EQ(PF(pid).last_upcall->args, (SyscallRegisters{20, 20, 30, 2}));
}

// ---------------------------------------------------------------------------------------------
// Allow

TEST_F(KernelTest, AllowReadWriteAcceptsRamBelowBreakAndSwaps) {
  ProcessId pid = Load();
  TrapResult r = h->AllowReadWrite(pid, kDrv, 1, kRam + 16, 32);
  EXPECT_EQ(r.regs, (SyscallRegisters{kSuccessU32U32, 0, 0, 32}));
  r = h->AllowReadWrite(pid, kDrv, 1, kRam + 64, 8);
  EXPECT_EQ(r.regs[1], kRam + 16);
  EXPECT_EQ(r.regs[2], 32u);
  EXPECT_EQ(h->Command(pid, kDrv, 4, 1, 0).regs[1], 8u);  // capsule sees the new buffer
  // Zero length takes the buffer back; address is not checked.
  r = h->AllowReadWrite(pid, kDrv, 1, 0xFFFFFFF0, 0);
  EXPECT_EQ(r.variant(), kSuccessU32U32);
  EXPECT_EQ(r.regs[1], kRam + 64);
  EXPECT_EQ(h->Command(pid, kDrv, 4, 1, 0).regs[1], 0u);
  EXPECT_EQ(h->AllowReadWrite(pid, kDrv, 1, 0, 0).regs[1], 0xFFFFFFF0u);
}

TEST_F(KernelTest, AllowReadWriteRejectsAnythingOutsideAppRam) {
  ProcessId pid = Load();
  struct Case {
    uint32_t addr, len;
  } cases[] = {
      {kRam + 250, 16},      // crosses the app break
      {kRam + 256, 1},       // at the break
      {kRam - 4, 8},         // starts below memory_start
      {kFlash + 0x100, 16},  // flash is not writable
      {0xFFFFFFF0, 0x20},    // wraps around
      {kRam, 0xFFFFFFFF},    // absurd length
  };
  for (const Case& c : cases) {
    TrapResult r = h->AllowReadWrite(pid, kDrv, 0, c.addr, c.len);
    EXPECT_EQ(r.regs, (SyscallRegisters{kFailureU32U32, Err(ErrorCode::kInval), c.addr, c.len}))
        << std::hex << c.addr;
  }
  TrapResult r = h->Trap(pid, SyscallClass::kUserspaceReadableAllow, kDrv, 0, kFlash + 0x100, 4);
  EXPECT_EQ(r.regs[1], Err(ErrorCode::kInval));
}

TEST_F(KernelTest, AllowReadOnlyAcceptsFlashAfterProtectedRegionAndRam) {
  FakeProcessPlatform::ImageSpec spec;
  spec.protected_trailer_size = 64;  // protected region = [0, 128)
  ProcessId pid = Load(0, spec);
  EXPECT_EQ(h->AllowReadOnly(pid, kDrv, 0, kFlash + 128, 64).variant(), kSuccessU32U32);
  EXPECT_EQ(h->Command(pid, kDrv, 3, 0, 0).regs[1], 64u);
  EXPECT_EQ(h->AllowReadOnly(pid, kDrv, 1, kRam + 32, 16).variant(), kSuccessU32U32);
  EXPECT_EQ(h->Command(pid, kDrv, 3, 1, 0).regs[1], 16u);
  EXPECT_EQ(h->AllowReadOnly(pid, kDrv, 0, kFlash + 1000, 24).variant(), kSuccessU32U32);
  const uint32_t bad[][2] = {
      {kFlash + 120, 16}, {kFlash, 4}, {kFlash + 1000, 25}, {kRam + 250, 16}};
  for (const auto& b : bad) {
    TrapResult r = h->AllowReadOnly(pid, kDrv, 0, b[0], b[1]);
    EXPECT_EQ(r.regs, (SyscallRegisters{kFailureU32U32, Err(ErrorCode::kInval), b[0], b[1]}));
  }
}

TEST_F(KernelTest, AllowNumbersAreCheckedPerTable) {
  ProcessId pid = Load();
  EXPECT_EQ(h->AllowReadOnly(pid, kDrv, 2, kRam, 4).regs[1], Err(ErrorCode::kNoSupport));
  EXPECT_EQ(h->AllowReadWrite(pid, kDrv, 2, kRam, 4).regs[1], Err(ErrorCode::kNoSupport));
  EXPECT_EQ(h->Trap(pid, SyscallClass::kUserspaceReadableAllow, kDrv, 1, kRam, 4).regs[1],
            Err(ErrorCode::kNoSupport));
  EXPECT_EQ(h->Trap(pid, SyscallClass::kUserspaceReadableAllow, kDrv, 0, kRam, 4).variant(),
            kSuccessU32U32);
  // Tables are independent: the same number in RO and RW tables holds different buffers.
  EXPECT_EQ(h->AllowReadOnly(pid, kDrv, 1, kRam, 4).regs[1], 0u);
  EXPECT_EQ(h->AllowReadWrite(pid, kDrv, 1, kRam + 8, 8).regs[1], 0u);
  EXPECT_EQ(h->AllowReadOnly(pid, kDrv, 1, 0, 0).regs[1], kRam);
  TrapResult r = h->AllowReadWrite(pid, 0x4242, 0, kRam, 4);
  EXPECT_EQ(r.regs, (SyscallRegisters{kFailureU32U32, Err(ErrorCode::kNoDevice), kRam, 4}));
  driver.refuse_allocate = true;
  ProcessId other = Load(1);
  EXPECT_EQ(h->AllowReadWrite(other, kDrv, 0, kRam, 4).regs[1], Err(ErrorCode::kNoMem));
}

TEST_F(KernelTest, OverlappingAndAliasedBuffersAreAccepted) {
  ProcessId pid = Load();
  EXPECT_EQ(h->AllowReadWrite(pid, kDrv, 0, kRam + 16, 32).variant(), kSuccessU32U32);
  EXPECT_EQ(h->AllowReadWrite(pid, kDrv, 1, kRam + 16, 32).variant(), kSuccessU32U32);
  EXPECT_EQ(h->AllowReadOnly(pid, kDrv, 0, kRam + 24, 32).variant(), kSuccessU32U32);
  EXPECT_EQ(h->Command(pid, kDrv, 4, 0, 0).regs[1], 32u);
  EXPECT_EQ(h->Command(pid, kDrv, 4, 1, 0).regs[1], 32u);
  // Growing a buffer in place is legal too.
  EXPECT_EQ(h->AllowReadWrite(pid, kDrv, 0, kRam + 16, 64).variant(), kSuccessU32U32);
  EXPECT_EQ(h->Command(pid, kDrv, 4, 0, 0).regs[1], 64u);
}

TEST_F(KernelTest, AllowRaisesHighWaterMarkThatBrkCannotCross) {
  ProcessId pid = Load();
  ASSERT_EQ(h->Memop(pid, 0, kRam + 1024).variant(), kSuccess);
  ASSERT_EQ(h->AllowReadWrite(pid, kDrv, 0, kRam + 512, 100).variant(), kSuccessU32U32);
  EXPECT_EQ(P(pid).allow_high_water_mark(), kRam + 612);
  // Taking the buffer back does not lower the mark (upstream keeps it until restart).
  ASSERT_EQ(h->AllowReadWrite(pid, kDrv, 0, 0, 0).variant(), kSuccessU32U32);
  TrapResult r = h->Memop(pid, 0, kRam + 600);
  EXPECT_EQ(r.variant(), 0u);
  EXPECT_EQ(r.regs[1], Err(ErrorCode::kNoMem));
  EXPECT_EQ(h->Memop(pid, 0, kRam + 612).variant(), kSuccess);
  EXPECT_EQ(h->Memop(pid, 1, static_cast<uint32_t>(-1)).regs[1], Err(ErrorCode::kNoMem));
  // Flash buffers do not move the mark.
  ASSERT_EQ(h->AllowReadOnly(pid, kDrv, 0, kFlash + 512, 100).variant(), kSuccessU32U32);
  EXPECT_EQ(P(pid).allow_high_water_mark(), kRam + 612);
}

TEST_F(KernelTest, RestartRevokesBuffersSubscriptionsAndGrants) {
  RestartFaultPolicy restart;
  ProcessId pid = Load(0, {}, &restart);
  ASSERT_EQ(h->AllowReadWrite(pid, kDrv, 0, kRam + 16, 32).variant(), kSuccessU32U32);
  ASSERT_EQ(h->Subscribe(pid, kDrv, 0, kFlash + 0x100, 1).variant(), kSuccessU32U32);
  ASSERT_EQ(h->Command(pid, kDrv, 1, 0, 0).regs[1], 1u);
  Schedule(pid, 0, 1);
  const uint32_t used = P(pid).kernel_memory_used();
  ASSERT_TRUE(h->kernel.RestartProcess(pid, h->process_cap).ok());
  ProcessId fresh = h->processes[0].id();
  EXPECT_NE(fresh, pid);
  EXPECT_EQ(h->kernel.ProcessFor(pid), nullptr);  // the old id is stale
  EXPECT_EQ(driver.grant.Enter(pid, [](testing::TestApp&, GrantKernelData&) {}).error(),
            ErrorCode::kInval);
  EXPECT_LT(P(fresh).kernel_memory_used(), used);
  EXPECT_EQ(P(fresh).pending_upcall_count(), 0u);
  EXPECT_EQ(P(fresh).allow_high_water_mark(), kRam);
  EXPECT_EQ(P(fresh).restart_count(), 1u);
  EXPECT_FALSE(driver.grant.IsAllocated(fresh));
  EXPECT_EQ(h->Command(fresh, kDrv, 4, 0, 0).regs[1], 0u);         // no buffer any more
  EXPECT_EQ(h->Command(fresh, kDrv, 1, 0, 0).regs[1], 1u);         // grant data is fresh
  EXPECT_EQ(h->Subscribe(fresh, kDrv, 0, 0, 0).regs[1], 0u);       // no previous upcall
  EXPECT_EQ(h->AllowReadWrite(fresh, kDrv, 0, 0, 0).regs[1], 0u);  // no previous buffer
}

// ---------------------------------------------------------------------------------------------
// Upcalls and yield

TEST_F(KernelTest, YieldWaitBlocksUntilAnUpcallIsScheduled) {
  ProcessId pid = Load();
  ASSERT_EQ(h->Subscribe(pid, kDrv, 2, kFlash + 0x100, 0x55).variant(), kSuccessU32U32);
  PF(pid).ClearRecords();
  TrapResult r = h->YieldWait(pid);
  EXPECT_EQ(r.outcome, SyscallOutcome::kDescheduled);
  EXPECT_EQ(P(pid).state(), ProcessState::kYielded);
  EXPECT_EQ(PF(pid).returns, 0);
  EXPECT_FALSE(h->kernel.HasRunnableProcess());
  EXPECT_FALSE(h->Schedule());
  Schedule(pid, 2, 7);
  EXPECT_TRUE(h->kernel.HasRunnableProcess());
  auto run = h->Schedule();
  ASSERT_TRUE(run);
  EXPECT_EQ(run->process, &P(pid));
  EXPECT_EQ(P(pid).state(), ProcessState::kRunning);
  ASSERT_TRUE(PF(pid).last_upcall);
  EXPECT_EQ(PF(pid).last_upcall->fn, kFlash + 0x100);
  EXPECT_EQ(PF(pid).last_upcall->args, (SyscallRegisters{7, 20, 30, 0x55}));
}

TEST_F(KernelTest, YieldWaitWithPendingUpcallRunsItAtOnce) {
  ProcessId pid = Load();
  ASSERT_EQ(h->Subscribe(pid, kDrv, 0, kFlash + 0x100, 1).variant(), kSuccessU32U32);
  Schedule(pid, 0, 1);
  Schedule(pid, 0, 2);
  TrapResult r = h->YieldWait(pid);
  EXPECT_EQ(r.outcome, SyscallOutcome::kResume);
  EXPECT_EQ(P(pid).state(), ProcessState::kRunning);
  EXPECT_EQ(PF(pid).last_upcall->args[0], 1u);  // oldest first
  EXPECT_EQ(h->YieldWait(pid).outcome, SyscallOutcome::kResume);
  EXPECT_EQ(PF(pid).last_upcall->args[0], 2u);
}

TEST_F(KernelTest, NullUpcallEventsDoNotWakeYieldWaitButFeedYieldWaitFor) {
  ProcessId pid = Load();
  Schedule(pid, 1, 42);  // nothing subscribed: value-only entry
  EXPECT_EQ(P(pid).pending_upcall_count(), 1u);
  EXPECT_EQ(h->YieldWait(pid).outcome, SyscallOutcome::kDescheduled);
  EXPECT_FALSE(h->kernel.HasRunnableProcess());
  EXPECT_EQ(PF(pid).upcalls, 0);
  // A later wait-for on that upcall gets its values.
  ASSERT_TRUE(h->kernel.StopProcess(pid, h->process_cap).ok());
  ASSERT_TRUE(h->kernel.ResumeProcess(pid, h->process_cap).ok());
  EXPECT_EQ(P(pid).state(), ProcessState::kYielded);
}

TEST_F(KernelTest, YieldWaitForReturnsArgumentsInR0ToR2WithoutCallingTheUpcall) {
  ProcessId pid = Load();
  ASSERT_EQ(h->Subscribe(pid, kDrv, 0, kFlash + 0x100, 1).variant(), kSuccessU32U32);
  Schedule(pid, 0, 5);  // a different upcall stays queued
  TrapResult r = h->Trap(pid, SyscallClass::kYield, 2, kDrv, 1, 0xDD);
  EXPECT_EQ(r.outcome, SyscallOutcome::kDescheduled);
  EXPECT_EQ(P(pid).state(), ProcessState::kYieldedFor);
  EXPECT_EQ(P(pid).yield_for(), (UpcallId{kDrv, 1}));
  EXPECT_FALSE(h->kernel.HasRunnableProcess());
  Schedule(pid, 1, 9);
  ASSERT_TRUE(h->Schedule());
  EXPECT_EQ(P(pid).state(), ProcessState::kRunning);
  ASSERT_TRUE(PF(pid).last_return);
  EXPECT_EQ(PF(pid).last_return->written, 0b0111);
  EXPECT_EQ(PF(pid).frame(), (SyscallRegisters{9, 20, 30, 0xDD}));  // r3 keeps the trap's r3
  EXPECT_EQ(PF(pid).upcalls, 0);
  EXPECT_EQ(P(pid).pending_upcall_count(), 1u);  // the driver-0 upcall is still there
  // Already-queued matching event: returns at once.
  Schedule(pid, 2, 11);
  r = h->YieldWaitFor(pid, kDrv, 2);
  EXPECT_EQ(r.outcome, SyscallOutcome::kResume);
  EXPECT_EQ(r.regs[0], 11u);
}

TEST_F(KernelTest, YieldWaitForOnNullUpcallStillGetsValues) {
  ProcessId pid = Load();
  Schedule(pid, 1, 77);
  TrapResult r = h->YieldWaitFor(pid, kDrv, 1);
  EXPECT_EQ(r.outcome, SyscallOutcome::kResume);
  EXPECT_EQ(r.regs[0], 77u);
}

TEST_F(KernelTest, YieldNoWaitReportsWhetherAnUpcallRan) {
  ProcessId pid = Load();
  const uint32_t flag = kRam + 100;
  *PF(pid).Ram(flag) = 0xEE;
  PF(pid).ClearRecords();
  TrapResult r = h->Trap(pid, SyscallClass::kYield, 0, flag);
  EXPECT_EQ(r.outcome, SyscallOutcome::kResume);
  EXPECT_EQ(*PF(pid).Ram(flag), 0);
  ASSERT_TRUE(PF(pid).last_return);
  EXPECT_EQ(PF(pid).last_return->written, 0);  // no return value at all
  EXPECT_EQ(P(pid).state(), ProcessState::kRunning);

  ASSERT_EQ(h->Subscribe(pid, kDrv, 0, kFlash + 0x100, 1).variant(), kSuccessU32U32);
  Schedule(pid, 0, 3);
  r = h->Trap(pid, SyscallClass::kYield, 0, flag);
  EXPECT_EQ(r.outcome, SyscallOutcome::kResume);
  EXPECT_EQ(*PF(pid).Ram(flag), 1);
  EXPECT_EQ(PF(pid).last_upcall->args[0], 3u);
  // An address outside app RAM is not written.
  r = h->Trap(pid, SyscallClass::kYield, 0, kRam + 4000);
  EXPECT_EQ(r.outcome, SyscallOutcome::kResume);
  r = h->Trap(pid, SyscallClass::kYield, 0, 0);
  EXPECT_EQ(r.outcome, SyscallOutcome::kResume);
}

// TRD104: yield-no-wait never blocks. Upstream's code counts value-only (Null Upcall) entries
// as tasks and would block here; we follow the TRD (kernel/README.md, deviations).
TEST_F(KernelTest, YieldNoWaitWithOnlyNullEventsReturnsAtOnce) {
  ProcessId pid = Load();
  Schedule(pid, 1, 1);
  TrapResult r = h->Trap(pid, SyscallClass::kYield, 0, kRam + 100);
  EXPECT_EQ(r.outcome, SyscallOutcome::kResume);
  EXPECT_EQ(*PF(pid).Ram(kRam + 100), 0);
  EXPECT_EQ(P(pid).pending_upcall_count(), 1u);  // still there for a yield-wait-for
}

// TRD104 §4.1 and upstream Tock 2.x: an unknown yield number returns to the app at once. It
// does not block, deliver a pending upcall, use r1-r3, write any register or end the turn.
TEST_F(KernelTest, UnknownYieldNumberReturnsAtOnceLeavingTheFrameAlone) {
  ProcessId pid = Load();
  Load(1);
  ASSERT_EQ(h->Subscribe(pid, kDrv, 0, kFlash + 0x100, 1).variant(), kSuccessU32U32);
  Schedule(pid, 0, 5);
  const uint32_t flag = kRam + 100;
  *PF(pid).Ram(flag) = 0xEE;
  auto run = h->Schedule();
  ASSERT_EQ(run->process, &P(pid));
  for (uint32_t number : {3u, 7u, 0x80000000u, 0xFFFFFFFFu}) {
    PF(pid).ClearRecords();
    TrapResult r = h->Trap(pid, SyscallClass::kYield, number, flag, kDrv, 0xCC);
    EXPECT_EQ(r.outcome, SyscallOutcome::kResume) << number;
    EXPECT_EQ(r.regs, (SyscallRegisters{number, flag, kDrv, 0xCC}));
    ASSERT_TRUE(PF(pid).last_return);
    EXPECT_EQ(PF(pid).last_return->written, 0);
    EXPECT_EQ(PF(pid).upcalls, 0);
    EXPECT_EQ(P(pid).state(), ProcessState::kRunning);
  }
  EXPECT_EQ(*PF(pid).Ram(flag), 0xEE);           // r1 was not used as the no-wait flag
  EXPECT_EQ(P(pid).pending_upcall_count(), 1u);  // still queued for a real yield
  EXPECT_EQ(P(pid).syscall_count(), 5u);         // subscribe + four yields
  h->kernel.HandlePreempted(P(pid), 10, h->loop_cap);
  EXPECT_EQ(h->Schedule()->process, &P(pid));  // kept its turn
  EXPECT_EQ(h->YieldWait(pid).outcome, SyscallOutcome::kResume);
  EXPECT_EQ(PF(pid).last_upcall->args[0], 5u);
}

TEST_F(KernelTest, FullQueueDropsAndCountsUpcalls) {
  ProcessId pid = Load();
  ASSERT_EQ(h->Subscribe(pid, kDrv, 0, kFlash + 0x100, 1).variant(), kSuccessU32U32);
  for (uint32_t i = 0; i < 10; ++i) {
    Schedule(pid, 0, i);
  }
  auto r = driver.grant.Enter(
      pid, [](testing::TestApp&, GrantKernelData& kd) { return kd.ScheduleUpcall(0, 99, 0, 0); });
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().error(), ErrorCode::kNoMem);
  EXPECT_EQ(P(pid).dropped_upcall_count(), 1u);
  EXPECT_EQ(P(pid).pending_upcall_count(), 10u);
  for (uint32_t i = 0; i < 10; ++i) {
    ASSERT_EQ(h->YieldWait(pid).outcome, SyscallOutcome::kResume);
    EXPECT_EQ(PF(pid).last_upcall->args[0], i);
  }
  EXPECT_EQ(h->YieldWait(pid).outcome, SyscallOutcome::kDescheduled);
}

TEST_F(KernelTest, CapsuleCanScheduleThroughCommand) {
  ProcessId pid = Load();
  ASSERT_EQ(h->Subscribe(pid, kDrv, 0, kFlash + 0x100, 1).variant(), kSuccessU32U32);
  EXPECT_EQ(h->Command(pid, kDrv, 2, 0, 123).variant(), kSuccess);
  EXPECT_EQ(h->Command(pid, kDrv, 2, 3, 0).regs[1], Err(ErrorCode::kInval));
  ASSERT_EQ(h->YieldWait(pid).outcome, SyscallOutcome::kResume);
  EXPECT_EQ(PF(pid).last_upcall->args, (SyscallRegisters{123, 2, 3, 1}));
}

// ---------------------------------------------------------------------------------------------
// Memop

TEST_F(KernelTest, MemopReportsRegions) {
  ProcessId pid = Load();
  Process& p = P(pid);
  EXPECT_EQ(h->Memop(pid, 2, 0).regs, (SyscallRegisters{kSuccessU32, kRam, 0, 0}));
  EXPECT_EQ(h->Memop(pid, 3, 0).regs[1], p.memory_end());
  EXPECT_EQ(h->Memop(pid, 4, 0).regs[1], kFlash);
  EXPECT_EQ(h->Memop(pid, 5, 0).regs[1], kFlash + 1024);
  EXPECT_EQ(h->Memop(pid, 6, 0).regs[1], p.kernel_memory_break());
  EXPECT_EQ(h->Memop(pid, 7, 0).regs[1], 0u);
  TrapResult r = h->Memop(pid, 8, 0);
  EXPECT_EQ(r.variant(), 0u);
  EXPECT_EQ(r.regs[1], Err(ErrorCode::kFail));
  EXPECT_EQ(h->Memop(pid, 10, kRam + 0x40).variant(), kSuccess);
  EXPECT_EQ(h->Memop(pid, 11, kRam + 0x80).variant(), kSuccess);
  EXPECT_EQ(p.debug_stack_start(), kRam + 0x40);
  EXPECT_EQ(p.debug_heap_start(), kRam + 0x80);
  r = h->Memop(pid, 12, 0);
  EXPECT_EQ(r.variant(), 0u);
  EXPECT_EQ(r.regs[1], Err(ErrorCode::kNoSupport));
}

TEST_F(KernelTest, MemopReportsWriteableFlashRegions) {
  FakeProcessPlatform& pf = h->platforms[0];
  TbfDescription& tbf = pf.mutable_tbf();
  pf.MakeImage({});
  tbf.num_writeable_regions = 2;
  tbf.writeable_regions[0] = {0x200, 0x40};
  tbf.writeable_regions[1] = {0x300, 0x80};
  auto pid = h->kernel.LoadProcess(tbf, pf.platform(), h->stop_policy, h->process_cap).value();
  EXPECT_EQ(h->Memop(pid, 7, 0).regs[1], 2u);
  EXPECT_EQ(h->Memop(pid, 8, 1).regs[1], kFlash + 0x300);
  EXPECT_EQ(h->Memop(pid, 9, 1).regs[1], kFlash + 0x380);
  EXPECT_EQ(h->Memop(pid, 9, 0).regs[1], kFlash + 0x240);
  EXPECT_EQ(h->Memop(pid, 9, 2).regs[1], Err(ErrorCode::kFail));
}

TEST_F(KernelTest, BrkMovesBreakWithinLimitsAndZeroesNewMemory) {
  ProcessId pid = Load();
  Process& p = P(pid);
  ASSERT_EQ(h->Memop(pid, 0, kRam + 2048).variant(), kSuccess);
  EXPECT_EQ(p.app_break(), kRam + 2048);
  EXPECT_EQ(PF(pid).mpu_layout->app_break, kRam + 2048);
  *PF(pid).Ram(kRam + 1500) = 0xAB;
  ASSERT_EQ(h->Memop(pid, 0, kRam + 1024).variant(), kSuccess);  // shrink
  ASSERT_EQ(h->Memop(pid, 0, kRam + 2048).variant(), kSuccess);  // grow again
  EXPECT_EQ(*PF(pid).Ram(kRam + 1500), 0);
  // Up to the kernel break exactly, never past it, never below memory_start.
  EXPECT_EQ(h->Memop(pid, 0, p.kernel_memory_break()).variant(), kSuccess);
  EXPECT_EQ(h->Memop(pid, 0, p.kernel_memory_break() + 8).regs[1], Err(ErrorCode::kNoMem));
  EXPECT_EQ(h->Memop(pid, 0, p.memory_end()).regs[1], Err(ErrorCode::kNoMem));
  EXPECT_EQ(h->Memop(pid, 0, kRam - 8).regs[1], Err(ErrorCode::kNoMem));
  EXPECT_EQ(h->Memop(pid, 0, kRam).variant(), kSuccess);
}

TEST_F(KernelTest, SbrkReturnsOldBreakAndRejectsOverflow) {
  ProcessId pid = Load();
  TrapResult r = h->Memop(pid, 1, 512);
  EXPECT_EQ(r.regs, (SyscallRegisters{kSuccessU32, kRam + 256, 0, 0}));
  EXPECT_EQ(P(pid).app_break(), kRam + 768);
  r = h->Memop(pid, 1, static_cast<uint32_t>(-256));
  EXPECT_EQ(r.regs[1], kRam + 768);
  EXPECT_EQ(P(pid).app_break(), kRam + 512);
  EXPECT_EQ(h->Memop(pid, 1, 0x7FFFFFFF).regs[1], Err(ErrorCode::kNoMem));
  EXPECT_EQ(h->Memop(pid, 1, 0x80000000).regs[1], Err(ErrorCode::kNoMem));
  EXPECT_EQ(P(pid).app_break(), kRam + 512);
}

TEST_F(KernelTest, BrkFailsWhenTheMpuCannotExpressIt) {
  ProcessId pid = Load();
  PF(pid).fail_mpu_update = true;
  EXPECT_EQ(h->Memop(pid, 0, kRam + 1024).regs[1], Err(ErrorCode::kNoMem));
  EXPECT_EQ(P(pid).app_break(), kRam + 256);
}

TEST_F(KernelTest, CoarseMpuGranularityKeepsGrantsOutOfReachableMemory) {
  // A 1 KiB-granular MPU: the break may only go as high as leaves the rounded region below
  // the kernel break.
  h->platforms[0].~FakeProcessPlatform();
  FakeProcessPlatform::Options opt;
  opt.mpu_granularity = 1024;
  new (&h->platforms[0]) FakeProcessPlatform(opt);
  ProcessId pid = Load();
  Process& p = P(pid);
  const uint32_t kb = p.kernel_memory_break();
  const uint32_t reachable_limit = kRam + ((kb - kRam) / 1024) * 1024;
  EXPECT_EQ(h->Memop(pid, 0, reachable_limit).variant(), kSuccess);
  EXPECT_EQ(h->Memop(pid, 0, reachable_limit + 8).regs[1], Err(ErrorCode::kNoMem));
  // And a grant may not be placed in the last reachable granule.
  ASSERT_EQ(h->Memop(pid, 0, reachable_limit - 8).variant(), kSuccess);
  EXPECT_EQ(driver.grant.Enter(pid, [](testing::TestApp&, GrantKernelData&) {}).error(),
            ErrorCode::kNoMem);
}

struct BigApp {
  uint8_t bytes[1000];
};

class GrantMemoryTest : public KernelTest {
 protected:
  Grant<BigApp, UpcallCount<0>, AllowRoCount<0>, AllowRwCount<0>> big1{h->kernel, 0xA1,
                                                                       h->memory_cap};
  Grant<BigApp, UpcallCount<0>, AllowRoCount<0>, AllowRwCount<0>> big2{h->kernel, 0xA2,
                                                                       h->memory_cap};
  Grant<BigApp, UpcallCount<0>, AllowRoCount<0>, AllowRwCount<0>> big3{h->kernel, 0xA3,
                                                                       h->memory_cap};
};

TEST_F(GrantMemoryTest, GrantsGrowDownUntilTheyMeetTheHeap) {
  FakeProcessPlatform::ImageSpec spec;
  spec.minimum_ram_size = 3400;
  ProcessId pid = Load(0, spec);
  Process& p = P(pid);
  const uint32_t kb0 = p.kernel_memory_break();
  ASSERT_EQ(kb0, kRam + 3400);
  ASSERT_EQ(h->Memop(pid, 0, kRam + 1300).variant(), kSuccess);  // 2100 bytes free
  auto noop = [](BigApp&, GrantKernelData&) {};
  ASSERT_TRUE(big1.Enter(pid, noop).ok());
  const uint32_t kb1 = p.kernel_memory_break();
  EXPECT_EQ(kb1, kb0 - 1008);  // header + data, 8-aligned
  EXPECT_EQ(h->Memop(pid, 6, 0).regs[1], kb1);
  ASSERT_TRUE(big2.Enter(pid, noop).ok());
  // The third no longer fits above the app break.
  EXPECT_EQ(big3.Enter(pid, noop).error(), ErrorCode::kNoMem);
  EXPECT_EQ(p.kernel_memory_break(), kb1 - 1008);
  // And the heap cannot grow into the grants now.
  EXPECT_EQ(h->Memop(pid, 0, p.kernel_memory_break() + 8).regs[1], Err(ErrorCode::kNoMem));
  // After shrinking the heap there is room again.
  ASSERT_EQ(h->Memop(pid, 0, kRam + 256).variant(), kSuccess);
  EXPECT_TRUE(big3.Enter(pid, noop).ok());
  EXPECT_EQ(big1.Enter(pid, [](BigApp& a, GrantKernelData&) { return a.bytes[0]; }).value(), 0);
}

// ---------------------------------------------------------------------------------------------
// Exit

TEST_F(KernelTest, ExitTerminateStoresCompletionCodeAndFreesGrants) {
  ProcessId pid = Load();
  ASSERT_EQ(h->Command(pid, kDrv, 1, 0, 0).variant(), kSuccessU32);
  TrapResult r = h->Trap(pid, SyscallClass::kExit, 0, 0x1234);
  EXPECT_EQ(r.outcome, SyscallOutcome::kDescheduled);
  Process& p = h->processes[0];
  EXPECT_EQ(p.state(), ProcessState::kTerminated);
  EXPECT_TRUE(p.has_completion_code());
  EXPECT_EQ(p.completion_code(), 0x1234u);
  EXPECT_EQ(PF(pid).terminations, 1);
  EXPECT_FALSE(driver.grant.IsAllocated(pid));
  EXPECT_EQ(driver.grant.Enter(pid, [](testing::TestApp&, GrantKernelData&) {}).error(),
            ErrorCode::kInval);
  EXPECT_FALSE(h->kernel.HasRunnableProcess());
  // A terminated process can be started again as a new process.
  ASSERT_TRUE(h->kernel.StartProcess(pid, h->process_cap).ok());
  EXPECT_EQ(p.restart_count(), 1u);
  EXPECT_NE(p.id(), pid);
  EXPECT_FALSE(p.has_completion_code());
}

TEST_F(KernelTest, ExitRestartStartsAFreshInstance) {
  ProcessId pid = Load();
  ASSERT_EQ(h->Memop(pid, 0, kRam + 1024).variant(), kSuccess);
  PF(pid).ClearRecords();
  TrapResult r = h->Trap(pid, SyscallClass::kExit, 1, 7);
  EXPECT_EQ(r.outcome, SyscallOutcome::kDescheduled);
  Process& p = h->processes[0];
  EXPECT_EQ(p.state(), ProcessState::kRunning);
  EXPECT_EQ(p.restart_count(), 1u);
  EXPECT_NE(p.id(), pid);
  EXPECT_EQ(p.app_break(), kRam + 256);
  EXPECT_EQ(PF(pid).entries, 1);
  EXPECT_EQ(PF(pid).terminations, 1);
}

TEST_F(KernelTest, UnknownExitNumberReturnsNoSupport) {
  ProcessId pid = Load();
  TrapResult r = h->Trap(pid, SyscallClass::kExit, 2, 0);
  EXPECT_EQ(r.outcome, SyscallOutcome::kResume);
  EXPECT_EQ(r.variant(), 0u);
  EXPECT_EQ(r.regs[1], Err(ErrorCode::kNoSupport));
}

// ---------------------------------------------------------------------------------------------
// Every decode has a defined outcome: classes 0..7 at their selector boundaries and beyond,
// and unknown classes. One fresh process per row (stop fault policy).

enum class Expect : uint8_t {
  kReturns,     // resumes with exactly `frame` as r0-r3
  kUntouched,   // resumes, no register written (frame = the trap's arguments)
  kBlocks,      // descheduled in `state`, nothing written
  kTerminated,  // exit-terminate
  kRestarted,   // exit-restart: Running again as a new process
  kFaults,      // invalid syscall: fault policy (stop -> Faulted)
};

struct DecodeRow {
  const char* what;
  uint32_t cls;
  SyscallRegisters args;
  Expect expect;
  SyscallRegisters frame = {};
  ProcessState state = ProcessState::kRunning;
};

constexpr uint32_t kNoDrv = 0x4242;
constexpr uint32_t kFailure = 0;
constexpr uint32_t E(ErrorCode e) { return static_cast<uint32_t>(e); }

// Test driver grant: 3 upcalls, 2 read-only, 2 read-write, 1 userspace-readable allow.
const DecodeRow kDecodeRows[] = {
    {"yield no-wait, nothing queued", 0, {0, 0, 1, 2}, Expect::kUntouched},
    {"yield wait", 0, {1, 0, 1, 2}, Expect::kBlocks, {}, ProcessState::kYielded},
    {"yield wait-for", 0, {2, kDrv, 1, 2}, Expect::kBlocks, {}, ProcessState::kYieldedFor},
    {"yield 3", 0, {3, kRam + 8, 1, 2}, Expect::kUntouched},
    {"yield 7", 0, {7, 0, 0, 0}, Expect::kUntouched},
    {"yield 0xFFFFFFFF", 0, {0xFFFFFFFF, kDrv, 1, 2}, Expect::kUntouched},
    {"subscribe no driver",
     1,
     {kNoDrv, 0, 0, 9},
     Expect::kReturns,
     {kFailureU32U32, E(ErrorCode::kNoDevice), 0, 9}},
    {"subscribe last upcall", 1, {kDrv, 2, 0, 9}, Expect::kReturns, {kSuccessU32U32, 0, 0, 9}},
    {"subscribe upcall 3",
     1,
     {kDrv, 3, 0, 9},
     Expect::kReturns,
     {kFailureU32U32, E(ErrorCode::kNoSupport), 0, 9}},
    {"subscribe upcall 0xFFFFFFFF",
     1,
     {kDrv, 0xFFFFFFFF, 0, 9},
     Expect::kReturns,
     {kFailureU32U32, E(ErrorCode::kNoSupport), 0, 9}},
    {"subscribe fn outside the app",
     1,
     {kDrv, 0, 0xFFFFFFF0, 9},
     Expect::kReturns,
     {kFailureU32U32, E(ErrorCode::kInval), 0xFFFFFFF0, 9}},
    {"command no driver",
     2,
     {kNoDrv, 0, 1, 2},
     Expect::kReturns,
     {kFailure, E(ErrorCode::kNoDevice), 1, 2}},
    {"command unknown number",
     2,
     {kDrv, 0xFFFFFFFF, 1, 2},
     Expect::kReturns,
     {kFailure, E(ErrorCode::kNoSupport), 1, 2}},
    {"rw allow no driver",
     3,
     {kNoDrv, 0, kRam, 4},
     Expect::kReturns,
     {kFailureU32U32, E(ErrorCode::kNoDevice), kRam, 4}},
    {"rw allow last", 3, {kDrv, 1, kRam, 4}, Expect::kReturns, {kSuccessU32U32, 0, 0, 4}},
    {"rw allow 2",
     3,
     {kDrv, 2, kRam, 4},
     Expect::kReturns,
     {kFailureU32U32, E(ErrorCode::kNoSupport), kRam, 4}},
    {"ro allow no driver",
     4,
     {kNoDrv, 0, kRam, 4},
     Expect::kReturns,
     {kFailureU32U32, E(ErrorCode::kNoDevice), kRam, 4}},
    {"ro allow last", 4, {kDrv, 1, kRam, 4}, Expect::kReturns, {kSuccessU32U32, 0, 0, 4}},
    {"ro allow 0xFFFFFFFF",
     4,
     {kDrv, 0xFFFFFFFF, kRam, 4},
     Expect::kReturns,
     {kFailureU32U32, E(ErrorCode::kNoSupport), kRam, 4}},
    {"uro allow no driver",
     7,
     {kNoDrv, 0, kRam, 4},
     Expect::kReturns,
     {kFailureU32U32, E(ErrorCode::kNoDevice), kRam, 4}},
    {"uro allow last", 7, {kDrv, 0, kRam, 4}, Expect::kReturns, {kSuccessU32U32, 0, 0, 4}},
    {"uro allow 1",
     7,
     {kDrv, 1, kRam, 4},
     Expect::kReturns,
     {kFailureU32U32, E(ErrorCode::kNoSupport), kRam, 4}},
    {"memop 2 (first defined)", 5, {2, 0, 7, 8}, Expect::kReturns, {kSuccessU32, kRam, 7, 8}},
    {"memop 8, no such region",
     5,
     {8, 0, 7, 8},
     Expect::kReturns,
     {kFailure, E(ErrorCode::kFail), 7, 8}},
    {"memop 9, region 0xFFFFFFFF",
     5,
     {9, 0xFFFFFFFF, 7, 8},
     Expect::kReturns,
     {kFailure, E(ErrorCode::kFail), 7, 8}},
    {"memop 11 (last defined)", 5, {11, kRam, 7, 8}, Expect::kReturns, {kSuccess, kRam, 7, 8}},
    {"memop 12", 5, {12, 0, 7, 8}, Expect::kReturns, {kFailure, E(ErrorCode::kNoSupport), 7, 8}},
    {"memop 0xFFFFFFFF",
     5,
     {0xFFFFFFFF, 0, 7, 8},
     Expect::kReturns,
     {kFailure, E(ErrorCode::kNoSupport), 7, 8}},
    {"exit-terminate", 6, {0, 5, 0, 0}, Expect::kTerminated},
    {"exit-restart", 6, {1, 5, 0, 0}, Expect::kRestarted},
    {"exit 2", 6, {2, 5, 7, 8}, Expect::kReturns, {kFailure, E(ErrorCode::kNoSupport), 7, 8}},
    {"exit 0xFFFFFFFF",
     6,
     {0xFFFFFFFF, 5, 7, 8},
     Expect::kReturns,
     {kFailure, E(ErrorCode::kNoSupport), 7, 8}},
    {"class 8", 8, {0, 0, 0, 0}, Expect::kFaults},
    {"class 255", 255, {1, 2, 3, 4}, Expect::kFaults},
    {"class 0xFFFFFFFF", 0xFFFFFFFF, {0, 0, 0, 0}, Expect::kFaults},
};

TEST(KernelDecodeOutcomeTest, EveryClassAndSelectorBoundaryHasADefinedOutcome) {
  for (const DecodeRow& row : kDecodeRows) {
    SCOPED_TRACE(row.what);
    auto h = std::make_unique<KernelHarness<1>>();
    TestDriver driver(h->kernel, h->memory_cap);
    ASSERT_TRUE(h->Register(kDrv, driver).ok());
    Result<ProcessId> loaded = h->Load(0);
    ASSERT_TRUE(loaded.ok());
    const ProcessId pid = loaded.value();
    FakeProcessPlatform& pf = h->platforms[0];
    Process& p = h->processes[0];
    pf.ClearRecords();
    TrapResult r = h->Trap(pid, static_cast<SyscallClass>(row.cls), row.args[0], row.args[1],
                           row.args[2], row.args[3]);
    switch (row.expect) {
      case Expect::kReturns:
        EXPECT_EQ(r.outcome, SyscallOutcome::kResume);
        EXPECT_EQ(r.regs, row.frame);
        EXPECT_EQ(p.state(), ProcessState::kRunning);
        break;
      case Expect::kUntouched:
        EXPECT_EQ(r.outcome, SyscallOutcome::kResume);
        ASSERT_TRUE(pf.last_return);
        EXPECT_EQ(pf.last_return->written, 0);
        EXPECT_EQ(r.regs, row.args);
        EXPECT_EQ(p.state(), ProcessState::kRunning);
        break;
      case Expect::kBlocks:
        EXPECT_EQ(r.outcome, SyscallOutcome::kDescheduled);
        EXPECT_EQ(pf.returns, 0);
        EXPECT_EQ(p.state(), row.state);
        break;
      case Expect::kTerminated:
        EXPECT_EQ(r.outcome, SyscallOutcome::kDescheduled);
        EXPECT_EQ(p.state(), ProcessState::kTerminated);
        EXPECT_EQ(p.completion_code(), row.args[1]);
        break;
      case Expect::kRestarted:
        EXPECT_EQ(r.outcome, SyscallOutcome::kDescheduled);
        EXPECT_EQ(p.state(), ProcessState::kRunning);
        EXPECT_NE(p.id(), pid);
        EXPECT_EQ(pf.entries, 1);
        break;
      case Expect::kFaults:
        EXPECT_EQ(r.outcome, SyscallOutcome::kDescheduled);
        EXPECT_EQ(p.state(), ProcessState::kFaulted);
        EXPECT_EQ(pf.returns, 0);
        break;
    }
    EXPECT_EQ(h->kernel.illegal_transition_count(), 0u);
  }
}

// ---------------------------------------------------------------------------------------------
// Faults

TEST_F(KernelTest, InvalidSyscallIsAFaultUnderThePolicy) {
  ProcessId pid = Load();
  TrapResult r = h->Trap(pid, static_cast<SyscallClass>(9), 0);
  EXPECT_EQ(r.outcome, SyscallOutcome::kDescheduled);
  EXPECT_EQ(h->processes[0].state(), ProcessState::kFaulted);

  PanicFaultPolicy panic;
  ProcessId other = Load(1, {}, &panic);
  r = h->Trap(other, static_cast<SyscallClass>(0xFF), 7);
  EXPECT_EQ(r.outcome, SyscallOutcome::kPanic);
  EXPECT_EQ(h->processes[1].state(), ProcessState::kFaulted);

  RestartFaultPolicy restart;
  ProcessId third = Load(2, {}, &restart);
  r = h->Trap(third, static_cast<SyscallClass>(8), 0);
  EXPECT_EQ(r.outcome, SyscallOutcome::kDescheduled);
  EXPECT_EQ(h->processes[2].state(), ProcessState::kRunning);
  EXPECT_EQ(h->processes[2].restart_count(), 1u);
  EXPECT_EQ(h->kernel.illegal_transition_count(), 0u);
}

TEST_F(KernelTest, PanicPolicyPanicsOnFirstFault) {
  PanicFaultPolicy policy;
  ProcessId pid = Load(0, {}, &policy);
  FaultInfo info;
  info.kind = FaultKind::kMemory;
  EXPECT_EQ(h->kernel.HandleFault(P(pid), info, h->loop_cap), FaultOutcome::kPanic);
  EXPECT_EQ(h->processes[0].state(), ProcessState::kFaulted);
  EXPECT_EQ(PF(pid).terminations, 0);  // memory left for the dump
}

TEST_F(KernelTest, StopPolicyLeavesProcessFaultedUntilRestarted) {
  ProcessId pid = Load();
  EXPECT_EQ(h->kernel.HandleFault(P(pid), {}, h->loop_cap), FaultOutcome::kStopped);
  Process& p = h->processes[0];
  EXPECT_EQ(p.state(), ProcessState::kFaulted);
  EXPECT_EQ(PF(pid).terminations, 1);
  EXPECT_FALSE(h->kernel.HasRunnableProcess());
  // A second report for a dead process changes nothing.
  EXPECT_EQ(h->kernel.HandleFault(p, {}, h->loop_cap), FaultOutcome::kStopped);
  EXPECT_EQ(PF(pid).terminations, 1);
  ASSERT_TRUE(h->kernel.RestartProcess(pid, h->process_cap).ok());
  EXPECT_EQ(p.state(), ProcessState::kRunning);
  EXPECT_EQ(p.restart_count(), 1u);
  EXPECT_EQ(PF(pid).terminations, 1);  // the context was released once, at the fault
  EXPECT_EQ(PF(pid).entries, 2);
}

TEST_F(KernelTest, RestartPolicyRestartsEveryTimeAndCounts) {
  RestartFaultPolicy policy;
  Load(0, {}, &policy);
  Process& p = h->processes[0];
  for (uint32_t i = 1; i <= 5; ++i) {
    EXPECT_EQ(h->kernel.HandleFault(p, {}, h->loop_cap), FaultOutcome::kRestarted);
    EXPECT_EQ(p.restart_count(), i);
    EXPECT_EQ(p.state(), ProcessState::kRunning);
  }
  EXPECT_EQ(h->platforms[0].entries, 6);
}

TEST_F(KernelTest, ThresholdRestartStopsAfterThreshold) {
  ThresholdRestartFaultPolicy policy(2);
  Load(0, {}, &policy);
  Process& p = h->processes[0];
  // Restarts while restart_count <= 2 (counts 0, 1, 2), then stops.
  EXPECT_EQ(h->kernel.HandleFault(p, {}, h->loop_cap), FaultOutcome::kRestarted);
  EXPECT_EQ(h->kernel.HandleFault(p, {}, h->loop_cap), FaultOutcome::kRestarted);
  EXPECT_EQ(h->kernel.HandleFault(p, {}, h->loop_cap), FaultOutcome::kRestarted);
  EXPECT_EQ(p.restart_count(), 3u);
  EXPECT_EQ(h->kernel.HandleFault(p, {}, h->loop_cap), FaultOutcome::kStopped);
  EXPECT_EQ(p.state(), ProcessState::kFaulted);
}

// Counts are 32-bit: a threshold above 65,535 is reached and obeyed (a 16-bit count would
// saturate at 0xFFFF and restart forever). Threshold 69,999 = `restart:70000` (70,000 restarts).
TEST_F(KernelTest, ThresholdRestartCountsPastSixteenBits) {
  ThresholdRestartFaultPolicy policy(69999);
  Load(0, {}, &policy);
  Process& p = h->processes[0];
  uint32_t restarts = 0;
  while (h->kernel.HandleFault(p, {}, h->loop_cap) == FaultOutcome::kRestarted) {
    ++restarts;
    ASSERT_LE(restarts, 70000u);
  }
  EXPECT_EQ(restarts, 70000u);
  EXPECT_EQ(p.restart_count(), 70000u);
  EXPECT_EQ(p.state(), ProcessState::kFaulted);
}

TEST_F(KernelTest, ThresholdRestartThenPanicPanicsAfterThreshold) {
  ThresholdRestartThenPanicFaultPolicy policy(1);
  Load(0, {}, &policy);
  Process& p = h->processes[0];
  EXPECT_EQ(h->kernel.HandleFault(p, {}, h->loop_cap), FaultOutcome::kRestarted);
  EXPECT_EQ(h->kernel.HandleFault(p, {}, h->loop_cap), FaultOutcome::kRestarted);
  EXPECT_EQ(h->kernel.HandleFault(p, {}, h->loop_cap), FaultOutcome::kPanic);
  EXPECT_EQ(p.restart_count(), 2u);
}

uint64_t FakeNow(void* ctx) { return *static_cast<uint64_t*>(ctx); }

TEST_F(KernelTest, WindowedRestartStopsOnlyWhenFaultsClusterInTheWindow) {
  uint64_t now = 1000;
  WindowedRestartFaultPolicy<2> policy(100, &FakeNow, &now);
  Load(0, {}, &policy);
  Process& p = h->processes[0];
  EXPECT_EQ(h->kernel.HandleFault(p, {}, h->loop_cap), FaultOutcome::kRestarted);
  now += 50;
  EXPECT_EQ(h->kernel.HandleFault(p, {}, h->loop_cap), FaultOutcome::kRestarted);
  now += 60;  // the first restart (t=1000) left the window; one recent restart remains
  EXPECT_EQ(h->kernel.HandleFault(p, {}, h->loop_cap), FaultOutcome::kRestarted);
  now += 10;  // two restarts within the last 100: stop
  EXPECT_EQ(h->kernel.HandleFault(p, {}, h->loop_cap), FaultOutcome::kStopped);
  EXPECT_EQ(p.state(), ProcessState::kFaulted);
  EXPECT_EQ(p.restart_count(), 3u);
}

TEST_F(KernelTest, WindowedRestartCanPanicInstead) {
  uint64_t now = 0;
  WindowedRestartFaultPolicy<1> policy(10, &FakeNow, &now, FaultAction::kPanic);
  Load(0, {}, &policy);
  Process& p = h->processes[0];
  EXPECT_EQ(h->kernel.HandleFault(p, {}, h->loop_cap), FaultOutcome::kRestarted);
  EXPECT_EQ(h->kernel.HandleFault(p, {}, h->loop_cap), FaultOutcome::kPanic);
}

TEST_F(KernelTest, RestartThatCannotStartLeavesProcessFaulted) {
  RestartFaultPolicy policy;
  ProcessId pid = Load(0, {}, &policy);
  PF(pid).fail_initialize = true;
  EXPECT_EQ(h->kernel.HandleFault(P(pid), {}, h->loop_cap), FaultOutcome::kStopped);
  EXPECT_EQ(h->processes[0].state(), ProcessState::kFaulted);
}

// ---------------------------------------------------------------------------------------------
// Process management

TEST_F(KernelTest, StopAndResumeRememberTheStateStoppedFrom) {
  ProcessId pid = Load();
  auto& cap = h->process_cap;
  ASSERT_TRUE(h->kernel.StopProcess(pid, cap).ok());
  EXPECT_EQ(P(pid).state(), ProcessState::kStoppedRunning);
  EXPECT_TRUE(P(pid).IsStopped());
  EXPECT_TRUE(P(pid).IsAlive());
  EXPECT_EQ(h->kernel.StopProcess(pid, cap).error(), ErrorCode::kAlready);
  EXPECT_FALSE(h->kernel.HasRunnableProcess());
  // Upcalls still queue while stopped.
  Schedule(pid, 0, 1);
  EXPECT_EQ(P(pid).pending_upcall_count(), 1u);
  ASSERT_TRUE(h->kernel.ResumeProcess(pid, cap).ok());
  EXPECT_EQ(P(pid).state(), ProcessState::kRunning);
  EXPECT_EQ(h->kernel.ResumeProcess(pid, cap).error(), ErrorCode::kAlready);

  h->YieldWaitFor(pid, kDrv, 2);
  ASSERT_TRUE(h->kernel.StopProcess(pid, cap).ok());
  EXPECT_EQ(P(pid).state(), ProcessState::kStoppedYieldedFor);
  ASSERT_TRUE(h->kernel.ResumeProcess(pid, cap).ok());
  EXPECT_EQ(P(pid).state(), ProcessState::kYieldedFor);

  ASSERT_TRUE(h->kernel.TerminateProcess(pid, 3, cap).ok());
  EXPECT_EQ(h->kernel.StopProcess(pid, cap).error(), ErrorCode::kOff);
  EXPECT_EQ(h->kernel.ResumeProcess(pid, cap).error(), ErrorCode::kOff);
  EXPECT_EQ(h->kernel.TerminateProcess(pid, 3, cap).error(), ErrorCode::kAlready);
  ProcessId stale(0, 999);
  EXPECT_EQ(h->kernel.StopProcess(stale, cap).error(), ErrorCode::kInval);
  EXPECT_EQ(h->kernel.ResumeProcess(stale, cap).error(), ErrorCode::kInval);
  EXPECT_EQ(h->kernel.TerminateProcess(stale, 0, cap).error(), ErrorCode::kInval);
  EXPECT_EQ(h->kernel.RestartProcess(stale, cap).error(), ErrorCode::kInval);
  EXPECT_EQ(h->kernel.StartProcess(stale, cap).error(), ErrorCode::kInval);
  EXPECT_EQ(h->kernel.ProcessFor(ProcessId(7, 1)), nullptr);
  EXPECT_EQ(h->kernel.ProcessFor(ProcessId()), nullptr);
}

TEST_F(KernelTest, StoppedYieldedProcessResumesYielded) {
  ProcessId pid = Load();
  h->YieldWait(pid);
  ASSERT_TRUE(h->kernel.StopProcess(pid, h->process_cap).ok());
  EXPECT_EQ(P(pid).state(), ProcessState::kStoppedYielded);
  ASSERT_TRUE(h->kernel.ResumeProcess(pid, h->process_cap).ok());
  EXPECT_EQ(P(pid).state(), ProcessState::kYielded);
}

TEST_F(KernelTest, SyscallFromANonRunningProcessIsIgnored) {
  ProcessId pid = Load();
  ASSERT_TRUE(h->kernel.StopProcess(pid, h->process_cap).ok());
  PF(pid).ClearRecords();
  TrapResult r = h->Command(pid, kDrv, 0, 0, 0);
  EXPECT_EQ(r.outcome, SyscallOutcome::kDescheduled);
  EXPECT_EQ(PF(pid).returns, 0);
  EXPECT_EQ(driver.commands, 0);
}

class StoppingDriver final : public SyscallDriver {
 public:
  StoppingDriver(Kernel& k, const ProcessManagementCapability& cap) : k_(k), cap_(cap) {}
  CommandReturn Command(uint32_t, uint32_t, uint32_t, ProcessId pid) override {
    static_cast<void>(k_.StopProcess(pid, cap_));
    return CommandReturn::Success();
  }
  Result<void> AllocateGrant(ProcessId) override { return ErrorCode::kNoMem; }

 private:
  Kernel& k_;
  const ProcessManagementCapability& cap_;
};

TEST_F(KernelTest, ProcessStoppedDuringItsSyscallIsDescheduled) {
  StoppingDriver stopper(h->kernel, h->process_cap);
  ASSERT_TRUE(h->Register(0x77, stopper).ok());
  ProcessId pid = Load();
  PF(pid).ClearRecords();
  EXPECT_EQ(h->Command(pid, 0x77, 0, 0, 0).outcome, SyscallOutcome::kDescheduled);
  EXPECT_EQ(P(pid).state(), ProcessState::kStoppedRunning);
  EXPECT_EQ(PF(pid).returns, 0);
  // Drivers without a grant: subscribe/allow answer NOMEM (upstream behaviour).
  ASSERT_TRUE(h->kernel.ResumeProcess(pid, h->process_cap).ok());
  EXPECT_EQ(h->Subscribe(pid, 0x77, 0, 0, 0).regs[1], Err(ErrorCode::kNoMem));
}

// ---------------------------------------------------------------------------------------------
// Syscall filter

class DenyCommands final : public SyscallFilter {
 public:
  Result<void> Filter(const Process&, const Syscall& call) override {
    ++seen;
    if (call.klass == SyscallClass::kCommand) {
      return ErrorCode::kReserve;
    }
    return {};
  }
  int seen = 0;
};

TEST_F(KernelTest, FilterRejectsWithPlainFailureAndSkipsYieldMemopExit) {
  DenyCommands filter;
  h->kernel.SetSyscallFilter(&filter);
  ProcessId pid = Load();
  TrapResult r = h->Command(pid, kDrv, 0, 0, 0);
  EXPECT_EQ(r.outcome, SyscallOutcome::kResume);
  EXPECT_EQ(r.regs, (SyscallRegisters{0, Err(ErrorCode::kReserve), 0, 0}));
  EXPECT_EQ(driver.commands, 0);
  EXPECT_EQ(h->Subscribe(pid, kDrv, 0, 0, 0).variant(), kSuccessU32U32);
  EXPECT_EQ(filter.seen, 2);
  h->Memop(pid, 2, 0);
  h->Trap(pid, SyscallClass::kYield, 0, 0);
  EXPECT_EQ(filter.seen, 2);
}

// ---------------------------------------------------------------------------------------------
// Scheduling

TEST_F(KernelTest, RoundRobinGivesEachRunnableProcessATurn) {
  Load(0);
  Load(1);
  Load(2);
  std::vector<size_t> order;
  for (int i = 0; i < 6; ++i) {
    auto run = h->Schedule();
    ASSERT_TRUE(run);
    EXPECT_EQ(run->timeslice_us, kDefaultTimesliceUs);
    order.push_back(run->process->id().index());
    h->kernel.HandleTimesliceExpired(*run->process, h->loop_cap);
  }
  EXPECT_EQ(order, (std::vector<size_t>{0, 1, 2, 0, 1, 2}));
  EXPECT_EQ(h->processes[0].timeslice_expirations(), 2u);
}

TEST_F(KernelTest, DebugCountersTrackSyscallsAndGrantsAndResetOnRestart) {
  ProcessId pid = Load();
  EXPECT_EQ(P(pid).grant_table_size(), 1u);
  EXPECT_EQ(P(pid).allocated_grant_count(), 0u);
  h->Command(pid, kDrv, 1, 0, 0);
  h->Memop(pid, 2, 0);
  EXPECT_EQ(P(pid).syscall_count(), 2u);
  EXPECT_EQ(P(pid).allocated_grant_count(), 1u);
  ASSERT_TRUE(h->kernel.RestartProcess(pid, h->process_cap).ok());
  Process& p = h->processes[0];
  EXPECT_EQ(p.syscall_count(), 0u);
  EXPECT_EQ(p.allocated_grant_count(), 0u);
}

TEST_F(KernelTest, YieldingGivesUpTheRestOfTheSliceAndSkipsBlockedProcesses) {
  ProcessId a = Load(0);
  ProcessId b = Load(1);
  auto run = h->Schedule();
  ASSERT_EQ(run->process, &P(a));
  EXPECT_EQ(h->YieldWait(a).outcome, SyscallOutcome::kDescheduled);
  run = h->Schedule();
  ASSERT_EQ(run->process, &P(b));
  h->kernel.HandleTimesliceExpired(P(b), h->loop_cap);
  run = h->Schedule();  // a is still blocked: b again
  ASSERT_EQ(run->process, &P(b));
}

TEST_F(KernelTest, PreemptedProcessResumesWithTheRemainderOfItsSlice) {
  ProcessId a = Load(0);
  Load(1);
  auto run = h->Schedule();
  ASSERT_EQ(run->process, &P(a));
  h->kernel.HandlePreempted(P(a), 4000, h->loop_cap);
  run = h->Schedule();
  ASSERT_EQ(run->process, &P(a));
  EXPECT_EQ(run->timeslice_us, kDefaultTimesliceUs - 4000);
  h->kernel.HandlePreempted(P(a), kDefaultTimesliceUs - 4000, h->loop_cap);
  run = h->Schedule();
  EXPECT_EQ(run->process->id().index(), 1u);
  EXPECT_EQ(run->timeslice_us, kDefaultTimesliceUs);
}

TEST_F(KernelTest, CommandsDoNotEndTheTurn) {
  ProcessId a = Load(0);
  Load(1);
  auto run = h->Schedule();
  ASSERT_EQ(run->process, &P(a));
  EXPECT_EQ(h->Command(a, kDrv, 0, 0, 0).outcome, SyscallOutcome::kResume);
  h->kernel.HandlePreempted(P(a), 10, h->loop_cap);
  EXPECT_EQ(h->Schedule()->process, &P(a));
}

}  // namespace
}  // namespace tock
