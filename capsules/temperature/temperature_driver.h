// Temperature syscall driver (0x60000, upstream capsules_extra::temperature::TemperatureSensor):
// command 0 exists, command 1 asks for a reading; upcall 0 gets (hundredths of °C as a 32-bit
// two's-complement word, 0, 0). One reading serves every app waiting when it completes: a
// command 1 while a reading is in flight succeeds and waits for that one. A failed reading
// gives no upcall (as upstream); the apps stay waiting and the next command 1 reads again.
// Untrusted capsule; no app buffers. Header-only.
//
// Wiring: capsules/components/driver_component.h (DriverComponent<TemperatureDriver>); on a board
// by a BoardExtension (hostkernel/peripherals/host_temperature.cc).
#ifndef TOCKPP_CAPSULES_TEMPERATURE_TEMPERATURE_DRIVER_H_
#define TOCKPP_CAPSULES_TEMPERATURE_TEMPERATURE_DRIVER_H_

#include <cstdint>

#include "capsules/driver_numbers.h"
#include "hil/sensors.h"
#include "kernel/grant.h"
#include "kernel/syscall_driver.h"

namespace tock::capsules {

struct TemperatureApp {
  bool waiting = false;  // asked for a reading not yet delivered
};

class TemperatureDriver final : public SyscallDriver, public hil::sensors::TemperatureClient {
 public:
  static constexpr uint32_t kDriverNum = driver_num::kTemperature;
  static constexpr const char* kName = "temperature";
  using GrantType = Grant<TemperatureApp, UpcallCount<1>, AllowRoCount<0>, AllowRwCount<0>>;

  TemperatureDriver(hil::sensors::TemperatureDriver& sensor, GrantType& grant)
      : sensor_(sensor), grant_(grant) {
    sensor_.SetClient(*this);
  }

  // 0: exists; 1: read (the sensor's start error, e.g. OFF, is returned). Other: NOSUPPORT.
  CommandReturn Command(uint32_t command_num, uint32_t /*arg0*/, uint32_t /*arg1*/,
                        ProcessId pid) override {
    switch (command_num) {
      case 0:
        return CommandReturn::Success();
      case 1:
        return StartReading(pid);
      default:
        return CommandReturn::Failure(ErrorCode::kNoSupport);
    }
  }
  Result<void> AllocateGrant(ProcessId pid) override { return grant_.Allocate(pid); }

  void TemperatureDone(Result<int32_t> value) override {
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

 private:
  CommandReturn StartReading(ProcessId pid) {
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

  hil::sensors::TemperatureDriver& sensor_;
  GrantType& grant_;
  bool busy_ = false;  // a reading is in flight
};

}  // namespace tock::capsules

#endif  // TOCKPP_CAPSULES_TEMPERATURE_TEMPERATURE_DRIVER_H_
