// LedComponent: the LED syscall driver (0x2, capsules/led) over the board's list of kNumLeds
// LEDs (a static array: it must outlive the component). No grant (LEDs are shared by every
// app), so it needs no kernel.
// The driver turns every LED off when constructed: a board whose pins work only after its chip
// is initialised declares this as a static inside its boot function.
//
// Wiring (board):
//   hil::led::Led* const leds[] = {&led0, &led1};
//   static LedComponent<2> led(leds);
//   registrar.Add(led);
#ifndef TOCKPP_CAPSULES_COMPONENTS_LED_COMPONENT_H_
#define TOCKPP_CAPSULES_COMPONENTS_LED_COMPONENT_H_

#include <cstddef>
#include <cstdint>

#include "capsules/led/led_driver.h"
#include "hil/led.h"

namespace tock::capsules::components {

template <size_t kNumLeds>
class LedComponent {
  static_assert(kNumLeds > 0);

 public:
  static constexpr uint32_t kDriverNum = LedDriver::kDriverNum;
  static constexpr const char* kName = "LED";

  explicit LedComponent(hil::led::Led* const (&leds)[kNumLeds]) : driver_(leds) {}
  LedComponent(const LedComponent&) = delete;
  LedComponent& operator=(const LedComponent&) = delete;

  LedDriver& driver() { return driver_; }

 private:
  LedDriver driver_;
};

}  // namespace tock::capsules::components

#endif  // TOCKPP_CAPSULES_COMPONENTS_LED_COMPONENT_H_
