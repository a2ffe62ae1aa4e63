// HostClock: the time base of tockd — nanoseconds since the kernel started, plus one-shot
// timers on that time base. Two implementations: RealClock (CLOCK_MONOTONIC through the loop's
// timers) and VirtualClock (moves only when told; see virtual_clock.h). HostAlarm, --exit-after
// and trace timestamps read whichever is active. Host-only; loop thread only.
#ifndef TOCKPP_HOSTKERNEL_PERIPHERALS_HOST_CLOCK_H_
#define TOCKPP_HOSTKERNEL_PERIPHERALS_HOST_CLOCK_H_

#include <cstdint>
#include <functional>

namespace tock::hostkernel {

class HostClock {
 public:
  using Callback = std::function<void()>;
  using TimerId = uint64_t;  // 0 is never a valid id

  virtual ~HostClock() = default;

  // Nanoseconds since this clock was created (starts at 0, never decreases).
  virtual uint64_t NowNs() const = 0;
  // Runs `fn` on the loop once NowNs() >= deadline_ns. Never calls `fn` from inside this call;
  // a deadline already passed fires on the next loop iteration.
  virtual TimerId ScheduleAt(uint64_t deadline_ns, Callback fn) = 0;
  // Cancels a pending timer; no-op if it fired already or the id is unknown.
  virtual void Cancel(TimerId id) = 0;
  virtual bool is_virtual() const = 0;
};

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_PERIPHERALS_HOST_CLOCK_H_
