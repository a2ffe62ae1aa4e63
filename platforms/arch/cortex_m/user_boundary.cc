// Cortex-M user/kernel boundary: frame checks, the first frame, return values and upcall
// frames. Portable (host-tested); the switch itself is in context_switch.cc.
#include "platforms/arch/cortex_m/user_boundary.h"

namespace tock::cortex_m {
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
  if (!FrameFits(state.psp, mem)) {
    return nullptr;
  }
  return reinterpret_cast<HwFrame*>(static_cast<uintptr_t>(state.psp));
}

bool UserBoundary::StartProcess(StoredState& state, ProcessMemory mem, uint32_t stack_top,
                                uint32_t entry, const uint32_t (&args)[4]) {
  uint32_t sp = (stack_top & ~7u) - sizeof(HwFrame);
  state = StoredState{};
  state.psp = sp;
  HwFrame* f = FrameOf(state, mem);
  if (f == nullptr) {
    return false;
  }
  *f = HwFrame{args[0], args[1], args[2], args[3], 0, 0, entry & ~kThumbBit, kXpsrThumb};
  state.yield_pc = entry;
  state.psr = kXpsrThumb;
  return true;
}

bool UserBoundary::SetSyscallReturn(StoredState& state, ProcessMemory mem, const uint32_t* values,
                                    unsigned count) {
  HwFrame* f = FrameOf(state, mem);
  if (f == nullptr) {
    return false;
  }
  uint32_t* regs = &f->r0;
  for (unsigned i = 0; i < count && i < 4; ++i) {
    regs[i] = values[i];
  }
  return true;
}

bool UserBoundary::DeliverUpcall(StoredState& state, ProcessMemory mem, uint32_t fn,
                                 const uint32_t (&args)[4]) {
  HwFrame* f = FrameOf(state, mem);
  if (f == nullptr) {
    return false;
  }
  // Keep the alignment-padding flag so the stack pointer the upcall returns with is the
  // one the app had at its svc.
  uint32_t xpsr = kXpsrThumb | (f->xpsr & kXpsrStackAligned);
  *f = HwFrame{args[0],         args[1], args[2], args[3], f->r12, state.yield_pc | kThumbBit,
               fn & ~kThumbBit, xpsr};
  return true;
}

}  // namespace tock::cortex_m
