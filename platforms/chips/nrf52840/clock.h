// nRF52840 CLOCK (0x40000000; PS §5.4): starts the 64 MHz crystal (UART accuracy) and the
// 32.768 kHz crystal the RTC counts. Trusted chip code, used once at boot.
#ifndef TOCKPP_PLATFORMS_CHIPS_NRF52840_CLOCK_H_
#define TOCKPP_PLATFORMS_CHIPS_NRF52840_CLOCK_H_

#include <cstddef>
#include <cstdint>

#include "platforms/arch/cortex_m/registers.h"
#include "platforms/chips/nrf52840/uarte.h"

namespace tock::nrf52840 {

struct LfClkSrc {
  static constexpr cm::Field<uint32_t, LfClkSrc, 0, 2> kSource{};
  static constexpr uint32_t kRc = 0, kXtal = 1, kSynth = 2;
};

struct ClockRegisters {
  cm::WriteOnly<uint32_t> tasks_hfclkstart;  // 0x000
  cm::WriteOnly<uint32_t> tasks_hfclkstop;   // 0x004
  cm::WriteOnly<uint32_t> tasks_lfclkstart;  // 0x008
  cm::Reserved<0x100 - 0x00C> r0;
  cm::ReadWrite<uint32_t, Event> events_hfclkstarted;  // 0x100
  cm::ReadWrite<uint32_t, Event> events_lfclkstarted;  // 0x104
  cm::Reserved<0x518 - 0x108> r1;
  cm::ReadWrite<uint32_t, LfClkSrc> lfclksrc;  // 0x518
};
static_assert(offsetof(ClockRegisters, events_lfclkstarted) == 0x104);
static_assert(offsetof(ClockRegisters, lfclksrc) == 0x518);

inline constexpr uintptr_t kClockBase = 0x4000'0000;

// Blocks until both clocks run. `base`: the CLOCK registers (tests pass a fake block).
void StartClocks(uintptr_t base = kClockBase);

}  // namespace tock::nrf52840

#endif  // TOCKPP_PLATFORMS_CHIPS_NRF52840_CLOCK_H_
