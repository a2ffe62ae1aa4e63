// ButtonComponent: the button syscall driver (0x3, capsules/button) over kNumButtons pins,
// with its grant and its own copy of the pin descriptions. The driver configures the pins when
// constructed: a board whose pins work only after its chip is initialised declares this as a
// static inside its boot function.
//
// Wiring (board):
//   const hil::button::ButtonPin pins[] = {{&pin11, ActivationMode::kActiveLow, kPullUp}, ...};
//   static ButtonComponent<4> buttons(pins, kernel, mem_cap);
//   registrar.Add(buttons);
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "capsules/button/button_driver.h"
#include "hil/button.h"
#include "kernel/capabilities.h"
#include "kernel/kernel.h"

namespace tock::capsules::components {

template <size_t kNumButtons>
class ButtonComponent {
  static_assert(kNumButtons > 0 && kNumButtons <= ButtonDriver::kMaxButtons);

 public:
  static constexpr uint32_t kDriverNum = ButtonDriver::kDriverNum;
  static constexpr const char* kName = "button";

  ButtonComponent(std::span<const hil::button::ButtonPin, kNumButtons> pins, Kernel& kernel,
                  const MemoryAllocationCapability& cap)
      : pins_(Copy(pins)), grant_(kernel, kDriverNum, cap), driver_(grant_, pins_.list) {}
  ButtonComponent(const ButtonComponent&) = delete;
  ButtonComponent& operator=(const ButtonComponent&) = delete;

  ButtonDriver& driver() { return driver_; }

 private:
  struct Pins {
    hil::button::ButtonPin list[kNumButtons];
  };
  static Pins Copy(std::span<const hil::button::ButtonPin, kNumButtons> pins) {
    Pins p{};
    for (size_t i = 0; i < kNumButtons; ++i) {
      p.list[i] = pins[i];
    }
    return p;
  }

  Pins pins_;
  ButtonDriver::GrantType grant_;
  StaticButtonDriver<kNumButtons> driver_;
};

}  // namespace tock::capsules::components
