// nRF52840 RTC1 alarm.
#include "platforms/chips/nrf52840/rtc_alarm.h"

namespace tock::nrf52840 {

void RtcAlarm::Init() {
  regs_->tasks_stop.Set(1);
  regs_->prescaler.Set(0);  // 32768 Hz
  regs_->tasks_clear.Set(1);
  regs_->tasks_start.Set(1);
}

void RtcAlarm::SetAlarm(Ticks reference, Ticks dt) {
  Ticks now = Now();
  Ticks expiry = reference.WrappingAdd(dt);
  // Past, or too close to program reliably: fire at the earliest safe tick instead.
  if (!now.WithinRange(reference, expiry) ||
      expiry.WrappingSub(now).value() < MinimumDt().value()) {
    expiry = now.WrappingAdd(MinimumDt());
  }
  regs_->events_compare[0].Set(0);
  regs_->cc[0].Write(RtcCounter::kValue.Val(expiry.value()));
  regs_->evtenset.Write(RtcInt::kCompare0.Set());
  regs_->intenset.Write(RtcInt::kCompare0.Set());
  armed_ = true;
}

tock::Result<void> RtcAlarm::Disarm() {
  regs_->intenclr.Write(RtcInt::kCompare0.Set());
  regs_->evtenclr.Write(RtcInt::kCompare0.Set());
  regs_->events_compare[0].Set(0);
  armed_ = false;
  return tock::Result<void>::Ok();
}

void RtcAlarm::HandleInterrupt() {
  if (!regs_->events_compare[0].IsSet(Event::kGenerated)) {
    return;
  }
  (void)Disarm();
  if (client_ != nullptr) {
    client_->Alarm();
  }
}

}  // namespace tock::nrf52840
