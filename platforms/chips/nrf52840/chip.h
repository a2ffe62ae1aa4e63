// The nRF52840 chip: peripheral instances (UARTE0, RTC1, RNG, NVMC; GPIO pins and GPIOTE
// are separate), 48 NVIC lines, and the interrupt bottom half the
// Cortex-M kernel loop calls (same contract as platforms/chips/mps2_an386/chip.h).
// Memory: flash 1 MiB at 0x00000000, RAM 256 KiB at 0x20000000; 64 MHz Cortex-M4F with an
// 8-region PMSAv7 MPU (used soft-float, like every tockpp Cortex-M build).
#ifndef TOCKPP_PLATFORMS_CHIPS_NRF52840_CHIP_H_
#define TOCKPP_PLATFORMS_CHIPS_NRF52840_CHIP_H_

#include <cstdint>

#include "platforms/chips/nrf52840/gpio.h"
#include "platforms/chips/nrf52840/gpiote.h"
#include "platforms/chips/nrf52840/nvmc.h"
#include "platforms/chips/nrf52840/rng.h"
#include "platforms/chips/nrf52840/rtc_alarm.h"
#include "platforms/chips/nrf52840/uarte.h"

namespace tock::nrf52840 {

inline constexpr uint32_t kCoreClockHz = 64'000'000;
inline constexpr unsigned kNumIrqs = 48;

class Nrf52840 {
 public:
  Nrf52840() = default;

  // Clocks, UARTE0 on (tx_pin, rx_pin), RTC1, NVIC; interrupts enabled afterwards.
  void Init(unsigned uart_tx_pin, unsigned uart_rx_pin);
  bool ServicePendingInterrupts();
  [[nodiscard]] bool HasPendingInterrupts() const;
  void Sleep();

  Uarte& uarte0() { return uarte0_; }
  RtcAlarm& rtc1() { return rtc1_; }
  Rng& rng() { return rng_; }
  Nvmc& nvmc() { return nvmc_; }

 private:
  Uarte uarte0_{kUarte0Base, kUarte0Irq};
  RtcAlarm rtc1_{kRtc1Base, kRtc1Irq};
  Rng rng_{kRngBase, kRngIrq};
  Nvmc nvmc_;
};

}  // namespace tock::nrf52840

#endif  // TOCKPP_PLATFORMS_CHIPS_NRF52840_CHIP_H_
