// TemperatureComponent: the temperature syscall driver (0x60000, capsules/temperature) over a
// hil::sensors::TemperatureDriver, with its grant.
//
// Wiring (board, static):
//   TemperatureComponent temperature(chip.temperature(), kernel, mem_cap);
//   registrar.Add(temperature);
#ifndef TOCKPP_CAPSULES_COMPONENTS_TEMPERATURE_COMPONENT_H_
#define TOCKPP_CAPSULES_COMPONENTS_TEMPERATURE_COMPONENT_H_

#include <cstdint>

#include "capsules/temperature/temperature_driver.h"
#include "hil/sensors.h"
#include "kernel/capabilities.h"
#include "kernel/kernel.h"

namespace tock::capsules::components {

class TemperatureComponent {
 public:
  static constexpr uint32_t kDriverNum = TemperatureDriver::kDriverNum;
  static constexpr const char* kName = "temperature";

  TemperatureComponent(hil::sensors::TemperatureDriver& sensor, Kernel& kernel,
                       const MemoryAllocationCapability& cap)
      : grant_(kernel, kDriverNum, cap), driver_(sensor, grant_) {}
  TemperatureComponent(const TemperatureComponent&) = delete;
  TemperatureComponent& operator=(const TemperatureComponent&) = delete;

  TemperatureDriver& driver() { return driver_; }

 private:
  TemperatureDriver::GrantType grant_;
  TemperatureDriver driver_;
};

}  // namespace tock::capsules::components

#endif  // TOCKPP_CAPSULES_COMPONENTS_TEMPERATURE_COMPONENT_H_
