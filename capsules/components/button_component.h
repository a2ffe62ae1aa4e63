// ButtonComponent: the button syscall driver (0x3, capsules/button) over the board's kNumButtons
// pin descriptions (a static array: it must outlive the component), with its grant. The driver
// configures the pins when constructed: a board whose pins work only after its chip is initialised
// declares this as a static inside its boot function.
//
// Wiring (board):
//   const hil::button::ButtonPin pins[] = {{&pin11, ActivationMode::kActiveLow, kPullUp}, ...};
//   static ButtonComponent<4> buttons(pins, kernel, mem_cap);
//   registrar.Add(buttons);
#ifndef TOCKPP_CAPSULES_COMPONENTS_BUTTON_COMPONENT_H_
#define TOCKPP_CAPSULES_COMPONENTS_BUTTON_COMPONENT_H_

#include <cstddef>
#include <cstdint>

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

  ButtonComponent(const hil::button::ButtonPin (&pins)[kNumButtons], Kernel& kernel,
                  const MemoryAllocationCapability& cap)
      : grant_(kernel, kDriverNum, cap), driver_(grant_, pins) {}
  ButtonComponent(const ButtonComponent&) = delete;
  ButtonComponent& operator=(const ButtonComponent&) = delete;

  ButtonDriver& driver() { return driver_; }

 private:
  ButtonDriver::GrantType grant_;
  StaticButtonDriver<kNumButtons> driver_;
};

}  // namespace tock::capsules::components

#endif  // TOCKPP_CAPSULES_COMPONENTS_BUTTON_COMPONENT_H_
