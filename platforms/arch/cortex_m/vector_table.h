// The ARMv7-M vector table as a constant: entry 0 is the initial MSP, then the reset handler,
// the system exceptions wired to exceptions.S, and `kIrqs` external interrupts that all go
// through the generic "mask and leave pending" handler. Boards place one in `.vectors`.
#ifndef TOCKPP_PLATFORMS_ARCH_CORTEX_M_VECTOR_TABLE_H_
#define TOCKPP_PLATFORMS_ARCH_CORTEX_M_VECTOR_TABLE_H_

#include <cstddef>

extern "C" {
// Linker-script symbol at the top of the kernel stack, declared as a function so it can sit in
// a table of function pointers as a link-time constant.
void _estack();
void tockpp_cm_svc_handler();
void tockpp_cm_systick_handler();
void tockpp_cm_generic_isr();
void tockpp_cm_fault_handler();
void tockpp_cm_unhandled();
}

namespace tock::cortex_m {

using Handler = void (*)();

template <size_t kIrqs>
struct VectorTable {
  Handler entries[16 + kIrqs];
};

template <size_t kIrqs>
constexpr VectorTable<kIrqs> MakeVectorTable(Handler reset) {
  VectorTable<kIrqs> t{};
  t.entries[0] = &_estack;
  t.entries[1] = reset;
  t.entries[2] = &tockpp_cm_unhandled;      // NMI
  t.entries[3] = &tockpp_cm_fault_handler;  // HardFault
  t.entries[4] = &tockpp_cm_fault_handler;  // MemManage
  t.entries[5] = &tockpp_cm_fault_handler;  // BusFault
  t.entries[6] = &tockpp_cm_fault_handler;  // UsageFault
  t.entries[11] = &tockpp_cm_svc_handler;   // SVCall
  t.entries[12] = &tockpp_cm_unhandled;     // DebugMonitor
  t.entries[14] = &tockpp_cm_unhandled;     // PendSV (unused: switches are synchronous)
  t.entries[15] = &tockpp_cm_systick_handler;
  for (size_t i = 0; i < kIrqs; ++i) {
    t.entries[16 + i] = &tockpp_cm_generic_isr;
  }
  return t;
}

}  // namespace tock::cortex_m

#endif  // TOCKPP_PLATFORMS_ARCH_CORTEX_M_VECTOR_TABLE_H_
