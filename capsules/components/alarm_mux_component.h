// AlarmMuxComponent: one hardware alarm shared by many virtual alarms (capsules/virtual_alarm).
// The alarm driver component, and any capsule needing time, takes a VirtualMuxAlarm on it.
//
// Wiring (board, static):
//   AlarmMuxComponent<Ticks32> alarm_mux(chip_alarm);
//   AlarmDriverComponent<Ticks32> alarm(alarm_mux.mux(), kernel, mem_cap);
#ifndef TOCKPP_CAPSULES_COMPONENTS_ALARM_MUX_COMPONENT_H_
#define TOCKPP_CAPSULES_COMPONENTS_ALARM_MUX_COMPONENT_H_

#include "capsules/virtual_alarm/virtual_alarm.h"
#include "hil/time.h"

namespace tock::capsules::components {

template <typename TicksT>
class AlarmMuxComponent {
 public:
  explicit AlarmMuxComponent(hil::time::Alarm<TicksT>& alarm) : mux_(alarm) {}
  AlarmMuxComponent(const AlarmMuxComponent&) = delete;
  AlarmMuxComponent& operator=(const AlarmMuxComponent&) = delete;

  MuxAlarm<TicksT>& mux() { return mux_; }

 private:
  MuxAlarm<TicksT> mux_;
};

}  // namespace tock::capsules::components

#endif  // TOCKPP_CAPSULES_COMPONENTS_ALARM_MUX_COMPONENT_H_
