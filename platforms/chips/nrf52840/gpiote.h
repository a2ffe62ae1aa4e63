// nRF52840 GPIOTE (0x40006000, IRQ 6; nRF52840 PS §6.10): 8 event channels that turn pin
// edges into interrupts, lent to GpioPin while its interrupts are enabled. One instance per
// chip (Get()); the chip's bottom half calls HandleInterrupt. Trusted chip code.
#ifndef TOCKPP_PLATFORMS_CHIPS_NRF52840_GPIOTE_H_
#define TOCKPP_PLATFORMS_CHIPS_NRF52840_GPIOTE_H_

#include <cstddef>
#include <cstdint>

#include "hil/gpio.h"
#include "platforms/arch/cortex_m/registers.h"
#include "platforms/chips/nrf52840/gpio.h"
#include "platforms/chips/nrf52840/uarte.h"

namespace tock::nrf52840 {

struct GpioteConfig {
  static constexpr cm::Field<uint32_t, GpioteConfig, 0, 2> kMode{};  // 1 = event
  static constexpr cm::Field<uint32_t, GpioteConfig, 8, 5> kPsel{};
  static constexpr cm::Field<uint32_t, GpioteConfig, 13, 1> kPort{};
  static constexpr cm::Field<uint32_t, GpioteConfig, 16, 2> kPolarity{};  // 1 rise, 2 fall, 3 both
};

struct GpioteRegisters {
  cm::Reserved<0x100> tasks;
  cm::ReadWrite<uint32_t, Event> events_in[8];  // 0x100
  cm::Reserved<0x304 - 0x120> r0;
  cm::ReadWrite<uint32_t> intenset;  // 0x304: bit n = IN[n]
  cm::ReadWrite<uint32_t> intenclr;  // 0x308
  cm::Reserved<0x510 - 0x30C> r1;
  cm::ReadWrite<uint32_t, GpioteConfig> config[8];  // 0x510
};
static_assert(offsetof(GpioteRegisters, events_in) == 0x100);
static_assert(offsetof(GpioteRegisters, intenset) == 0x304);
static_assert(offsetof(GpioteRegisters, config) == 0x510);

inline constexpr uintptr_t kGpioteBase = 0x4000'6000;
inline constexpr unsigned kGpioteIrq = 6;

class Gpiote {
 public:
  // The chip's instance (registers at kGpioteBase).
  static Gpiote& Get();
  // An instance over the registers at `base` (tests hand in a fake register block).
  constexpr explicit Gpiote(uintptr_t base) : regs_(base) {}

  // Channel now watching `pin` for `edge`, or -1 if all 8 are taken.
  int Attach(GpioPin& pin, tock::hil::gpio::InterruptEdge edge);
  void Detach(unsigned channel);
  [[nodiscard]] bool IsPending(unsigned channel) const;

  bool OwnsIrq(unsigned irq) const { return irq == kGpioteIrq; }
  void HandleInterrupt();

 private:
  cm::StaticRef<GpioteRegisters> regs_;
  GpioPin* pins_[8] = {};
};

}  // namespace tock::nrf52840

#endif  // TOCKPP_PLATFORMS_CHIPS_NRF52840_GPIOTE_H_
