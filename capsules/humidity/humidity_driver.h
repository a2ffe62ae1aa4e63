// Humidity syscall driver (0x60001, upstream capsules_extra::humidity::HumiditySensor): command
// 0 exists, command 1 asks for a reading; upcall 0 gets (relative humidity in hundredths of a
// percent, 0, 0). Readings are shared as capsules/reading_requests.h says: one in flight serves
// every waiting app; a failed one gives no upcall (as upstream). Untrusted capsule; no app
// buffers. Header-only.
//
// Wiring: DriverComponent<HumidityDriver> (capsules/components/driver_component.h), on tockd by
// hostkernel/peripherals/host_humidity.cc and on the QEMU board by its humidity.cc.
#ifndef TOCKPP_CAPSULES_HUMIDITY_HUMIDITY_DRIVER_H_
#define TOCKPP_CAPSULES_HUMIDITY_HUMIDITY_DRIVER_H_

#include <cstdint>

#include "capsules/driver_numbers.h"
#include "capsules/reading_requests.h"
#include "hil/sensors.h"
#include "kernel/grant.h"
#include "kernel/syscall_driver.h"

namespace tock::capsules {

class HumidityDriver final : public SyscallDriver, public hil::sensors::HumidityClient {
 public:
  static constexpr uint32_t kDriverNum = driver_num::kHumidity;
  static constexpr const char* kName = "humidity";
  using GrantType = Grant<WaitingApp, UpcallCount<1>, AllowRoCount<0>, AllowRwCount<0>>;

  HumidityDriver(hil::sensors::HumidityDriver& sensor, GrantType& grant)
      : sensor_(sensor), grant_(grant), readings_(grant) {
    sensor_.SetClient(*this);
  }

  // 0: exists; 1: read (the sensor's start error is returned). Other: NOSUPPORT.
  CommandReturn Command(uint32_t command_num, uint32_t /*arg0*/, uint32_t /*arg1*/,
                        ProcessId pid) override {
    if (command_num == 0) {
      return CommandReturn::Success();
    }
    if (command_num == 1) {
      return readings_.Request(pid, [this] { return sensor_.ReadHumidity(); });
    }
    return CommandReturn::Failure(ErrorCode::kNoSupport);
  }
  Result<void> AllocateGrant(ProcessId pid) override { return grant_.Allocate(pid); }

  void HumidityDone(Result<uint32_t> value) override { readings_.Finish(value); }

 private:
  hil::sensors::HumidityDriver& sensor_;
  GrantType& grant_;
  ReadingRequests<GrantType> readings_;
};

}  // namespace tock::capsules

#endif  // TOCKPP_CAPSULES_HUMIDITY_HUMIDITY_DRIVER_H_
