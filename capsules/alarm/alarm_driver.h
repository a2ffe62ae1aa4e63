// Alarm syscall driver (0x0): one outstanding alarm per app on one hil::time::Alarm (usually a
// VirtualMuxAlarm), upcall 0 with (now, expiration, 0) (upstream capsules_core::alarm).
// Userspace sees ticks left-justified to 32 bits so every counter wraps at 2^32; narrower
// counters round a requested expiration up, never firing early. Per-app expiration lives in the
// grant. Untrusted capsule; touches only its alarm and grant.
//
// Wiring (board, statics):
//   VirtualMuxAlarm<Ticks32> driver_alarm(mux_alarm);
//   AlarmDriver<Ticks32>::GrantType alarm_grant(kernel, driver_num::kAlarm, mem_cap);
//   AlarmDriver<Ticks32> alarm(driver_alarm, alarm_grant);
//   drivers.Register(driver_num::kAlarm, alarm);
#ifndef TOCKPP_CAPSULES_ALARM_ALARM_DRIVER_H_
#define TOCKPP_CAPSULES_ALARM_ALARM_DRIVER_H_

#include <cstdint>

#include "capsules/driver_numbers.h"
#include "hil/alarm.h"
#include "kernel/grant.h"
#include "kernel/syscall_driver.h"

namespace tock::capsules {

struct AlarmApp {
  bool armed = false;
  uint32_t reference = 0;  // in the underlying counter's ticks (not left-justified)
  uint32_t dt = 0;
};

template <typename TicksT>
class AlarmDriver final : public SyscallDriver, public hil::time::AlarmClient {
 public:
  static constexpr uint32_t kDriverNum = driver_num::kAlarm;
  using GrantType = Grant<AlarmApp, UpcallCount<1>, AllowRoCount<0>, AllowRwCount<0>>;
  // Bits to shift the counter left to fill 32 bits.
  static constexpr unsigned kPadding = 32 - TicksT::kWidth;

  AlarmDriver(hil::time::Alarm<TicksT>& alarm, GrantType& grant) : alarm_(alarm), grant_(grant) {
    alarm_.SetAlarmClient(*this);
  }

  // 0 exists; 1 frequency (scaled like the ticks); 2 now; 3 stop (ALREADY if none);
  // 4 NOSUPPORT (deprecated); 5 arm at now + arg0; 6 arm at arg0 + arg1. 5/6 answer
  // SuccessU32(expiration). Other: NOSUPPORT.
  CommandReturn Command(uint32_t command_num, uint32_t arg0, uint32_t arg1,
                        ProcessId pid) override {
    bool rearm = false;
    auto r = grant_.Enter(pid, [&](AlarmApp& app, GrantKernelData&) -> CommandReturn {
      const TicksT now = alarm_.Now();
      switch (command_num) {
        case 0:
          return CommandReturn::Success();
        case 1:
          return CommandReturn::SuccessU32(alarm_.Frequency() << kPadding);
        case 2:
          return CommandReturn::SuccessU32(now.LeftJustified());
        case 3:
          if (!app.armed) {
            return CommandReturn::Failure(ErrorCode::kAlready);
          }
          app.armed = false;
          rearm = true;
          return CommandReturn::Success();
        case 4:
          return CommandReturn::Failure(ErrorCode::kNoSupport);
        case 5:
          rearm = true;
          return CommandReturn::SuccessU32(Arm(app, now, arg0));
        case 6:
          rearm = true;
          return CommandReturn::SuccessU32(ArmWithReference(app, arg0, arg1));
        default:
          return CommandReturn::Failure(ErrorCode::kNoSupport);
      }
    });
    if (!r.ok()) {
      return CommandReturn::Failure(r.error());
    }
    if (rearm) {
      Rearm();
    }
    return r.value();
  }

  Result<void> AllocateGrant(ProcessId pid) override { return grant_.Allocate(pid); }

  void Alarm() override { Rearm(); }

 private:
  static constexpr uint32_t kLowMask = kPadding == 0 ? 0u : ((1u << kPadding) - 1u);

  // Left-justified dt, rounded up so the alarm never fires early.
  static uint32_t Unshift(uint32_t left_justified) {
    return (left_justified >> kPadding) + ((left_justified & kLowMask) != 0 ? 1 : 0);
  }

  uint32_t Arm(AlarmApp& app, TicksT now, uint32_t dt_lj) {
    app.armed = true;
    app.reference = now.value();
    app.dt = TicksT(Unshift(dt_lj)).value();
    return Expiration(app).LeftJustified();
  }

  uint32_t ArmWithReference(AlarmApp& app, uint32_t reference_lj, uint32_t dt_lj) {
    // Round the reference down and the expiration up.
    const uint32_t ref = reference_lj >> kPadding;
    const uint32_t expiration = Unshift(reference_lj + dt_lj);
    app.armed = true;
    app.reference = TicksT(ref).value();
    app.dt = TicksT(expiration).WrappingSub(TicksT(ref)).value();
    return Expiration(app).LeftJustified();
  }

  static TicksT Expiration(const AlarmApp& app) {
    return TicksT(app.reference).WrappingAdd(TicksT(app.dt));
  }

  // Fires every expired app alarm and programs the hardware for the soonest remaining one.
  void Rearm() {
    const TicksT now = alarm_.Now();
    bool have_next = false;
    uint32_t best_remaining = 0;
    TicksT best_reference, best_dt;
    grant_.Iterate([&](AlarmApp& app, GrantKernelData& kd) {
      if (!app.armed) {
        return;
      }
      const TicksT reference(app.reference), dt(app.dt);
      const uint32_t elapsed = now.WrappingSub(reference).value();
      if (elapsed >= dt.value()) {
        app.armed = false;
        static_cast<void>(
            kd.ScheduleUpcall(0, now.LeftJustified(), Expiration(app).LeftJustified(), 0));
        return;
      }
      const uint32_t remaining = dt.value() - elapsed;
      if (!have_next || remaining < best_remaining) {
        have_next = true;
        best_remaining = remaining;
        best_reference = reference;
        best_dt = dt;
      }
    });
    if (have_next) {
      alarm_.SetAlarm(best_reference, best_dt);
    } else if (alarm_.IsArmed()) {
      static_cast<void>(alarm_.Disarm());
    }
  }

  hil::time::Alarm<TicksT>& alarm_;
  GrantType& grant_;
};

}  // namespace tock::capsules

#endif  // TOCKPP_CAPSULES_ALARM_ALARM_DRIVER_H_
