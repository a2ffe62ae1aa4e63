// CMSDK timer pair as a 32-bit alarm.
#include "platforms/chips/mps2_an386/cmsdk_timer_alarm.h"

namespace tock::mps2 {

void CmsdkTimerAlarm::Init() {
  counter_->ctrl.Write(TimerCtrl::kEnable.Clear());
  counter_->reload.Set(0xFFFF'FFFFu);
  counter_->value.Set(0xFFFF'FFFFu);
  counter_->ctrl.Write(TimerCtrl::kEnable.Set());
  alarm_->ctrl.Write(TimerCtrl::kEnable.Clear());
  alarm_->intstatus.Write(TimerInt::kInt.Set());
}

CmsdkTimerAlarm::Ticks CmsdkTimerAlarm::Now() const { return Ticks(~counter_->value.Get()); }

void CmsdkTimerAlarm::SetAlarm(Ticks reference, Ticks dt) {
  Ticks now = Now();
  expiry_ = reference.WrappingAdd(dt);
  // Already past (now is outside [reference, expiry)): fire as soon as possible.
  uint32_t remaining = now.WithinRange(reference, expiry_) ? expiry_.WrappingSub(now).value() : 0;
  if (remaining < MinimumDt().value()) {
    remaining = MinimumDt().value();
  }
  alarm_->ctrl.Write(TimerCtrl::kEnable.Clear());
  alarm_->intstatus.Write(TimerInt::kInt.Set());
  // VALUE counts the interval; RELOAD is the shortest one, so an expiry the CPU has not taken
  // yet is raised again MinimumDt() later rather than a whole interval later. QEMU 7.2 with
  // -icount sleep=off wakes a CPU sleeping in WFI only at the virtual-timer event after the one
  // that raised the interrupt: with RELOAD = the interval, every alarm waited for while idle
  // fired one interval late (2 s -> 4 s). On hardware the interrupt wakes the CPU at once and
  // HandleInterrupt stops the timer, so the reload never runs.
  alarm_->reload.Set(MinimumDt().value());
  alarm_->value.Set(remaining);
  armed_ = true;
  alarm_->ctrl.Write(TimerCtrl::kEnable.Set() + TimerCtrl::kIntEnable.Set());
}

tock::Result<void> CmsdkTimerAlarm::Disarm() {
  alarm_->ctrl.Write(TimerCtrl::kEnable.Clear());
  alarm_->intstatus.Write(TimerInt::kInt.Set());
  armed_ = false;
  return tock::Result<void>::Ok();
}

void CmsdkTimerAlarm::HandleInterrupt() {
  // Only a raised INTSTATUS means this timer expired: the call may be spurious, or a second one
  // for an expiry already handled (and the client may have set a new alarm since).
  if (!alarm_->intstatus.IsSet(TimerInt::kInt)) {
    return;
  }
  alarm_->ctrl.Write(TimerCtrl::kEnable.Clear());
  alarm_->intstatus.Write(TimerInt::kInt.Set());
  if (!armed_) {
    return;
  }
  armed_ = false;
  if (client_ != nullptr) {
    client_->Alarm();
  }
}

}  // namespace tock::mps2
