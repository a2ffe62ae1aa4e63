// Nested Vectored Interrupt Controller: enable/disable/pending state of external interrupts.
// Trusted arch and chip code. While a process runs, exceptions.S masks a firing interrupt and
// leaves it pending; the kernel loop services it and calls Enable() again (Tock's bottom half).
#ifndef TOCKPP_PLATFORMS_ARCH_CORTEX_M_NVIC_H_
#define TOCKPP_PLATFORMS_ARCH_CORTEX_M_NVIC_H_

#include <cstddef>
#include <cstdint>

#include "platforms/arch/cortex_m/registers.h"

namespace tock::cortex_m {

struct NvicRegisters {
  ReadWrite<uint32_t> iser[16];  // 0x000 set-enable
  Reserved<0x40> r0;
  ReadWrite<uint32_t> icer[16];  // 0x080 clear-enable
  Reserved<0x40> r1;
  ReadWrite<uint32_t> ispr[16];  // 0x100 set-pending
  Reserved<0x40> r2;
  ReadWrite<uint32_t> icpr[16];  // 0x180 clear-pending
  Reserved<0x40> r3;
  ReadOnly<uint32_t> iabr[16];  // 0x200 active
  Reserved<0xC0> r4;
  ReadWrite<uint8_t> ipr[496];  // 0x300 priority bytes
};
static_assert(offsetof(NvicRegisters, icer) == 0x80);
static_assert(offsetof(NvicRegisters, ipr) == 0x300);

inline constexpr StaticRef<NvicRegisters> kNvic{0xE000E100};

class Nvic {
 public:
  static void Enable(unsigned irq);
  static void Disable(unsigned irq);
  static void ClearPending(unsigned irq);
  [[nodiscard]] static bool IsPending(unsigned irq);
};

}  // namespace tock::cortex_m

#endif  // TOCKPP_PLATFORMS_ARCH_CORTEX_M_NVIC_H_
