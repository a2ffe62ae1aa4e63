// The MPS2 FPGA IO block (AN386 §3.9, 0x40028000) and its two user push buttons as GPIO input
// pins (hil/gpio.h, the form the button capsule takes). QEMU 7.2 models the block, but its
// BUTTON register always reads 0 and nothing outside can press a button; so a button also
// reads pressed while the board says so through SetExternalPress (the QEMU board's host link
// `press N`). The block has no button interrupt: an edge is reported when the external press
// changes it; a press seen only in the register shows in Read(), not as an interrupt.
// Trusted chip code; touches only the FPGA IO registers.
#ifndef TOCKPP_PLATFORMS_CHIPS_MPS2_AN386_FPGA_IO_H_
#define TOCKPP_PLATFORMS_CHIPS_MPS2_AN386_FPGA_IO_H_

#include <cstddef>
#include <cstdint>

#include "hil/gpio.h"
#include "platforms/arch/cortex_m/registers.h"

namespace tock::mps2 {

struct FpgaIoButton {
  static constexpr cortex_m::Field<uint32_t, FpgaIoButton, 0, 2> kPressed{};  // PB0, PB1
};

struct FpgaIoRegisters {
  cortex_m::ReadWrite<uint32_t> led0;                 // 0x00 FPGA user LEDs
  cortex_m::Reserved<0x4> r0;                         // 0x04
  cortex_m::ReadOnly<uint32_t, FpgaIoButton> button;  // 0x08
  cortex_m::Reserved<0x4> r1;                         // 0x0C
  cortex_m::ReadWrite<uint32_t> clk1hz;               // 0x10
  cortex_m::ReadWrite<uint32_t> clk100hz;             // 0x14
  cortex_m::ReadWrite<uint32_t> counter;              // 0x18
  cortex_m::ReadWrite<uint32_t> prescale;             // 0x1C
  cortex_m::ReadWrite<uint32_t> pscntr;               // 0x20
  cortex_m::Reserved<0x28> r2;                        // 0x24
  cortex_m::ReadWrite<uint32_t> misc;                 // 0x4C
};
static_assert(offsetof(FpgaIoRegisters, button) == 0x08);
static_assert(offsetof(FpgaIoRegisters, pscntr) == 0x20);
static_assert(offsetof(FpgaIoRegisters, misc) == 0x4C);

inline constexpr uintptr_t kFpgaIoBase = 0x4002'8000;
inline constexpr unsigned kFpgaIoButtons = 2;

// One user button; reads high while pressed (ActivationMode::kActiveHigh, no pull).
class FpgaIoButtonPin final : public tock::hil::gpio::InterruptPin {
 public:
  using Configuration = tock::hil::gpio::Configuration;
  using FloatingState = tock::hil::gpio::FloatingState;
  using InterruptEdge = tock::hil::gpio::InterruptEdge;

  constexpr explicit FpgaIoButtonPin(unsigned index) : index_(index) {}

  // Pressed from outside the FPGA (ORed with the BUTTON register); fires the client on an
  // enabled edge of the resulting level.
  void SetExternalPress(bool pressed);

  // An input only: it cannot drive.
  Configuration MakeOutput() override { return Configuration::kInput; }
  Configuration DisableOutput() override { return Configuration::kInput; }
  Configuration MakeInput() override { return Configuration::kInput; }
  Configuration DisableInput() override { return Configuration::kInput; }
  void DeactivateToLowPower() override { interrupts_ = false; }
  Configuration configuration() const override { return Configuration::kInput; }
  void SetFloatingState(FloatingState) override {}
  FloatingState floating_state() const override { return FloatingState::kPullNone; }
  void Set() override {}
  void Clear() override {}
  bool Toggle() override { return Read(); }
  bool Read() const override;

  void SetClient(tock::hil::gpio::InterruptClient& client) override { client_ = &client; }
  void EnableInterrupts(InterruptEdge edge) override {
    edge_ = edge;
    interrupts_ = true;
  }
  void DisableInterrupts() override { interrupts_ = false; }
  bool IsPending() const override { return false; }

 private:
  unsigned index_;
  bool external_ = false;
  bool interrupts_ = false;
  InterruptEdge edge_ = InterruptEdge::kEitherEdge;
  tock::hil::gpio::InterruptClient* client_ = nullptr;
};

}  // namespace tock::mps2

#endif  // TOCKPP_PLATFORMS_CHIPS_MPS2_AN386_FPGA_IO_H_
