// Temperature syscall driver (0x60000, upstream capsules_extra::temperature::TemperatureSensor):
// command 0 exists, command 1 asks for a reading; upcall 0 gets (hundredths of °C as a 32-bit
// two's-complement word, 0, 0). One reading serves every app waiting when it completes: a
// command 1 while a reading is in flight succeeds and waits for that one. A failed reading
// gives no upcall (as upstream); the apps stay waiting and the next command 1 reads again.
// Untrusted capsule; no app buffers.
//
// Wiring: capsules/components/temperature_component.h.
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
  using GrantType = Grant<TemperatureApp, UpcallCount<1>, AllowRoCount<0>, AllowRwCount<0>>;

  TemperatureDriver(hil::sensors::TemperatureDriver& sensor, GrantType& grant);

  // 0: exists; 1: read (the sensor's start error, e.g. OFF, is returned). Other: NOSUPPORT.
  CommandReturn Command(uint32_t command_num, uint32_t arg0, uint32_t arg1, ProcessId pid) override;
  Result<void> AllocateGrant(ProcessId pid) override;

  void TemperatureDone(Result<int32_t> value) override;

 private:
  hil::sensors::TemperatureDriver& sensor_;
  GrantType& grant_;
  bool busy_ = false;  // a reading is in flight
};

}  // namespace tock::capsules

#endif  // TOCKPP_CAPSULES_TEMPERATURE_TEMPERATURE_DRIVER_H_
