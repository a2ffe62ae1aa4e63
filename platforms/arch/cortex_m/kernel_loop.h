// The Cortex-M kernel main loop: interrupt bottom halves, deferred calls, then one process at a
// time through the portable Kernel's loop steps (kernel/kernel.h), with SysTick as the
// timeslice, the MPU reprogrammed only when the config changes, and process faults dumped and
// handed to the fault policy. Trusted board-level code (mints the loop capabilities).
#ifndef TOCKPP_PLATFORMS_ARCH_CORTEX_M_KERNEL_LOOP_H_
#define TOCKPP_PLATFORMS_ARCH_CORTEX_M_KERNEL_LOOP_H_

#include <cstdint>

#include "kernel/capability_factory.h"
#include "kernel/deferred_call.h"
#include "kernel/kernel.h"
#include "kernel/syscall.h"
#include "platforms/arch/cortex_m/cortex_m_process.h"
#include "platforms/arch/cortex_m/fault_dump.h"
#include "platforms/arch/cortex_m/mpu.h"
#include "platforms/arch/cortex_m/systick.h"

namespace tock::cortex_m {

// Chip: bool ServicePendingInterrupts(); bool HasPendingInterrupts() const; void Sleep();
template <typename Chip>
class KernelLoop {
 public:
  KernelLoop(tock::Kernel& kernel, Chip& chip, uint32_t core_hz)
      : kernel_(kernel), chip_(chip), systick_(core_hz) {}

  [[noreturn]] void Run() {
    const auto dc_cap = tock::CapabilityFactory::DeferredCall();
    for (;;) {
      chip_.ServicePendingInterrupts();
      if (tock::DeferredCall::ServiceNext(dc_cap)) {
        continue;
      }
      auto run = kernel_.NextProcessToRun(loop_cap_);
      if (!run) {
        if (!tock::DeferredCall::HasPending()) {
          chip_.Sleep();
        }
        continue;
      }
      RunProcess(*run->process, run->timeslice_us);
    }
  }

 private:
  bool KernelWorkPending() const {
    return chip_.HasPendingInterrupts() || tock::DeferredCall::HasPending();
  }

  void RunProcess(tock::Process& p, uint32_t slice_us) {
    auto& cm = static_cast<CortexMProcess&>(p.boundary());
    systick_.Start(slice_us);
    systick_.Arm();
    for (;;) {
      if (!cm.runnable()) {
        Fault(p, cm, SwitchResult{SwitchReason::kBadStack});
        break;
      }
      if (KernelWorkPending()) {
        kernel_.HandlePreempted(p, slice_us - systick_.RemainingUs(), loop_cap_);
        break;
      }
      mpu_.Configure(cm.mpu_config());
      SwitchResult r = cm.Run();
      if (r.reason == SwitchReason::kSyscall) {
        tock::SyscallRegisters regs{r.args[0], r.args[1], r.args[2], r.args[3]};
        // The kernel turns a syscall it cannot decode into a process fault (as upstream's
        // arch layer does) inside HandleSyscall; dump it here first, as for any other fault,
        // while the process's registers and memory are still those of the faulting svc.
        if (p.state() == tock::ProcessState::kRunning && !tock::DecodeSyscall(r.svc, regs)) {
          DumpInvalidSyscall(p, cm, r);
        }
        p.RecordStackPointer(cm.state().psp);  // the stacked frame: upstream's figure
        tock::SyscallOutcome o = kernel_.HandleSyscall(p, r.svc, regs, loop_cap_);
        if (o == tock::SyscallOutcome::kPanic) {
          Panic("invalid syscall under a panic fault policy");
        }
        if (o == tock::SyscallOutcome::kDescheduled) {
          break;
        }
        if (systick_.HasExpired()) {
          kernel_.HandleTimesliceExpired(p, loop_cap_);
          break;
        }
        continue;
      }
      if (r.reason == SwitchReason::kPreempted) {
        if (systick_.HasExpired()) {
          kernel_.HandleTimesliceExpired(p, loop_cap_);
        } else {
          kernel_.HandlePreempted(p, slice_us - systick_.RemainingUs(), loop_cap_);
        }
        break;
      }
      Fault(p, cm, r);
      break;
    }
    systick_.Disarm();
    systick_.Reset();
  }

  static ProcessMap MapOf(const tock::Process& p) {
    // app_start: for the dump's addr2line hint (issue 21).
    return ProcessMap{p.flash_start(),         p.flash_end(),  p.memory_start(),    p.app_break(),
                      p.kernel_memory_break(), p.memory_end(), p.tbf()->app_start()};
  }

  void DumpInvalidSyscall(const tock::Process& p, CortexMProcess& cm, const SwitchResult& r) {
    char cause[] = "invalid system call: svc 000 (no such syscall class)";
    cause[25] = static_cast<char>('0' + r.svc / 100);
    cause[26] = static_cast<char>('0' + r.svc / 10 % 10);
    cause[27] = static_cast<char>('0' + r.svc % 10);
    DumpProcessFault(p.name(), p.name_length(), cause, r.fault, cm.state(),
                     UserBoundary::FrameOf(cm.state(), cm.memory()), MapOf(p));
  }

  void Fault(tock::Process& p, CortexMProcess& cm, const SwitchResult& r) {
    DumpProcessFault(p.name(), p.name_length(), r.fault, cm.state(),
                     UserBoundary::FrameOf(cm.state(), cm.memory()), MapOf(p));
    if (kernel_.HandleFault(p, cm.ToKernelFault(r), loop_cap_) == tock::FaultOutcome::kPanic) {
      Panic("process fault under a panic fault policy");
    }
  }

  tock::Kernel& kernel_;
  Chip& chip_;
  SysTick systick_;
  Mpu mpu_;
  const tock::MainLoopCapability loop_cap_ = tock::CapabilityFactory::MainLoop();
};

}  // namespace tock::cortex_m

#endif  // TOCKPP_PLATFORMS_ARCH_CORTEX_M_KERNEL_LOOP_H_
