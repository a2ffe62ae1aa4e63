// HostLeds: N LEDs for tockd, each a hil::led::LedHigh over a HostPin (lit = pin high), so the
// LED capsule drives ordinary pins and every change is observable (logged, watched over the
// control socket, traced). RegisterControls puts `leds` and the "led N on|off" events in the
// PeripheralRegistry. Host-only.
#ifndef TOCKPP_HOSTKERNEL_PERIPHERALS_HOST_LEDS_H_
#define TOCKPP_HOSTKERNEL_PERIPHERALS_HOST_LEDS_H_

#include <cstddef>
#include <memory>
#include <vector>

#include "absl/status/status.h"
#include "hil/led.h"
#include "hostkernel/peripherals/host_gpio_bank.h"
#include "hostkernel/peripherals/peripheral_registry.h"

namespace tock::hostkernel {

class HostLeds {
 public:
  // `log_changes`: log "led N on|off" through spdlog (info) on every change; an LED's first
  // "off" (the reset state the board sets up) at debug level.
  explicit HostLeds(size_t count, bool log_changes = true);

  size_t size() const { return pins_.size(); }
  ::tock::hil::led::Led& led(size_t i) { return *leds_.at(i); }
  HostPin& pin(size_t i) { return pins_.pin(i); }
  HostGpioBank& pins() { return pins_; }
  // True when lit (pin configured as output and high).
  bool IsOn(size_t i) const { return pins_.pin(i).output_enabled() && pins_.pin(i).latch(); }

  // Peripheral "led": command `leds` (state lines "led N on|off"), the same lines as state, and
  // an event "led N on|off" whenever an LED's pin changes the level it drives.
  absl::Status RegisterControls(PeripheralRegistry& registry);

 private:
  HostGpioBank pins_;
  std::vector<std::unique_ptr<::tock::hil::led::LedHigh>> leds_;
};

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_PERIPHERALS_HOST_LEDS_H_
