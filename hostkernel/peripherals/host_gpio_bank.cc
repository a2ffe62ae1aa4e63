// HostGpioBank::RegisterControls: the `gpio` command, its state lines and output events.
#include "hostkernel/peripherals/host_gpio_bank.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "hostkernel/status/status_macros.h"

namespace tock::hostkernel {
namespace {

constexpr char kGpioUsage[] = "gpio [N [high|low|float]]";

const char* PinMode(const HostPin& p) {
  if (p.output_enabled()) {
    return "output";
  }
  if (p.input_enabled()) {
    return "input";
  }
  return "off";
}

// `gpio N LEVEL`: drives (or, for float, stops driving) the input of `pin`.
absl::Status DrivePin(HostPin& pin, absl::string_view level) {
  if (level == "high" || level == "1") {
    pin.Drive(true);
  } else if (level == "low" || level == "0") {
    pin.Drive(false);
  } else if (level == "float") {
    pin.Undrive();
  } else {
    return absl::InvalidArgumentError(
        absl::StrCat("gpio level must be high, low or float, not '", level, "'"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status HostGpioBank::RegisterControls(PeripheralRegistry& registry) {
  auto state = [this](ReplyLines& out) {
    for (size_t i = 0; i < size(); ++i) {
      const HostPin& p = pin(i);
      out.push_back(absl::StrCat("gpio ", i, p.Read() ? " high " : " low ", PinMode(p)));
    }
  };
  auto gpio = [this, state](ControlArgs args, ReplyLines& out) -> absl::Status {
    if (args.empty()) {
      state(out);
      return absl::OkStatus();
    }
    absl::StatusOr<size_t> n = ParseIndexArg(args[0], size(), "gpio pin");
    TOCKPP_RETURN_IF_ERROR(n.status());
    if (args.size() == 1) {
      out.push_back(absl::StrCat("gpio ", *n, pin(*n).Read() ? " high" : " low"));
      return absl::OkStatus();
    }
    return DrivePin(pin(*n), args[1]);
  };
  absl::Status registered =
      registry.Register({.name = "gpio",
                         .commands = {{.name = "gpio",
                                       .usage = kGpioUsage,
                                       .help = "GPIO pins: list, read N, or drive N's input",
                                       .max_args = 2,
                                       .handler = gpio}},
                         .state = state});
  TOCKPP_RETURN_IF_ERROR(registered);
  AddOutputListener([events = registry.Events("gpio")](const HostPin& p, bool level) {
    events.Publish(absl::StrCat("gpio ", p.index(), level ? " high" : " low"));
  });
  return absl::OkStatus();
}

}  // namespace tock::hostkernel
