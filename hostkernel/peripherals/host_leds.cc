// HostLeds: LedHigh adapters over a bank of pins, with optional change logging.
#include "hostkernel/peripherals/host_leds.h"

#include "spdlog/spdlog.h"

namespace tockpp::hostkernel {

HostLeds::HostLeds(size_t count, bool log_changes) : pins_("led", count) {
  leds_.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    leds_.push_back(std::make_unique<::tock::hil::led::LedHigh>(pins_.pin(i)));
  }
  if (log_changes) {
    pins_.AddOutputListener([](const HostPin& pin, bool level) {
      spdlog::info("led {} {}", pin.index(), level ? "on" : "off");
    });
  }
}

}  // namespace tockpp::hostkernel
