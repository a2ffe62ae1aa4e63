// A whole kernel on fake platforms for capsule tests and fuzz harnesses: a driver table, a
// process table, one FakeProcessPlatform per slot, the capabilities, and helpers that make a
// process trap with a syscall and read back what it would see. Test-only (trusted).
//
//   KernelHarness<> h;                       // heap-allocate it: each platform is ~48 KiB
//   MyCapsule cap(h.kernel, h.memory_cap);   // grants first
//   h.Register(0x1, cap);
//   ProcessId pid = h.Load(0).value();
//   auto r = h.Command(pid, 0x1, 0, 0, 0);   // r.regs[0] == 128
#ifndef TOCKPP_KERNEL_TESTING_KERNEL_HARNESS_H_
#define TOCKPP_KERNEL_TESTING_KERNEL_HARNESS_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "kernel/capability_factory.h"
#include "kernel/driver_table.h"
#include "kernel/fault_policy.h"
#include "kernel/kernel.h"
#include "kernel/testing/fake_platform.h"

namespace tock::testing {

struct TrapResult {
  SyscallOutcome outcome;
  SyscallRegisters regs;  // the process's r0-r3 after the trap (unwritten ones keep the args)
  uint32_t variant() const { return regs[0]; }
};

template <size_t kProcesses = 2, size_t kDrivers = 16>
class KernelHarness {
 public:
  KernelHarness() : kernel(processes, drivers) {}
  KernelHarness(const KernelHarness&) = delete;
  KernelHarness& operator=(const KernelHarness&) = delete;

  ProcessManagementCapability process_cap = CapabilityFactory::ProcessManagement();
  MemoryAllocationCapability memory_cap = CapabilityFactory::MemoryAllocation();
  MainLoopCapability loop_cap = CapabilityFactory::MainLoop();
  DeferredCallCapability deferred_cap = CapabilityFactory::DeferredCall();

  DriverTable<kDrivers> drivers;
  std::array<Process, kProcesses> processes;
  Kernel kernel;
  std::array<FakeProcessPlatform, kProcesses> platforms;
  StopFaultPolicy stop_policy;

  Result<void> Register(uint32_t driver_num, SyscallDriver& driver) {
    return drivers.Register(driver_num, driver);
  }

  // Loads an image made from `spec` on platforms[slot_platform].
  Result<ProcessId> Load(size_t platform_index, const FakeProcessPlatform::ImageSpec& spec = {},
                         const FaultPolicy* policy = nullptr) {
    FakeProcessPlatform& pf = platforms[platform_index];
    const TbfDescription& tbf = pf.MakeImage(spec);
    return kernel.LoadProcess(tbf, pf.platform(), policy ? *policy : stop_policy, process_cap);
  }

  Process& process(ProcessId pid) { return *kernel.ProcessFor(pid); }
  FakeProcessPlatform& platform(ProcessId pid) { return platforms[pid.index()]; }

  // The process traps with class + r0..r3 (it must be Running).
  TrapResult Trap(ProcessId pid, SyscallClass klass, uint32_t r0, uint32_t r1 = 0, uint32_t r2 = 0,
                  uint32_t r3 = 0) {
    FakeProcessPlatform& pf = platform(pid);
    SyscallRegisters regs{r0, r1, r2, r3};
    pf.set_frame(regs);
    SyscallOutcome out =
        kernel.HandleSyscall(process(pid), static_cast<uint32_t>(klass), regs, loop_cap);
    return TrapResult{out, pf.frame()};
  }
  TrapResult Command(ProcessId pid, uint32_t driver, uint32_t cmd, uint32_t a0, uint32_t a1) {
    return Trap(pid, SyscallClass::kCommand, driver, cmd, a0, a1);
  }
  TrapResult Subscribe(ProcessId pid, uint32_t driver, uint32_t num, uint32_t fn,
                       uint32_t userdata) {
    return Trap(pid, SyscallClass::kSubscribe, driver, num, fn, userdata);
  }
  TrapResult AllowReadWrite(ProcessId pid, uint32_t driver, uint32_t num, uint32_t addr,
                            uint32_t len) {
    return Trap(pid, SyscallClass::kReadWriteAllow, driver, num, addr, len);
  }
  TrapResult AllowReadOnly(ProcessId pid, uint32_t driver, uint32_t num, uint32_t addr,
                           uint32_t len) {
    return Trap(pid, SyscallClass::kReadOnlyAllow, driver, num, addr, len);
  }
  TrapResult Memop(ProcessId pid, uint32_t op, uint32_t arg) {
    return Trap(pid, SyscallClass::kMemop, op, arg);
  }
  TrapResult YieldWait(ProcessId pid) { return Trap(pid, SyscallClass::kYield, 1); }
  TrapResult YieldWaitFor(ProcessId pid, uint32_t driver, uint32_t num) {
    return Trap(pid, SyscallClass::kYield, 2, driver, num);
  }

  // An app buffer at `offset` bytes into the process's RAM, after growing the break to cover
  // it if needed. Returns its app address.
  uint32_t AppBuffer(ProcessId pid, uint32_t offset, uint32_t len) {
    Process& p = process(pid);
    const uint32_t end = p.memory_start() + offset + len;
    if (end > p.app_break()) {
      static_cast<void>(Memop(pid, 0, end));
    }
    return p.memory_start() + offset;
  }

  // One scheduling step: picks the next process (delivering a pending upcall to it).
  std::optional<Kernel::ScheduledRun> Schedule() { return kernel.NextProcessToRun(loop_cap); }
};

}  // namespace tock::testing

#endif  // TOCKPP_KERNEL_TESTING_KERNEL_HARNESS_H_
