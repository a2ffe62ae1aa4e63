// HostButtons: N push buttons for tockd, each a HostPin plus an activation mode, described to
// the button capsule as hil::button::ButtonPin. Default is active-low with pull-up, like the
// nRF52840-DK: released reads high, Press() drives low. Press/Release come from the control
// socket (`press N` / `release N`, registered by RegisterControls) and fire the capsule's
// interrupt per its enabled edge.
#ifndef TOCKPP_HOSTKERNEL_PERIPHERALS_HOST_BUTTONS_H_
#define TOCKPP_HOSTKERNEL_PERIPHERALS_HOST_BUTTONS_H_

#include <cstddef>
#include <vector>

#include "absl/status/status.h"
#include "hil/button.h"
#include "hostkernel/peripherals/host_gpio_bank.h"
#include "hostkernel/peripherals/peripheral_registry.h"

namespace tock::hostkernel {

class HostButtons {
 public:
  using ActivationMode = ::tock::hil::button::ActivationMode;

  explicit HostButtons(size_t count, ActivationMode mode = ActivationMode::kActiveLow)
      : pins_("button", count), mode_(mode) {
    for (size_t i = 0; i < count; ++i) {
      // Released level, without firing anything (no client yet).
      pins_.pin(i).Drive(!active_level());
      descriptors_.push_back(::tock::hil::button::ButtonPin{
          &pins_.pin(i), mode,
          mode == ActivationMode::kActiveLow ? ::tock::hil::gpio::FloatingState::kPullUp
                                             : ::tock::hil::gpio::FloatingState::kPullDown});
    }
  }

  size_t size() const { return pins_.size(); }
  ActivationMode mode() const { return mode_; }
  HostPin& pin(size_t i) { return pins_.pin(i); }
  // What the board hands to the button capsule.
  const std::vector<::tock::hil::button::ButtonPin>& descriptors() const { return descriptors_; }

  // Drive the pin to the pressed / released level. Return false for an unknown button.
  bool Press(size_t i) { return Set(i, true); }
  bool Release(size_t i) { return Set(i, false); }
  bool IsPressed(size_t i) const {
    return pins_.pin(i).external_level().value_or(!active_level()) == active_level();
  }

  // Peripheral "button": commands `buttons` (state lines "button N pressed|released"),
  // `press N` and `release N`; event "button N pressed|released" when one of them changes a
  // button.
  absl::Status RegisterControls(PeripheralRegistry& registry);

 private:
  bool active_level() const { return mode_ == ActivationMode::kActiveHigh; }
  bool Set(size_t i, bool pressed) {
    HostPin* p = pins_.find(i);
    if (p == nullptr) {
      return false;
    }
    p->Drive(pressed == active_level());
    return true;
  }

  HostGpioBank pins_;
  ActivationMode mode_;
  std::vector<::tock::hil::button::ButtonPin> descriptors_;
};

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_PERIPHERALS_HOST_BUTTONS_H_
