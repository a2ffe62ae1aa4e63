// The MPS2-AN386 chip (QEMU's `-M mps2-an386`, Cortex-M4 with an 8-region PMSAv7 MPU):
// peripheral addresses/IRQs and the interrupt bottom half. Memory map (QEMU hw/arm/mps2.c):
// ZBT SSRAM1 0x00000000 (4 MiB, code), SSRAM2/3 0x20000000 (4 MiB, data); UART0 0x40004000
// (RX IRQ 0, TX IRQ 1); timers 0x40000000 (IRQ 8) and 0x40001000 (IRQ 9); 25 MHz clocks.
#ifndef TOCKPP_PLATFORMS_CHIPS_MPS2_AN386_CHIP_H_
#define TOCKPP_PLATFORMS_CHIPS_MPS2_AN386_CHIP_H_

#include <cstdint>

#include "platforms/chips/mps2_an386/cmsdk_timer_alarm.h"
#include "platforms/chips/mps2_an386/cmsdk_uart.h"

namespace tock::mps2 {

inline constexpr uint32_t kSysClockHz = 25'000'000;
inline constexpr unsigned kNumIrqs = 32;
inline constexpr uintptr_t kUart0Base = 0x4000'4000;
inline constexpr unsigned kUart0RxIrq = 0;
inline constexpr unsigned kUart0TxIrq = 1;
inline constexpr uintptr_t kTimer0Base = 0x4000'0000;
inline constexpr uintptr_t kTimer1Base = 0x4000'1000;
inline constexpr unsigned kTimer1Irq = 9;

class Mps2An386 {
 public:
  Mps2An386() = default;

  // Peripherals, clocks and the NVIC; interrupts stay globally enabled afterwards.
  void Init();
  // Services every pending (masked) interrupt; returns whether any was.
  bool ServicePendingInterrupts();
  [[nodiscard]] bool HasPendingInterrupts() const;
  // Sleep until an interrupt is pending (returns at once if one already is).
  void Sleep();

  CmsdkUart& uart0() { return uart0_; }
  CmsdkTimerAlarm& alarm() { return alarm_; }

 private:
  CmsdkUart uart0_{kUart0Base, kSysClockHz, kUart0RxIrq, kUart0TxIrq};
  CmsdkTimerAlarm alarm_{kTimer0Base, kTimer1Base, kTimer1Irq, kSysClockHz};
};

}  // namespace tock::mps2

#endif  // TOCKPP_PLATFORMS_CHIPS_MPS2_AN386_CHIP_H_
