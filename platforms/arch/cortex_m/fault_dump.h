// Tock-style fault reports for Cortex-M: a process fault dump (registers, fault status decoded,
// faulting address) and the kernel panic taken when a fault hits the kernel itself.
// Output goes through a raw writer the board installs (polled UART); no heap, no printf.
#ifndef TOCKPP_PLATFORMS_ARCH_CORTEX_M_FAULT_DUMP_H_
#define TOCKPP_PLATFORMS_ARCH_CORTEX_M_FAULT_DUMP_H_

#include <cstddef>
#include <cstdint>

#include "platforms/arch/cortex_m/user_boundary.h"

namespace tock::cortex_m {

using RawWrite = void (*)(const char* data, size_t len);

// Where panics and fault dumps are written; must work with interrupts off.
void SetPanicOutput(RawWrite write);

// Small formatting helpers over the panic output.
void PanicPrint(const char* s);
void PanicPrintN(const char* s, size_t len);
void PanicPrintHex(uint32_t v);  // 0x%08x

// Name of the fault (e.g. "MemManage: data access violation").
[[nodiscard]] const char* DescribeFault(const FaultInfo& fault);

// A process's memory map as the kernel sees it, for the dump.
struct ProcessMap {
  uint32_t flash_start, flash_end;
  uint32_t memory_start, app_break, kernel_break, memory_end;
  uint32_t app_start = 0;  // the app binary's first byte (after the TBF header); 0: unknown
};

// Where platforms/userspace/layout.ld links an app's flash: an address in the app binary at
// offset N is 0x80000000 + N in APP.elf (what `arm-none-eabi-addr2line -e APP.elf` takes).
inline constexpr uint32_t kAppElfFlashOrigin = 0x80000000;

// Dump of a faulted process: `name` (`name_len` bytes, not NUL-terminated), cause, registers
// r0-r12/sp/lr/pc/xpsr, memory bounds.
void DumpProcessFault(const char* name, size_t name_len, const FaultInfo& fault,
                      const StoredState& state, const HwFrame* frame, const ProcessMap& map);
// The same dump with the cause given in words (a fault the kernel decided, e.g. an invalid
// system call, which raised no exception: the fault status registers are printed as read).
void DumpProcessFault(const char* name, size_t name_len, const char* cause, const FaultInfo& fault,
                      const StoredState& state, const HwFrame* frame, const ProcessMap& map);

// Print and stop forever (interrupts off).
[[noreturn]] void Panic(const char* why);

}  // namespace tock::cortex_m

#endif  // TOCKPP_PLATFORMS_ARCH_CORTEX_M_FAULT_DUMP_H_
