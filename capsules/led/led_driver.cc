// LED syscall driver implementation.
#include "capsules/led/led_driver.h"

namespace tock::capsules {

LedDriver::LedDriver(std::span<hil::led::Led* const> leds) : leds_(leds) {
  for (hil::led::Led* led : leds_) {
    led->Init();
  }
}

CommandReturn LedDriver::Command(uint32_t command_num, uint32_t arg0, uint32_t /*arg1*/,
                                 ProcessId /*pid*/) {
  if (command_num == 0) {
    return CommandReturn::SuccessU32(static_cast<uint32_t>(leds_.size()));
  }
  if (command_num > 4) {
    return CommandReturn::Failure(ErrorCode::kNoSupport);
  }
  if (arg0 >= leds_.size()) {
    return CommandReturn::Failure(ErrorCode::kInval);
  }
  hil::led::Led& led = *leds_[arg0];
  switch (command_num) {
    case 1:
      led.On();
      break;
    case 2:
      led.Off();
      break;
    case 3:
      led.Toggle();
      break;
    case 4:
      return CommandReturn::SuccessU32(led.Read() ? 1 : 0);
  }
  return CommandReturn::Success();
}

Result<void> LedDriver::AllocateGrant(ProcessId /*pid*/) { return Result<void>::Ok(); }

}  // namespace tock::capsules
