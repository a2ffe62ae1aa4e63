// HostGpioBank: N HostPins named "<prefix><i>" with stable addresses, the host's GPIO port.
// Also the building block of HostLeds and HostButtons. RegisterControls puts the `gpio` command
// and the output events in the PeripheralRegistry. Host-only.
#ifndef TOCKPP_HOSTKERNEL_PERIPHERALS_HOST_GPIO_BANK_H_
#define TOCKPP_HOSTKERNEL_PERIPHERALS_HOST_GPIO_BANK_H_

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "hostkernel/peripherals/host_pin.h"
#include "hostkernel/peripherals/peripheral_registry.h"

namespace tock::hostkernel {

class HostGpioBank {
 public:
  HostGpioBank(const std::string& prefix, size_t count) {
    pins_.reserve(count);
    for (size_t i = 0; i < count; ++i) {
      pins_.push_back(std::make_unique<HostPin>(prefix + std::to_string(i), i));
    }
  }

  size_t size() const { return pins_.size(); }
  HostPin& pin(size_t i) { return *pins_.at(i); }
  const HostPin& pin(size_t i) const { return *pins_.at(i); }
  // Null when out of range (for input that came from outside, e.g. the control socket).
  HostPin* find(size_t i) { return i < pins_.size() ? pins_[i].get() : nullptr; }

  // Peripheral "gpio": command `gpio [N [high|low|float]]` (no N: state lines "gpio N
  // high|low output|input|off"; N: what the pin reads; a level: drives the pin's input, float
  // stops driving), and event "gpio N high|low" whenever an output pin's level changes.
  absl::Status RegisterControls(PeripheralRegistry& registry);

  // Adds `listener` to every pin.
  void AddOutputListener(const HostPin::OutputListener& listener) {
    for (auto& p : pins_) {
      p->AddOutputListener(listener);
    }
  }

 private:
  std::vector<std::unique_ptr<HostPin>> pins_;
};

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_PERIPHERALS_HOST_GPIO_BANK_H_
