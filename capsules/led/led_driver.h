// LED syscall driver (0x2): apps turn board LEDs on, off, toggle and read them by index
// (upstream capsules_core::led). No grant: LEDs are shared by every app. Untrusted capsule;
// touches only the hil::led::Led objects it is given.
//
// Wiring (board, statics):
//   hil::led::LedLow led0(pin13), led1(pin14);
//   hil::led::Led* leds[] = {&led0, &led1};
//   LedDriver led_driver(leds);   // turns every LED off
//   drivers.Register(LedDriver::kDriverNum, led_driver);
#ifndef TOCKPP_CAPSULES_LED_LED_DRIVER_H_
#define TOCKPP_CAPSULES_LED_LED_DRIVER_H_

#include <cstdint>
#include <span>

#include "capsules/driver_numbers.h"
#include "hil/led.h"
#include "kernel/syscall_driver.h"

namespace tock::capsules {

class LedDriver final : public SyscallDriver {
 public:
  static constexpr uint32_t kDriverNum = driver_num::kLed;

  // Initializes (and so turns off) every LED.
  explicit LedDriver(std::span<hil::led::Led* const> leds);

  // 0: count (SuccessU32, legacy); 1/2/3: on/off/toggle arg0; 4: read arg0 (SuccessU32 0/1).
  // Index >= count: INVAL. Other commands: NOSUPPORT.
  CommandReturn Command(uint32_t command_num, uint32_t arg0, uint32_t arg1, ProcessId pid) override;
  // No per-process state.
  Result<void> AllocateGrant(ProcessId pid) override;

 private:
  std::span<hil::led::Led* const> leds_;
};

}  // namespace tock::capsules

#endif  // TOCKPP_CAPSULES_LED_LED_DRIVER_H_
