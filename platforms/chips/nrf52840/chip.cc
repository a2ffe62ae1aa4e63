// nRF52840 bring-up and interrupt bottom half.
#include "platforms/chips/nrf52840/chip.h"

#include "platforms/arch/cortex_m/nvic.h"
#include "platforms/arch/cortex_m/scb.h"
#include "platforms/chips/nrf52840/clock.h"

namespace tock::nrf52840 {

using cortex_m::Nvic;

namespace {
// The NVIC lines a driver services; every other line stays masked (a level-triggered line
// nobody clears would otherwise pend forever).
constexpr unsigned kHandledIrqs[] = {kUarte0Irq, kGpioteIrq, kRngIrq, kRtc1Irq};
}  // namespace

void Nrf52840::Init(unsigned uart_tx_pin, unsigned uart_rx_pin) {
  cortex_m::EnableFaultHandlers();
  StartClocks();
  uarte0_.Init(uart_tx_pin, uart_rx_pin);
  rtc1_.Init();
  for (unsigned irq : kHandledIrqs) {
    Nvic::ClearPending(irq);
    Nvic::Enable(irq);
  }
  asm volatile("cpsie i" ::: "memory");
}

bool Nrf52840::HasPendingInterrupts() const {
  for (unsigned irq : kHandledIrqs) {
    if (Nvic::IsPending(irq)) {
      return true;
    }
  }
  return false;
}

bool Nrf52840::ServicePendingInterrupts() {
  bool any = false;
  for (unsigned irq : kHandledIrqs) {
    if (!Nvic::IsPending(irq)) {
      continue;
    }
    any = true;
    // Clear first: a new event while the driver runs pends the line again.
    Nvic::ClearPending(irq);
    if (uarte0_.OwnsIrq(irq)) {
      uarte0_.HandleInterrupt();
    } else if (rtc1_.OwnsIrq(irq)) {
      rtc1_.HandleInterrupt();
    } else if (rng_.OwnsIrq(irq)) {
      rng_.HandleInterrupt();
    } else if (Gpiote::Get().OwnsIrq(irq)) {
      Gpiote::Get().HandleInterrupt();
    }
    Nvic::Enable(irq);
  }
  return any;
}

void Nrf52840::Sleep() {
  asm volatile("cpsid i" ::: "memory");
  if (!HasPendingInterrupts()) {
    asm volatile("wfi" ::: "memory");
  }
  asm volatile("cpsie i" ::: "memory");
}

}  // namespace tock::nrf52840
