// .data/.bss setup and static constructors. Runs before anything else, so it must not rely on
// initialised globals.
#include "platforms/arch/cortex_m/startup.h"

#include <cstdint>

extern "C" {
extern uint32_t _sidata[], _sdata[], _edata[], _sbss[], _ebss[];
extern void (*__init_array_start[])();
extern void (*__init_array_end[])();
}

namespace tock::cortex_m {

void InitializeRuntime() {
  // Volatile pointers keep GCC from turning these loops into memcpy/memset calls.
  volatile uint32_t* src = _sidata;
  for (volatile uint32_t* dst = _sdata; dst < _edata;) {
    *dst++ = *src++;
  }
  for (volatile uint32_t* dst = _sbss; dst < _ebss;) {
    *dst++ = 0;
  }
  for (auto* f = __init_array_start; f < __init_array_end; ++f) {
    (*f)();
  }
}

}  // namespace tock::cortex_m
