// GpioComponent: the GPIO syscall driver (0x4, capsules/gpio) over the board's list of kNumPins
// interrupt pins (index = the apps' pin number; a static array: it must outlive the
// component), with its grant.
//
// Wiring (board):
//   hil::gpio::InterruptPin* const pins[] = {&p0, &p1, ...};
//   static GpioComponent<8> gpio(pins, kernel, mem_cap);
//   registrar.Add(gpio);
#ifndef TOCKPP_CAPSULES_COMPONENTS_GPIO_COMPONENT_H_
#define TOCKPP_CAPSULES_COMPONENTS_GPIO_COMPONENT_H_

#include <cstddef>
#include <cstdint>

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

  GpioComponent(hil::gpio::InterruptPin* const (&pins)[kNumPins], Kernel& kernel,
                const MemoryAllocationCapability& cap)
      : grant_(kernel, kDriverNum, cap), driver_(grant_, pins) {}
  GpioComponent(const GpioComponent&) = delete;
  GpioComponent& operator=(const GpioComponent&) = delete;

  GpioDriver& driver() { return driver_; }

 private:
  GpioDriver::GrantType grant_;
  StaticGpioDriver<kNumPins> driver_;
};

}  // namespace tock::capsules::components

#endif  // TOCKPP_CAPSULES_COMPONENTS_GPIO_COMPONENT_H_
