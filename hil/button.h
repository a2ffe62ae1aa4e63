// Buttons are gpio::InterruptPins, as upstream: there is no separate button HIL. This header
// names how a board describes one button to the button capsule: the pin, whether "pressed"
// reads high or low, and the pull to apply.
#ifndef TOCKPP_HIL_BUTTON_H_
#define TOCKPP_HIL_BUTTON_H_

#include <cstdint>

#include "hil/gpio.h"

namespace tock::hil::button {

enum class ActivationMode : uint8_t { kActiveHigh, kActiveLow };

struct ButtonPin {
  gpio::InterruptPin* pin = nullptr;
  ActivationMode mode = ActivationMode::kActiveLow;
  gpio::FloatingState floating = gpio::FloatingState::kPullUp;

  // True when the button is pressed given the pin's level.
  bool Pressed() const { return pin->Read() == (mode == ActivationMode::kActiveHigh); }
};

}  // namespace tock::hil::button

#endif  // TOCKPP_HIL_BUTTON_H_
