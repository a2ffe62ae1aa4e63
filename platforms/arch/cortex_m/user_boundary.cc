// Cortex-M user/kernel boundary: frame checks, upcall frames, trap decoding.
#include "platforms/arch/cortex_m/user_boundary.h"

extern "C" {
// Set by exceptions.S when control comes back from a process (1 syscall, 2 preempted, 3 fault).
volatile uint32_t tockpp_cm_switch_reason = 0;
// Written by the fault handler for process faults (FaultInfo layout).
volatile uint32_t tockpp_cm_fault_info[5] = {};
uint32_t tockpp_cm_switch_to_user(uint32_t psp, uint32_t* regs);
}

namespace tockpp::cortex_m {
namespace {
constexpr uint32_t kThumbBit = 1u;
constexpr uint32_t kXpsrThumb = 1u << 24;
constexpr uint32_t kXpsrStackAligned = 1u << 9;  // hardware inserted a padding word

bool FrameFits(uint32_t sp, ProcessMemory mem) {
  return (sp & 3u) == 0 && sp >= mem.start && sp <= mem.app_break &&
         mem.app_break - sp >= sizeof(HwFrame);
}
}  // namespace

HwFrame* UserBoundary::FrameOf(const StoredState& state, ProcessMemory mem) {
  if (!FrameFits(state.psp, mem)) return nullptr;
  return reinterpret_cast<HwFrame*>(static_cast<uintptr_t>(state.psp));
}

bool UserBoundary::StartProcess(StoredState& state, ProcessMemory mem, uint32_t stack_top,
                                uint32_t entry, const uint32_t (&args)[4]) {
  uint32_t sp = (stack_top & ~7u) - sizeof(HwFrame);
  state = StoredState{};
  state.psp = sp;
  HwFrame* f = FrameOf(state, mem);
  if (f == nullptr) return false;
  *f = HwFrame{args[0], args[1], args[2], args[3], 0, 0, entry & ~kThumbBit, kXpsrThumb};
  state.yield_pc = entry;
  state.psr = kXpsrThumb;
  return true;
}

bool UserBoundary::SetSyscallReturn(StoredState& state, ProcessMemory mem, const uint32_t* values,
                                    unsigned count) {
  HwFrame* f = FrameOf(state, mem);
  if (f == nullptr) return false;
  uint32_t* regs = &f->r0;
  for (unsigned i = 0; i < count && i < 4; ++i) regs[i] = values[i];
  return true;
}

bool UserBoundary::DeliverUpcall(StoredState& state, ProcessMemory mem, uint32_t fn,
                                 const uint32_t (&args)[4]) {
  HwFrame* f = FrameOf(state, mem);
  if (f == nullptr) return false;
  // Keep the alignment-padding flag so the stack pointer the upcall returns with is the
  // one the app had at its svc.
  uint32_t xpsr = kXpsrThumb | (f->xpsr & kXpsrStackAligned);
  *f = HwFrame{args[0],         args[1], args[2], args[3], f->r12, state.yield_pc | kThumbBit,
               fn & ~kThumbBit, xpsr};
  return true;
}

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

}  // namespace tockpp::cortex_m
