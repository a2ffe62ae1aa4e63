// Button syscall driver implementation.
#include "capsules/button/button_driver.h"

namespace tock::capsules {

ButtonDriver::ButtonDriver(GrantType& grant, std::span<const hil::button::ButtonPin> pins,
                           std::span<PinClient> clients)
    : grant_(grant), pins_(pins) {
  for (size_t i = 0; i < pins_.size() && i < clients.size(); ++i) {
    clients[i].driver_ = this;
    clients[i].index_ = static_cast<uint32_t>(i);
    if (pins_[i].pin == nullptr) {
      continue;  // an unwired button answers NODEVICE
    }
    hil::gpio::InterruptPin& pin = *pins_[i].pin;
    pin.SetFloatingState(pins_[i].floating);
    pin.MakeInput();
    pin.SetClient(clients[i]);
  }
}

CommandReturn ButtonDriver::Command(uint32_t command_num, uint32_t arg0, uint32_t /*arg1*/,
                                    ProcessId pid) {
  if (command_num == 0) {
    return CommandReturn::SuccessU32(static_cast<uint32_t>(pins_.size()));
  }
  if (command_num > 3) {
    return CommandReturn::Failure(ErrorCode::kNoSupport);
  }
  if (arg0 >= pins_.size()) {
    return CommandReturn::Failure(ErrorCode::kInval);
  }
  const hil::button::ButtonPin& button = pins_[arg0];
  if (button.pin == nullptr) {
    return CommandReturn::Failure(ErrorCode::kNoDevice);
  }
  const uint32_t bit = 1u << arg0;
  switch (command_num) {
    case 1: {
      auto r =
          grant_.Enter(pid, [&](ButtonApp& app, GrantKernelData&) { app.enabled_mask |= bit; });
      if (!r.ok()) {
        return CommandReturn::Failure(r.error());
      }
      button.pin->EnableInterrupts(hil::gpio::InterruptEdge::kEitherEdge);
      return CommandReturn::Success();
    }
    case 2: {
      auto r =
          grant_.Enter(pid, [&](ButtonApp& app, GrantKernelData&) { app.enabled_mask &= ~bit; });
      if (!r.ok()) {
        return CommandReturn::Failure(r.error());
      }
      // Keep the interrupt while any other app still listens.
      bool still_used = false;
      grant_.Iterate([&](ButtonApp& app, GrantKernelData&) {
        if (app.enabled_mask & bit) {
          still_used = true;
        }
      });
      if (!still_used) {
        button.pin->DisableInterrupts();
      }
      return CommandReturn::Success();
    }
    default:  // 3
      return CommandReturn::SuccessU32(button.Pressed() ? 1 : 0);
  }
}

Result<void> ButtonDriver::AllocateGrant(ProcessId pid) { return grant_.Allocate(pid); }

void ButtonDriver::HandleInterrupt(uint32_t index) {
  if (index >= pins_.size() || pins_[index].pin == nullptr) {
    return;
  }
  const uint32_t pressed = pins_[index].Pressed() ? 1 : 0;
  const uint32_t bit = 1u << index;
  grant_.Iterate([&](ButtonApp& app, GrantKernelData& kd) {
    if (app.enabled_mask & bit) {
      static_cast<void>(kd.ScheduleUpcall(0, index, pressed, 0));
    }
  });
}

}  // namespace tock::capsules
