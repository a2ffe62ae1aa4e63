// CMSDK timer pair as a 32-bit alarm.
#include "platforms/chips/mps2_an386/cmsdk_timer_alarm.h"

namespace tockpp::mps2 {

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
  alarm_->reload.Set(remaining);
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

}  // namespace tockpp::mps2
