// HostLeds: LedHigh adapters over a bank of pins, with optional change logging.
#include "hostkernel/peripherals/host_leds.h"

#include <memory>
#include <vector>

#include "spdlog/spdlog.h"

namespace tockpp::hostkernel {

HostLeds::HostLeds(size_t count, bool log_changes) : pins_("led", count) {
  leds_.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    leds_.push_back(std::make_unique<::tock::hil::led::LedHigh>(pins_.pin(i)));
  }
  if (log_changes) {
    // The first report of each LED being off is the board setting its reset state: debug
    // level, so a start does not log "led N off" for every LED. Changes after that are info.
    auto seen = std::make_shared<std::vector<bool>>(count, false);
    pins_.AddOutputListener([seen](const HostPin& pin, bool level) {
      const bool reset_state = !level && !(*seen)[pin.index()];
      (*seen)[pin.index()] = true;
      spdlog::log(reset_state ? spdlog::level::debug : spdlog::level::info, "led {} {}",
                  pin.index(), level ? "on" : "off");
    });
  }
}

}  // namespace tockpp::hostkernel
