// Fuzz target: the GPIO driver (0x4) over pins {0, null, 2, 3}; the harness drives input levels.
#include "capsules/gpio/gpio_driver.h"
#include "tests/fuzz/fuzz_harness.h"

namespace {

using tock::capsules::GpioDriver;

struct GpioBoard {
  explicit GpioBoard(tock::fuzz::Harness& h)
      : pins{&h.pin(0), nullptr, &h.pin(2), &h.pin(3)},
        grant(h.kernel(), GpioDriver::kDriverNum, h.memory_cap()),
        gpio(grant, pins) {
    h.Register(GpioDriver::kDriverNum, gpio);
  }
  tock::hil::gpio::InterruptPin* pins[4];
  GpioDriver::GrantType grant;
  tock::capsules::StaticGpioDriver<4> gpio;
};

}  // namespace

TOCK_FUZZ_BOARD(GpioBoard)
