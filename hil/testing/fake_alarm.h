// FakeAlarm: a hil::time::Alarm whose clock only moves when the test says so. Advance() walks
// time forward and fires the alarm exactly at its expiration (also across wrap); an alarm set
// in the past fires on the next Advance (even Advance(0)), as real hardware would "soon".
// Completable: Complete() advances time exactly to the armed alarm's expiration.
#ifndef TOCKPP_HIL_TESTING_FAKE_ALARM_H_
#define TOCKPP_HIL_TESTING_FAKE_ALARM_H_

#include <cstdint>

#include "hil/alarm.h"
#include "hil/testing/completable.h"

namespace tock::hil::testing {

template <typename TicksT = time::Ticks32>
class FakeAlarm final : public time::Alarm<TicksT>, public Completable {
 public:
  explicit FakeAlarm(uint32_t frequency_hz = 32768, TicksT now = TicksT(0))
      : frequency_(frequency_hz), now_(now) {}

  uint32_t Frequency() const override { return frequency_; }
  TicksT Now() const override { return now_; }
  void SetAlarmClient(time::AlarmClient& client) override { client_ = &client; }
  void SetAlarm(TicksT reference, TicksT dt) override {
    reference_ = reference;
    dt_ = dt;
    armed_ = true;
    ++set_count_;
  }
  TicksT GetAlarm() const override { return reference_.WrappingAdd(dt_); }
  Result<void> Disarm() override {
    armed_ = false;
    return Result<void>::Ok();
  }
  bool IsArmed() const override { return armed_; }

  // --- test controls ---
  void SetNow(TicksT now) { now_ = now; }
  TicksT reference() const { return reference_; }
  TicksT dt() const { return dt_; }
  uint32_t set_count() const { return set_count_; }

  // True if the armed alarm's expiration has been reached.
  bool Expired() const { return armed_ && now_.WrappingSub(reference_).value() >= dt_.value(); }

  // Moves time forward by `delta` ticks, firing the alarm (possibly repeatedly, if the client
  // re-arms) at each expiration on the way. Returns the number of alarms fired.
  uint32_t Advance(uint32_t delta) {
    uint32_t fired = 0;
    uint64_t left = delta;
    for (;;) {
      if (Expired()) {
        Fire();
        ++fired;
        continue;
      }
      if (!armed_) {
        break;
      }
      uint32_t remaining = dt_.WrappingSub(now_.WrappingSub(reference_)).value();
      if (remaining > left) {
        break;
      }
      now_ = now_.WrappingAdd(TicksT(remaining));
      left -= remaining;
    }
    now_ = now_.WrappingAdd(TicksT(static_cast<uint32_t>(left)));
    return fired;
  }

  // Completable
  bool HasPending() const override { return armed_; }
  void Complete(uint32_t /*choice*/) override {
    if (armed_) {
      static_cast<void>(
          Advance(Expired() ? 0 : dt_.WrappingSub(now_.WrappingSub(reference_)).value()));
    }
  }

  // Fires now regardless of expiration (disarms first, like hardware).
  void Fire() {
    armed_ = false;
    if (client_) {
      client_->Alarm();
    }
  }

 private:
  uint32_t frequency_;
  TicksT now_;
  TicksT reference_;
  TicksT dt_;
  bool armed_ = false;
  uint32_t set_count_ = 0;
  time::AlarmClient* client_ = nullptr;
};

}  // namespace tock::hil::testing

#endif  // TOCKPP_HIL_TESTING_FAKE_ALARM_H_
