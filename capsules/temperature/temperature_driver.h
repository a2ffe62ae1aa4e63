// Temperature syscall driver (0x60000, upstream capsules_extra::temperature::TemperatureSensor):
// command 0 exists, command 1 asks for a reading; upcall 0 gets (hundredths of °C as a 32-bit
// two's-complement word, 0, 0). Readings are shared as capsules/reading_requests.h says: one
// in flight serves every waiting app; a failed one gives no upcall (as upstream).
// Untrusted capsule; no app buffers. Header-only.
//
// Wiring: capsules/components/driver_component.h (DriverComponent<TemperatureDriver>); on a board
// by a BoardExtension (hostkernel/peripherals/host_temperature.cc).
#ifndef TOCKPP_CAPSULES_TEMPERATURE_TEMPERATURE_DRIVER_H_
#define TOCKPP_CAPSULES_TEMPERATURE_TEMPERATURE_DRIVER_H_

#include <cstdint>

#include "capsules/driver_numbers.h"
#include "capsules/reading_requests.h"
#include "hil/sensors.h"
#include "kernel/grant.h"
#include "kernel/syscall_driver.h"

namespace tock::capsules {

class TemperatureDriver final : public SyscallDriver, public hil::sensors::TemperatureClient {
 public:
  static constexpr uint32_t kDriverNum = driver_num::kTemperature;
  static constexpr const char* kName = "temperature";
  using GrantType = Grant<WaitingApp, UpcallCount<1>, AllowRoCount<0>, AllowRwCount<0>>;

  TemperatureDriver(hil::sensors::TemperatureDriver& sensor, GrantType& grant)
      : sensor_(sensor), grant_(grant), readings_(grant) {
    sensor_.SetClient(*this);
  }

  // 0: exists; 1: read (the sensor's start error, e.g. OFF, is returned). Other: NOSUPPORT.
  CommandReturn Command(uint32_t command_num, uint32_t /*arg0*/, uint32_t /*arg1*/,
                        ProcessId pid) override {
    switch (command_num) {
      case 0:
        return CommandReturn::Success();
      case 1:
        return readings_.Request(pid, [this] { return sensor_.ReadTemperature(); });
      default:
        return CommandReturn::Failure(ErrorCode::kNoSupport);
    }
  }
  Result<void> AllocateGrant(ProcessId pid) override { return grant_.Allocate(pid); }

  // The value as a two's-complement word.
  void TemperatureDone(Result<int32_t> value) override {
    readings_.Finish(value.ok() ? Result<uint32_t>(static_cast<uint32_t>(value.value()))
                                : Result<uint32_t>(value.error()));
  }

 private:
  hil::sensors::TemperatureDriver& sensor_;
  GrantType& grant_;
  ReadingRequests<GrantType> readings_;
};

}  // namespace tock::capsules

#endif  // TOCKPP_CAPSULES_TEMPERATURE_TEMPERATURE_DRIVER_H_
