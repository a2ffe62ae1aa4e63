// Reactor: the narrow slice of tockd's single-threaded event loop that host peripherals use —
// fd readiness watches, CLOCK_MONOTONIC timers and Post() to run a callback later on the loop.
// Host-only. Every callback runs on the loop thread, never re-entrantly inside the registering
// call. The liburing loop (hostkernel/event_loop) is adapted to this; PollReactor backs tests.
#ifndef TOCKPP_HOSTKERNEL_PERIPHERALS_REACTOR_H_
#define TOCKPP_HOSTKERNEL_PERIPHERALS_REACTOR_H_

#include <cstdint>
#include <functional>
#include <memory>

namespace tock::hostkernel {

class Reactor {
 public:
  using Callback = std::function<void()>;
  // 0 is never a valid id, so a zero-initialised id means "nothing registered".
  using Id = uint64_t;

  virtual ~Reactor() = default;

  // Calls `on_ready` on the loop each time `fd` is readable (level-triggered: again on the next
  // iteration if the callback left data unread) until Unwatch(id). EOF and errors count as
  // readable so the callback sees read() return 0 / -1.
  virtual Id WatchReadable(int fd, Callback on_ready) = 0;
  // Same for writability (used only while output is queued).
  virtual Id WatchWritable(int fd, Callback on_ready) = 0;
  // Stops a watch. Safe to call from inside its own callback and with an already-removed id.
  virtual void Unwatch(Id id) = 0;

  // Runs `fn` once on the loop as soon as CLOCK_MONOTONIC >= deadline_ns (an absolute time;
  // a deadline in the past fires on the next iteration).
  virtual Id RunAt(uint64_t monotonic_deadline_ns, Callback fn) = 0;
  // Cancels a timer that has not fired; no-op for fired or unknown ids.
  virtual void CancelTimer(Id id) = 0;

  // Runs `fn` on the loop after the current callback returns (FIFO among posts).
  virtual void Post(Callback fn) = 0;
};

// Held by an object that posts callbacks capturing `this`: the callbacks capture token() and
// return early if it expired, so destroying the object cancels its pending work.
class LifetimeGuard {
 public:
  std::weak_ptr<void> token() const { return anchor_; }

 private:
  std::shared_ptr<void> anchor_ = std::make_shared<int>(0);
};

// CLOCK_MONOTONIC now, in nanoseconds.
uint64_t MonotonicNowNs();

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_PERIPHERALS_REACTOR_H_
