// The Cortex-M user/kernel boundary: starts a process, runs it until it traps, decodes the
// trap (svc number + r0-r3 from the hardware-stacked frame), writes syscall return values and
// delivers upcalls by rewriting the stacked frame (TRD104 / syscall-abi.md §5).
// Trusted arch code: reads and writes the process stack only after checking it lies in
// [memory_start, app_break).
#ifndef TOCKPP_PLATFORMS_ARCH_CORTEX_M_USER_BOUNDARY_H_
#define TOCKPP_PLATFORMS_ARCH_CORTEX_M_USER_BOUNDARY_H_

#include <cstdint>

namespace tock::cortex_m {

// The eight words the hardware pushes on exception entry.
struct HwFrame {
  uint32_t r0, r1, r2, r3, r12, lr, pc, xpsr;
};
static_assert(sizeof(HwFrame) == 32);

// Everything the kernel keeps for a stopped process (the rest is on its stack).
struct StoredState {
  uint32_t regs[8] = {};  // r4-r11
  uint32_t psp = 0;
  uint32_t yield_pc = 0;  // address after the last svc
  uint32_t psr = 0;       // xPSR as last stacked
};

// The process memory the stacked frame must lie in.
struct ProcessMemory {
  uint32_t start;      // first byte of process RAM
  uint32_t app_break;  // first byte the process may not touch
};

// Fault registers captured by the fault handler (exceptions.S layout).
struct FaultInfo {
  uint32_t exception;  // IPSR: 3 HardFault, 4 MemManage, 5 BusFault, 6 UsageFault
  uint32_t cfsr, hfsr, mmfar, bfar;
};

enum class SwitchReason : uint8_t {
  kSyscall,    // svc from the process; see `svc` and `args`
  kPreempted,  // SysTick or an interrupt; the process can simply be resumed
  kFault,      // the process faulted; see `fault`
  kBadStack,   // the process's stack pointer left its memory: treat as a fault
};

struct SwitchResult {
  SwitchReason reason;
  uint8_t svc = 0;        // syscall class (immediate of the svc instruction)
  uint32_t args[4] = {};  // r0-r3
  FaultInfo fault = {};
};

class UserBoundary {
 public:
  // Prepare a fresh process: a frame at the top of its initial stack that "returns" into
  // `entry` with r0-r3 = `args` (Tock crt0: app start, memory start, memory length, break).
  [[nodiscard]] static bool StartProcess(StoredState& state, ProcessMemory mem, uint32_t stack_top,
                                         uint32_t entry, const uint32_t (&args)[4]);
  // Write syscall return values r0..r(count-1) into the stacked frame.
  [[nodiscard]] static bool SetSyscallReturn(StoredState& state, ProcessMemory mem,
                                             const uint32_t* values, unsigned count);
  // Make the process resume in `fn(args)`, returning to the instruction after its yield.
  [[nodiscard]] static bool DeliverUpcall(StoredState& state, ProcessMemory mem, uint32_t fn,
                                          const uint32_t (&args)[4]);
  // Run the process until its next trap.
  static SwitchResult SwitchToProcess(StoredState& state, ProcessMemory mem);
  // The stacked frame, if the stack pointer is inside the process's memory.
  [[nodiscard]] static HwFrame* FrameOf(const StoredState& state, ProcessMemory mem);
};

}  // namespace tock::cortex_m

#endif  // TOCKPP_PLATFORMS_ARCH_CORTEX_M_USER_BOUNDARY_H_
