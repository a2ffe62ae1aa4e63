// Fuzz target: the LED driver (0x2) over four fake LEDs.
#include "capsules/led/led_driver.h"
#include "tests/fuzz/fuzz_harness.h"

namespace {

using tock::capsules::LedDriver;

struct LedBoard {
  explicit LedBoard(tock::fuzz::Harness& h)
      : leds{&h.led(0), &h.led(1), &h.led(2), &h.led(3)}, driver(leds) {
    h.Register(LedDriver::kDriverNum, driver);
  }
  tock::hil::led::Led* leds[4];
  LedDriver driver;
};

}  // namespace

TOCK_FUZZ_BOARD(LedBoard)
