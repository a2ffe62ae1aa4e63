// Reset-time C/C++ runtime setup for Cortex-M images: copy .data from flash, zero .bss, run
// static constructors. Boards call it first thing from their reset handler. The linker script
// provides the symbols (see platforms/boards/*/layout.ld).
#ifndef TOCKPP_PLATFORMS_ARCH_CORTEX_M_STARTUP_H_
#define TOCKPP_PLATFORMS_ARCH_CORTEX_M_STARTUP_H_

namespace tock::cortex_m {

void InitializeRuntime();

}  // namespace tock::cortex_m

#endif  // TOCKPP_PLATFORMS_ARCH_CORTEX_M_STARTUP_H_
