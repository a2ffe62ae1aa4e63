// nRF52840 GPIO (P0 at 0x50000000, P1 at 0x50000300; nRF52840 PS §6.9) as
// tock::hil::gpio::InterruptPin; edge interrupts borrow one of GPIOTE's 8 channels (gpiote.h)
// while enabled. Trusted chip code; touches only its port's registers and its channel.
#ifndef TOCKPP_PLATFORMS_CHIPS_NRF52840_GPIO_H_
#define TOCKPP_PLATFORMS_CHIPS_NRF52840_GPIO_H_

#include <cstddef>
#include <cstdint>

#include "hil/gpio.h"
#include "platforms/arch/cortex_m/registers.h"

namespace tock::nrf52840 {

namespace cm = tock::cortex_m;

struct PinCnf {
  static constexpr cm::Field<uint32_t, PinCnf, 0, 1> kDirOutput{};
  static constexpr cm::Field<uint32_t, PinCnf, 1, 1> kInputDisconnect{};
  static constexpr cm::Field<uint32_t, PinCnf, 2, 2> kPull{};  // 0 none, 1 down, 3 up
  static constexpr cm::Field<uint32_t, PinCnf, 8, 3> kDrive{};
  static constexpr cm::Field<uint32_t, PinCnf, 16, 2> kSense{};
  static constexpr uint32_t kPullNone = 0, kPullDown = 1, kPullUp = 3;
};

struct GpioPortRegisters {
  cm::Reserved<0x504> r0;
  cm::ReadWrite<uint32_t> out;         // 0x504
  cm::ReadWrite<uint32_t> outset;      // 0x508
  cm::ReadWrite<uint32_t> outclr;      // 0x50C
  cm::ReadOnly<uint32_t> in;           // 0x510
  cm::ReadWrite<uint32_t> dir;         // 0x514
  cm::ReadWrite<uint32_t> dirset;      // 0x518
  cm::ReadWrite<uint32_t> dirclr;      // 0x51C
  cm::ReadWrite<uint32_t> latch;       // 0x520
  cm::ReadWrite<uint32_t> detectmode;  // 0x524
  cm::Reserved<0x700 - 0x528> r1;
  cm::ReadWrite<uint32_t, PinCnf> pin_cnf[32];  // 0x700
};
static_assert(offsetof(GpioPortRegisters, out) == 0x504);
static_assert(offsetof(GpioPortRegisters, pin_cnf) == 0x700);

inline constexpr uintptr_t kGpioP0Base = 0x5000'0000;
inline constexpr uintptr_t kGpioP1Base = 0x5000'0300;

class Gpiote;

class GpioPin final : public tock::hil::gpio::InterruptPin {
 public:
  // pin 0..47: P0.00-P0.31 then P1.00-P1.15.
  constexpr explicit GpioPin(unsigned pin)
      : GpioPin(pin, pin < 32 ? kGpioP0Base : kGpioP1Base, nullptr) {}
  // Pin `pin` of the port whose registers are at `port_base`, edges through `gpiote`
  // (nullptr: the chip's Gpiote::Get()). Tests hand in fake register blocks.
  constexpr GpioPin(unsigned pin, uintptr_t port_base, Gpiote* gpiote)
      : port_(port_base),
        gpiote_(gpiote),
        bit_(static_cast<uint8_t>(pin % 32)),
        pin_(static_cast<uint8_t>(pin)) {}

  tock::hil::gpio::Configuration MakeOutput() override;
  tock::hil::gpio::Configuration DisableOutput() override;
  tock::hil::gpio::Configuration MakeInput() override;
  tock::hil::gpio::Configuration DisableInput() override;
  void DeactivateToLowPower() override;
  tock::hil::gpio::Configuration configuration() const override;
  void SetFloatingState(tock::hil::gpio::FloatingState state) override;
  tock::hil::gpio::FloatingState floating_state() const override;
  void Set() override;
  void Clear() override;
  bool Toggle() override;
  bool Read() const override;

  void SetClient(tock::hil::gpio::InterruptClient& client) override { client_ = &client; }
  // Takes a free GPIOTE channel; with none left the pin stays silent.
  void EnableInterrupts(tock::hil::gpio::InterruptEdge edge) override;
  void DisableInterrupts() override;
  bool IsPending() const override;

  // Called by Gpiote when this pin's channel saw its edge.
  void HandleEdge();
  [[nodiscard]] unsigned pin_number() const { return pin_; }

 private:
  cm::StaticRef<GpioPortRegisters> port_;
  Gpiote& gpiote() const;

  Gpiote* gpiote_;
  tock::hil::gpio::InterruptClient* client_ = nullptr;
  uint8_t bit_;
  uint8_t pin_;
  int8_t channel_ = -1;
};

}  // namespace tock::nrf52840

#endif  // TOCKPP_PLATFORMS_CHIPS_NRF52840_GPIO_H_
