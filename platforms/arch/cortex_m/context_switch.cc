// The switch into a process and the decoding of why it came back (Cortex-M only: calls the
// assembly in exceptions.S and reads the svc instruction from process flash).
#include "platforms/arch/cortex_m/user_boundary.h"

extern "C" {
// Set by exceptions.S when control comes back from a process (1 syscall, 2 preempted, 3 fault).
volatile uint32_t tockpp_cm_switch_reason = 0;
// Written by the fault handler for process faults (FaultInfo layout).
volatile uint32_t tockpp_cm_fault_info[5] = {};
uint32_t tockpp_cm_switch_to_user(uint32_t psp, uint32_t* regs);
}

namespace tock::cortex_m {

SwitchResult UserBoundary::SwitchToProcess(StoredState& state, ProcessMemory mem) {
  tockpp_cm_switch_reason = 0;
  state.psp = tockpp_cm_switch_to_user(state.psp, state.regs);
  uint32_t why = tockpp_cm_switch_reason;
  SwitchResult result{SwitchReason::kPreempted};
  if (why == 3) {
    result.reason = SwitchReason::kFault;
    result.fault =
        FaultInfo{tockpp_cm_fault_info[0], tockpp_cm_fault_info[1], tockpp_cm_fault_info[2],
                  tockpp_cm_fault_info[3], tockpp_cm_fault_info[4]};
    return result;
  }
  HwFrame* f = FrameOf(state, mem);
  if (f == nullptr) {
    result.reason = SwitchReason::kBadStack;
    return result;
  }
  state.psr = f->xpsr;
  if (why == 1) {
    // The svc instruction is the halfword before the stacked return address; its immediate
    // is the syscall class. The pc was checked by the CPU to be executable by the process.
    uint32_t pc = f->pc;
    uint16_t insn = *reinterpret_cast<const volatile uint16_t*>(static_cast<uintptr_t>(pc - 2));
    result.reason = SwitchReason::kSyscall;
    result.svc = static_cast<uint8_t>(insn & 0xFF);
    result.args[0] = f->r0;
    result.args[1] = f->r1;
    result.args[2] = f->r2;
    result.args[3] = f->r3;
    state.yield_pc = pc;
  }
  return result;
}

}  // namespace tock::cortex_m
