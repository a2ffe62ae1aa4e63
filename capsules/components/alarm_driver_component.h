// AlarmDriverComponent: the alarm syscall driver (0x0, capsules/alarm) on its own virtual alarm
// of the board's alarm mux, with its grant.
//
// Wiring (board, static):
//   AlarmDriverComponent<Ticks32> alarm(alarm_mux.mux(), kernel, mem_cap);
//   registrar.Add(alarm);
#ifndef TOCKPP_CAPSULES_COMPONENTS_ALARM_DRIVER_COMPONENT_H_
#define TOCKPP_CAPSULES_COMPONENTS_ALARM_DRIVER_COMPONENT_H_

#include <cstdint>

#include "capsules/alarm/alarm_driver.h"
#include "capsules/virtual_alarm/virtual_alarm.h"
#include "kernel/capabilities.h"
#include "kernel/kernel.h"

namespace tock::capsules::components {

template <typename TicksT>
class AlarmDriverComponent {
 public:
  using Driver = AlarmDriver<TicksT>;
  static constexpr uint32_t kDriverNum = Driver::kDriverNum;
  static constexpr const char* kName = "alarm";

  AlarmDriverComponent(MuxAlarm<TicksT>& mux, Kernel& kernel, const MemoryAllocationCapability& cap)
      : alarm_(mux), grant_(kernel, kDriverNum, cap), driver_(alarm_, grant_) {}
  AlarmDriverComponent(const AlarmDriverComponent&) = delete;
  AlarmDriverComponent& operator=(const AlarmDriverComponent&) = delete;

  Driver& driver() { return driver_; }

 private:
  VirtualMuxAlarm<TicksT> alarm_;
  typename Driver::GrantType grant_;
  Driver driver_;
};

}  // namespace tock::capsules::components

#endif  // TOCKPP_CAPSULES_COMPONENTS_ALARM_DRIVER_COMPONENT_H_
