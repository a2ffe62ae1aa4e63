// Temperature syscall driver implementation.
#include "capsules/temperature/temperature_driver.h"

namespace tock::capsules {

TemperatureDriver::TemperatureDriver(hil::sensors::TemperatureDriver& sensor, GrantType& grant)
    : sensor_(sensor), grant_(grant) {
  sensor_.SetClient(*this);
}

CommandReturn TemperatureDriver::Command(uint32_t command_num, uint32_t /*arg0*/, uint32_t /*arg1*/,
                                         ProcessId pid) {
  switch (command_num) {
    case 0:
      return CommandReturn::Success();
    case 1: {
      auto entered =
          grant_.Enter(pid, [](TemperatureApp& app, GrantKernelData&) { app.waiting = true; });
      if (!entered.ok()) {
        return CommandReturn::Failure(entered.error());
      }
      if (busy_) {
        return CommandReturn::Success();  // served by the reading in flight
      }
      Result<void> started = sensor_.ReadTemperature();
      if (!started.ok()) {
        // Unlike upstream (which stays busy forever), nothing is in flight: this app is not
        // waiting either, so it gets exactly the error.
        static_cast<void>(
            grant_.Enter(pid, [](TemperatureApp& app, GrantKernelData&) { app.waiting = false; }));
        return CommandReturn::Failure(started.error());
      }
      busy_ = true;
      return CommandReturn::Success();
    }
    default:
      return CommandReturn::Failure(ErrorCode::kNoSupport);
  }
}

Result<void> TemperatureDriver::AllocateGrant(ProcessId pid) { return grant_.Allocate(pid); }

void TemperatureDriver::TemperatureDone(Result<int32_t> value) {
  busy_ = false;
  if (!value.ok()) {
    return;
  }
  const uint32_t word = static_cast<uint32_t>(value.value());
  grant_.Iterate([&](TemperatureApp& app, GrantKernelData& kd) {
    if (app.waiting) {
      app.waiting = false;
      static_cast<void>(kd.ScheduleUpcall(0, word, 0, 0));
    }
  });
}

}  // namespace tock::capsules
