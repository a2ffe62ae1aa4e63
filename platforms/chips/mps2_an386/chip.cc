// MPS2-AN386 chip bring-up and interrupt bottom half.
#include "platforms/chips/mps2_an386/chip.h"

#include "platforms/arch/cortex_m/nvic.h"
#include "platforms/arch/cortex_m/scb.h"

namespace tock::mps2 {

using cortex_m::Nvic;

namespace {
// The NVIC lines a driver services; every other line stays masked (a level-triggered line
// nobody clears would otherwise pend forever).
constexpr unsigned kHandledIrqs[] = {kUart0RxIrq, kUart0TxIrq, kTimer1Irq};
}  // namespace

void Mps2An386::Init() {
  cortex_m::EnableFaultHandlers();
  uart0_.Init(115200);
  alarm_.Init();
  for (unsigned irq : kHandledIrqs) {
    Nvic::ClearPending(irq);
    Nvic::Enable(irq);
  }
  asm volatile("cpsie i" ::: "memory");
}

bool Mps2An386::HasPendingInterrupts() const {
  for (unsigned irq : kHandledIrqs) {
    if (Nvic::IsPending(irq)) {
      return true;
    }
  }
  return false;
}

bool Mps2An386::ServicePendingInterrupts() {
  bool any = false;
  for (unsigned irq : kHandledIrqs) {
    if (!Nvic::IsPending(irq)) {
      continue;
    }
    any = true;
    // Clear first: a new event while the driver runs pends the line again.
    Nvic::ClearPending(irq);
    if (uart0_.OwnsIrq(irq)) {
      uart0_.HandleInterrupt();
    } else if (alarm_.OwnsIrq(irq)) {
      alarm_.HandleInterrupt();
    }
    Nvic::Enable(irq);
  }
  return any;
}

void Mps2An386::Sleep() {
  // With PRIMASK set, a newly pending enabled interrupt still ends WFI but is not taken until
  // interrupts are re-enabled, so nothing is lost between the check and the sleep.
  asm volatile("cpsid i" ::: "memory");
  if (!HasPendingInterrupts()) {
    asm volatile("wfi" ::: "memory");
  }
  asm volatile("cpsie i" ::: "memory");
}

}  // namespace tock::mps2
