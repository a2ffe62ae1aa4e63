// HostAlarm: hil::time::Alarm<TicksT> for tockd on top of a HostClock (real or virtual) and
// its timers. Ticks = floor(clock_ns * frequency / 1e9) + initial_ticks, truncated to the tick
// width, so the counter wraps exactly like a hardware counter; `initial_ticks` lets tests (and
// curious users) start just below the wrap. Expiration follows the HIL's (reference, dt) rule:
// an alarm whose time already passed fires on the next loop iteration. Host-only.
#ifndef TOCKPP_HOSTKERNEL_PERIPHERALS_HOST_ALARM_H_
#define TOCKPP_HOSTKERNEL_PERIPHERALS_HOST_ALARM_H_

#include <cstdint>

#include "hil/alarm.h"
#include "hostkernel/peripherals/host_clock.h"

namespace tock::hostkernel {

template <typename TicksT = ::tock::hil::time::Ticks32>
class HostAlarm final : public ::tock::hil::time::Alarm<TicksT> {
 public:
  // The nRF52 RTC rate, which upstream apps and our fakes assume by default.
  static constexpr uint32_t kDefaultFrequencyHz = 32768;

  explicit HostAlarm(HostClock& clock, uint32_t frequency_hz = kDefaultFrequencyHz,
                     uint32_t initial_ticks = 0)
      : clock_(clock), frequency_(frequency_hz), initial_ticks_(initial_ticks) {}
  HostAlarm(const HostAlarm&) = delete;
  HostAlarm& operator=(const HostAlarm&) = delete;
  ~HostAlarm() { CancelTimer(); }

  uint32_t Frequency() const override { return frequency_; }
  TicksT Now() const override {
    return TicksT(static_cast<uint32_t>(AbsTicks(clock_.NowNs())) + initial_ticks_);
  }

  void SetAlarmClient(::tock::hil::time::AlarmClient& client) override { client_ = &client; }

  void SetAlarm(TicksT reference, TicksT dt) override {
    CancelTimer();
    reference_ = reference;
    dt_ = dt;
    armed_ = true;
    uint64_t now_ns = clock_.NowNs();
    uint64_t now_abs = AbsTicks(now_ns);
    TicksT now(static_cast<uint32_t>(now_abs) + initial_ticks_);
    uint32_t elapsed = now.WrappingSub(reference).value();
    uint64_t deadline_ns = now_ns;  // already expired: as soon as possible
    if (elapsed < dt.value()) {
      uint64_t target = now_abs + (dt.value() - elapsed);
      deadline_ns = NsForTicksCeil(target);
    }
    deadline_ns_ = deadline_ns;
    timer_ = clock_.ScheduleAt(deadline_ns, [this] { Expire(); });
  }

  TicksT GetAlarm() const override { return reference_.WrappingAdd(dt_); }

  ::tock::Result<void> Disarm() override {
    CancelTimer();
    armed_ = false;
    return ::tock::Result<void>::Ok();
  }

  bool IsArmed() const override { return armed_; }

  // The clock time (ns) at which the armed alarm fires; for tests and tracing.
  uint64_t deadline_ns() const { return deadline_ns_; }

 private:
  uint64_t AbsTicks(uint64_t ns) const {
    return static_cast<uint64_t>(static_cast<unsigned __int128>(ns) * frequency_ / 1'000'000'000u);
  }
  // Smallest ns with AbsTicks(ns) >= ticks.
  uint64_t NsForTicksCeil(uint64_t ticks) const {
    unsigned __int128 num = static_cast<unsigned __int128>(ticks) * 1'000'000'000u;
    return static_cast<uint64_t>((num + frequency_ - 1) / frequency_);
  }
  void CancelTimer() {
    if (timer_ != 0) {
      clock_.Cancel(timer_);
    }
    timer_ = 0;
  }
  void Expire() {
    timer_ = 0;
    armed_ = false;
    if (client_ != nullptr) {
      client_->Alarm();
    }
  }

  HostClock& clock_;
  uint32_t frequency_;
  uint32_t initial_ticks_;
  ::tock::hil::time::AlarmClient* client_ = nullptr;
  TicksT reference_;
  TicksT dt_;
  bool armed_ = false;
  HostClock::TimerId timer_ = 0;
  uint64_t deadline_ns_ = 0;
};

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_PERIPHERALS_HOST_ALARM_H_
