// GPIO syscall driver implementation.
#include "capsules/gpio/gpio_driver.h"

namespace tock::capsules {

GpioDriver::GpioDriver(GrantType& grant, std::span<hil::gpio::InterruptPin* const> pins,
                       std::span<PinClient> clients)
    : grant_(grant), pins_(pins) {
  for (size_t i = 0; i < pins_.size() && i < clients.size(); ++i) {
    clients[i].driver_ = this;
    clients[i].index_ = static_cast<uint32_t>(i);
    if (pins_[i] != nullptr) {
      pins_[i]->SetClient(clients[i]);
    }
  }
}

CommandReturn GpioDriver::Command(uint32_t command_num, uint32_t arg0, uint32_t arg1,
                                  ProcessId pid) {
  switch (command_num) {
    case 0:
      return CommandReturn::Success();
    case 10:
      return CommandReturn::SuccessU32(static_cast<uint32_t>(pins_.size()));
    default:
      break;
  }
  if (command_num > 10) {
    return CommandReturn::Failure(ErrorCode::kNoSupport);
  }
  if (arg0 >= pins_.size()) {
    return CommandReturn::Failure(ErrorCode::kInval);
  }
  hil::gpio::InterruptPin* pin = pins_[arg0];
  if (pin == nullptr) {
    return CommandReturn::Failure(ErrorCode::kNoDevice);
  }

  switch (command_num) {
    case 1:
      pin->MakeOutput();
      return CommandReturn::Success();
    case 2:
      pin->Set();
      return CommandReturn::Success();
    case 3:
      pin->Clear();
      return CommandReturn::Success();
    case 4:
      pin->Toggle();
      return CommandReturn::Success();
    case 5: {
      if (arg1 > 2) {
        return CommandReturn::Failure(ErrorCode::kNoSupport);
      }
      pin->SetFloatingState(static_cast<hil::gpio::FloatingState>(arg1));
      pin->MakeInput();
      return CommandReturn::Success();
    }
    case 6:
      return CommandReturn::SuccessU32(pin->Read() ? 1 : 0);
    case 7: {
      if (arg1 > 2) {
        return CommandReturn::Failure(ErrorCode::kNoSupport);
      }
      // Interrupts are delivered through the grant: make sure this app has one.
      if (!grant_.Enter(pid, [](GpioApp&, GrantKernelData&) {}).ok()) {
        return CommandReturn::Failure(ErrorCode::kNoMem);
      }
      pin->EnableInterrupts(static_cast<hil::gpio::InterruptEdge>(arg1));
      return CommandReturn::Success();
    }
    case 8:
      pin->DisableInterrupts();
      pin->DeactivateToLowPower();
      return CommandReturn::Success();
    default:  // 9
      pin->DeactivateToLowPower();
      return CommandReturn::Success();
  }
}

Result<void> GpioDriver::AllocateGrant(ProcessId pid) { return grant_.Allocate(pid); }

void GpioDriver::HandleInterrupt(uint32_t index) {
  if (index >= pins_.size() || pins_[index] == nullptr) {
    return;
  }
  const uint32_t value = pins_[index]->Read() ? 1 : 0;
  grant_.Iterate([&](GpioApp&, GrantKernelData& kd) {
    static_cast<void>(kd.ScheduleUpcall(0, index, value, 0));
  });
}

}  // namespace tock::capsules
