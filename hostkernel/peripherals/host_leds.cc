// HostLeds: LedHigh adapters over a bank of pins, with optional change logging.
#include "hostkernel/peripherals/host_leds.h"

#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "hostkernel/status/status_macros.h"
#include "spdlog/spdlog.h"

namespace tock::hostkernel {

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

absl::Status HostLeds::RegisterControls(PeripheralRegistry& registry) {
  auto state = [this](ReplyLines& out) {
    for (size_t i = 0; i < size(); ++i) {
      out.push_back(absl::StrCat("led ", i, IsOn(i) ? " on" : " off"));
    }
  };
  ControlCommand leds{.name = "leds",
                      .usage = "leds",
                      .help = "LED states: led N on|off",
                      .handler = [state](ControlArgs, ReplyLines& out) {
                        state(out);
                        return absl::OkStatus();
                      }};
  absl::Status registered =
      registry.Register({.name = "led", .commands = {std::move(leds)}, .state = state});
  TOCKPP_RETURN_IF_ERROR(registered);
  pins_.AddOutputListener([events = registry.Events("led")](const HostPin& pin, bool level) {
    events.Publish(absl::StrCat("led ", pin.index(), level ? " on" : " off"));
  });
  return absl::OkStatus();
}

}  // namespace tock::hostkernel
