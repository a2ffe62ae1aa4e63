// DrivenPin: a GPIO pin (hil/gpio.h InterruptPin) with no hardware behind it, for an emulated
// board: its input level is whatever Drive() last set (the QEMU board's host link `switch N
// on|off`; low until then), an output reads back the level it drives, and an enabled edge on
// the driven input calls the client from Drive(), as a chip's GPIO interrupt handler would.
// Untrusted board glue: no registers, no app memory.
//
// Wiring (board, statics):
//   DrivenPin pins[8];
//   InterruptPin* const gpio_pins[] = {&pins[0], ...};   // to the GPIO capsule
//   pins[2].Drive(true);                                 // from the host link
#ifndef TOCKPP_PLATFORMS_BOARDS_COMMON_DRIVEN_PIN_H_
#define TOCKPP_PLATFORMS_BOARDS_COMMON_DRIVEN_PIN_H_

#include "hil/gpio.h"

namespace tock::boards {

class DrivenPin final : public tock::hil::gpio::InterruptPin {
 public:
  using Configuration = tock::hil::gpio::Configuration;
  using FloatingState = tock::hil::gpio::FloatingState;
  using InterruptEdge = tock::hil::gpio::InterruptEdge;

  // Sets the input level; fires the client on an enabled edge.
  void Drive(bool high);

  Configuration MakeOutput() override;
  Configuration DisableOutput() override;
  Configuration MakeInput() override;
  Configuration DisableInput() override;
  void DeactivateToLowPower() override;
  Configuration configuration() const override;
  void SetFloatingState(FloatingState state) override { floating_ = state; }
  FloatingState floating_state() const override { return floating_; }

  void Set() override { output_ = true; }
  void Clear() override { output_ = false; }
  bool Toggle() override { return output_ = !output_; }
  // The driven output level while an output, else the input level.
  bool Read() const override { return output_enabled_ ? output_ : input_; }

  void SetClient(tock::hil::gpio::InterruptClient& client) override { client_ = &client; }
  void EnableInterrupts(InterruptEdge edge) override;
  void DisableInterrupts() override { interrupts_ = false; }
  bool IsPending() const override { return false; }

 private:
  bool input_ = false;
  bool output_ = false;
  bool input_enabled_ = false;
  bool output_enabled_ = false;
  bool interrupts_ = false;
  InterruptEdge edge_ = InterruptEdge::kEitherEdge;
  FloatingState floating_ = FloatingState::kPullNone;
  tock::hil::gpio::InterruptClient* client_ = nullptr;
};

}  // namespace tock::boards

#endif  // TOCKPP_PLATFORMS_BOARDS_COMMON_DRIVEN_PIN_H_
