// System Control Block helpers (fault enables, VTOR).
#include "platforms/arch/cortex_m/scb.h"

namespace tock::cortex_m {

void EnableFaultHandlers() {
  kScb->shcsr.Modify(Shcsr::kMemFaultEna.Set() + Shcsr::kBusFaultEna.Set() +
                     Shcsr::kUsgFaultEna.Set());
  kScb->ccr.Modify(Ccr::kDiv0Trp.Set() + Ccr::kStkAlign.Set());
  asm volatile("dsb\n isb" ::: "memory");
}

void SetVectorTable(const void* table) {
  kScb->vtor.Set(static_cast<uint32_t>(reinterpret_cast<uintptr_t>(table)));
  asm volatile("dsb\n isb" ::: "memory");
}

}  // namespace tock::cortex_m
