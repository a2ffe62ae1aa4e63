// GpioComponent: the GPIO syscall driver (0x4, capsules/gpio) over kNumPins interrupt pins,
// with its grant and its own copy of the pin list (index = the apps' pin number).
//
// Wiring (board):
//   hil::gpio::InterruptPin* const pins[] = {&p0, &p1, ...};
//   static GpioComponent<8> gpio(pins, kernel, mem_cap);
//   registrar.Add(gpio);
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "capsules/gpio/gpio_driver.h"
#include "hil/gpio.h"
#include "kernel/capabilities.h"
#include "kernel/kernel.h"

namespace tock::capsules::components {

template <size_t kNumPins>
class GpioComponent {
  static_assert(kNumPins > 0);

 public:
  static constexpr uint32_t kDriverNum = GpioDriver::kDriverNum;
  static constexpr const char* kName = "GPIO";

  GpioComponent(std::span<hil::gpio::InterruptPin* const, kNumPins> pins, Kernel& kernel,
                const MemoryAllocationCapability& cap)
      : pins_(Copy(pins)), grant_(kernel, kDriverNum, cap), driver_(grant_, pins_.list) {}
  GpioComponent(const GpioComponent&) = delete;
  GpioComponent& operator=(const GpioComponent&) = delete;

  GpioDriver& driver() { return driver_; }

 private:
  struct Pins {
    hil::gpio::InterruptPin* list[kNumPins];
  };
  static Pins Copy(std::span<hil::gpio::InterruptPin* const, kNumPins> pins) {
    Pins p{};
    for (size_t i = 0; i < kNumPins; ++i) {
      p.list[i] = pins[i];
    }
    return p;
  }

  Pins pins_;
  GpioDriver::GrantType grant_;
  StaticGpioDriver<kNumPins> driver_;
};

}  // namespace tock::capsules::components
