// Fuzz target: the button driver (0x3) over three fake pins (active high, active low) and one
// unwired (null) pin; the harness toggles pin levels to raise interrupts.
#include "capsules/button/button_driver.h"
#include "tests/fuzz/fuzz_harness.h"

namespace {

using tock::capsules::ButtonDriver;
using tock::hil::button::ActivationMode;
using tock::hil::gpio::FloatingState;

struct ButtonBoard {
  explicit ButtonBoard(tock::fuzz::Harness& h)
      : pins{{&h.pin(0), ActivationMode::kActiveHigh, FloatingState::kPullDown},
             {&h.pin(1), ActivationMode::kActiveLow, FloatingState::kPullUp},
             {nullptr, ActivationMode::kActiveLow, FloatingState::kPullUp},
             {&h.pin(3), ActivationMode::kActiveLow, FloatingState::kPullNone}},
        grant(h.kernel(), ButtonDriver::kDriverNum, h.memory_cap()),
        buttons(grant, pins) {
    h.Register(ButtonDriver::kDriverNum, buttons);
  }
  tock::hil::button::ButtonPin pins[4];
  ButtonDriver::GrantType grant;
  tock::capsules::StaticButtonDriver<4> buttons;
};

}  // namespace

TOCK_FUZZ_BOARD(ButtonBoard)
