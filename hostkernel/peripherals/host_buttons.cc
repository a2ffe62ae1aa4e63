// HostButtons::RegisterControls: `buttons`, `press N`, `release N` and their events.
#include "hostkernel/peripherals/host_buttons.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "hostkernel/status/status_macros.h"

namespace tock::hostkernel {

absl::Status HostButtons::RegisterControls(PeripheralRegistry& registry) {
  const PeripheralRegistry::EventPublisher events = registry.Events("button");
  auto state = [this](ReplyLines& out) {
    for (size_t i = 0; i < size(); ++i) {
      out.push_back(absl::StrCat("button ", i, IsPressed(i) ? " pressed" : " released"));
    }
  };
  auto set = [this, events](bool press) {
    return [this, events, press](ControlArgs args, ReplyLines&) -> absl::Status {
      absl::StatusOr<size_t> n = ParseIndexArg(args[0], size(), "button");
      TOCKPP_RETURN_IF_ERROR(n.status());
      const bool was = IsPressed(*n);
      if (press) {
        Press(*n);
      } else {
        Release(*n);
      }
      if (was != press) {
        events.Publish(absl::StrCat("button ", *n, press ? " pressed" : " released"));
      }
      return absl::OkStatus();
    };
  };
  PeripheralControls controls{.name = "button", .state = state};
  controls.commands.push_back({.name = "buttons",
                               .usage = "buttons",
                               .help = "button states: button N pressed|released",
                               .handler = [state](ControlArgs, ReplyLines& out) {
                                 state(out);
                                 return absl::OkStatus();
                               }});
  controls.commands.push_back({.name = "press",
                               .usage = "press N",
                               .help = "press button N (active-low: drives its pin low)",
                               .min_args = 1,
                               .max_args = 1,
                               .handler = set(true)});
  controls.commands.push_back({.name = "release",
                               .usage = "release N",
                               .help = "release button N",
                               .min_args = 1,
                               .max_args = 1,
                               .handler = set(false)});
  return registry.Register(std::move(controls));
}

}  // namespace tock::hostkernel
