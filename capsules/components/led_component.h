// LedComponent: the LED syscall driver (0x2, capsules/led) over kNumLeds board LEDs, with its
// own copy of the LED list. No grant (LEDs are shared by every app), so it needs no kernel.
// The driver turns every LED off when constructed: a board whose pins work only after its chip
// is initialised declares this as a static inside its boot function.
//
// Wiring (board):
//   hil::led::Led* const leds[] = {&led0, &led1};
//   static LedComponent<2> led(leds);
//   registrar.Add(led);
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "capsules/led/led_driver.h"
#include "hil/led.h"

namespace tock::capsules::components {

template <size_t kNumLeds>
class LedComponent {
  static_assert(kNumLeds > 0);

 public:
  static constexpr uint32_t kDriverNum = LedDriver::kDriverNum;
  static constexpr const char* kName = "LED";

  explicit LedComponent(std::span<hil::led::Led* const, kNumLeds> leds)
      : leds_(Copy(leds)), driver_(leds_.list) {}
  LedComponent(const LedComponent&) = delete;
  LedComponent& operator=(const LedComponent&) = delete;

  LedDriver& driver() { return driver_; }

 private:
  struct List {
    hil::led::Led* list[kNumLeds];
  };
  static List Copy(std::span<hil::led::Led* const, kNumLeds> leds) {
    List l{};
    for (size_t i = 0; i < kNumLeds; ++i) {
      l.list[i] = leds[i];
    }
    return l;
  }

  List leds_;
  LedDriver driver_;
};

}  // namespace tock::capsules::components
