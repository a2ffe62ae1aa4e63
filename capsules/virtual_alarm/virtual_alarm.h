// Virtual alarm mux: many VirtualMuxAlarms share one hardware hil::time::Alarm (upstream
// capsules_core::virtualizers::virtual_alarm). Each virtual alarm keeps its own
// (reference, dt); the mux programs the hardware for the soonest one and, when it fires, calls
// every expired client. All comparisons are relative (Ticks::WrappingSub), so alarms stay
// correct across counter wrap. Untrusted capsule code: touches only the alarms it is given.
//
// Wiring (board, statics):
//   MuxAlarm<Ticks32> mux(chip_alarm);
//   VirtualMuxAlarm<Ticks32> alarm_for_driver(mux), alarm_for_debug(mux);
#ifndef TOCKPP_CAPSULES_VIRTUAL_ALARM_VIRTUAL_ALARM_H_
#define TOCKPP_CAPSULES_VIRTUAL_ALARM_VIRTUAL_ALARM_H_

#include <cstdint>

#include "hil/alarm.h"

namespace tock::capsules {

template <typename TicksT>
class VirtualMuxAlarm;

template <typename TicksT>
class MuxAlarm final : public hil::time::AlarmClient {
 public:
  explicit MuxAlarm(hil::time::Alarm<TicksT>& alarm) : alarm_(alarm) {
    alarm_.SetAlarmClient(*this);
  }
  MuxAlarm(const MuxAlarm&) = delete;
  MuxAlarm& operator=(const MuxAlarm&) = delete;

  // Hardware alarm fired: call every expired virtual alarm's client, then re-program.
  void Alarm() override {
    firing_ = true;
    const TicksT now = alarm_.Now();
    // Snapshot first, so alarms a client arms (even already-expired ones) wait for the next
    // hardware callback instead of looping here.
    for (VirtualMuxAlarm<TicksT>* v = head_; v != nullptr; v = v->next_) {
      if (v->armed_ && Expired(*v, now)) {
        v->armed_ = false;
        v->fire_pending_ = true;
      }
    }
    for (VirtualMuxAlarm<TicksT>* v = head_; v != nullptr; v = v->next_) {
      if (v->fire_pending_) {
        v->fire_pending_ = false;
        if (v->client_ != nullptr) {
          v->client_->Alarm();
        }
      }
    }
    firing_ = false;
    Rearm();
  }

  hil::time::Alarm<TicksT>& hardware() { return alarm_; }
  // How many virtual alarms are armed (for tests and diagnostics).
  uint32_t armed_count() const {
    uint32_t n = 0;
    for (const VirtualMuxAlarm<TicksT>* v = head_; v != nullptr; v = v->next_) {
      n += v->armed_;
    }
    return n;
  }

 private:
  friend class VirtualMuxAlarm<TicksT>;

  static bool Expired(const VirtualMuxAlarm<TicksT>& v, TicksT now) {
    return now.WrappingSub(v.reference_).value() >= v.dt_.value();
  }

  void Add(VirtualMuxAlarm<TicksT>& v) {
    v.next_ = head_;
    head_ = &v;
  }

  // Programs the hardware for the armed virtual alarm with the least time remaining (an
  // expired one counts as zero remaining, and the hardware fires it as soon as possible).
  void Rearm() {
    if (firing_) {
      return;  // Alarm() re-programs once all clients ran.
    }
    const TicksT now = alarm_.Now();
    VirtualMuxAlarm<TicksT>* best = nullptr;
    uint32_t best_remaining = 0;
    for (VirtualMuxAlarm<TicksT>* v = head_; v != nullptr; v = v->next_) {
      if (!v->armed_) {
        continue;
      }
      uint32_t remaining =
          Expired(*v, now) ? 0 : v->dt_.WrappingSub(now.WrappingSub(v->reference_)).value();
      if (best == nullptr || remaining < best_remaining) {
        best = v;
        best_remaining = remaining;
      }
    }
    if (best == nullptr) {
      if (alarm_.IsArmed()) {
        alarm_.Disarm().ok();
      }
      return;
    }
    alarm_.SetAlarm(best->reference_, best->dt_);
  }

  hil::time::Alarm<TicksT>& alarm_;
  VirtualMuxAlarm<TicksT>* head_ = nullptr;
  bool firing_ = false;
};

template <typename TicksT>
class VirtualMuxAlarm final : public hil::time::Alarm<TicksT> {
 public:
  explicit VirtualMuxAlarm(MuxAlarm<TicksT>& mux) : mux_(mux) { mux_.Add(*this); }
  VirtualMuxAlarm(const VirtualMuxAlarm&) = delete;
  VirtualMuxAlarm& operator=(const VirtualMuxAlarm&) = delete;

  uint32_t Frequency() const override { return mux_.alarm_.Frequency(); }
  TicksT Now() const override { return mux_.alarm_.Now(); }
  void SetAlarmClient(hil::time::AlarmClient& client) override { client_ = &client; }
  void SetAlarm(TicksT reference, TicksT dt) override {
    reference_ = reference;
    dt_ = dt;
    armed_ = true;
    fire_pending_ = false;  // a new setting supersedes an expiry not yet delivered
    mux_.Rearm();
  }
  TicksT GetAlarm() const override { return reference_.WrappingAdd(dt_); }
  Result<void> Disarm() override {
    armed_ = false;
    fire_pending_ = false;
    mux_.Rearm();
    return Result<void>::Ok();
  }
  bool IsArmed() const override { return armed_; }
  TicksT MinimumDt() const override { return mux_.alarm_.MinimumDt(); }

 private:
  friend class MuxAlarm<TicksT>;

  MuxAlarm<TicksT>& mux_;
  hil::time::AlarmClient* client_ = nullptr;
  VirtualMuxAlarm* next_ = nullptr;
  TicksT reference_;
  TicksT dt_;
  bool armed_ = false;
  bool fire_pending_ = false;
};

}  // namespace tock::capsules

#endif  // TOCKPP_CAPSULES_VIRTUAL_ALARM_VIRTUAL_ALARM_H_
