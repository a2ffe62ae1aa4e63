// Alarm HIL: one-shot compare on a free-running counter (upstream kernel::hil::time::Alarm).
// An alarm is set as (reference, dt) so a caller that computed `reference` a while ago still
// gets the right expiration across counter wrap; if reference + dt is already past, the alarm
// fires as soon as possible. Implemented by chips/host; the virtual alarm mux multiplies it.
#ifndef TOCKPP_HIL_ALARM_H_
#define TOCKPP_HIL_ALARM_H_

#include "hil/error.h"
#include "hil/time.h"

namespace tock::hil::time {

class AlarmClient {
 public:
  // The alarm expired. It is disarmed when this is called; the client may set it again.
  virtual void Alarm() = 0;

 protected:
  ~AlarmClient() = default;
};

template <typename TicksT>
class Alarm : public Time<TicksT> {
 public:
  virtual void SetAlarmClient(AlarmClient& client) = 0;
  // Arms the alarm to fire at reference + dt (wrapping). Replaces any earlier setting.
  virtual void SetAlarm(TicksT reference, TicksT dt) = 0;
  // The expiration of the current (or last) setting.
  virtual TicksT GetAlarm() const = 0;
  // Ok if it was disarmed (or not armed).
  virtual Result<void> Disarm() = 0;
  virtual bool IsArmed() const = 0;
  // Smallest dt the hardware honours reliably; shorter requests may be extended to it.
  virtual TicksT MinimumDt() const { return TicksT(1); }

 protected:
  ~Alarm() = default;
};

}  // namespace tock::hil::time

#endif  // TOCKPP_HIL_ALARM_H_
