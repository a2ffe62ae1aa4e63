// EventLoop: tockd's single-threaded loop on one io_uring (liburing 2.3 API only).
//
// Sources: readiness of any fd (eventfds, pidfds, the seccomp listener, sockets,
// stdin) and monotonic timers. Fast path: while a process runs, the loop spins on
// a SpinSource (the running app's channel) and on its completion ring for a
// bounded budget before blocking in io_uring_enter (DESIGN.md §7: a cross-core
// spin round trip is ~130 ns, a blocking wake-up 40-50 µs). Not thread-safe.
#ifndef TOCKPP_HOSTKERNEL_EVENT_LOOP_EVENT_LOOP_H_
#define TOCKPP_HOSTKERNEL_EVENT_LOOP_EVENT_LOOP_H_

#include <liburing.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <queue>
#include <unordered_map>
#include <vector>

#include "absl/status/statusor.h"

namespace tock::hostkernel {

// What the loop polls while it would otherwise block: the running app's channel.
// BeginSpin ... EndSpin bracket the time the loop promises to keep polling: after a hit the
// loop stays "spinning" (no EndSpin) until it is about to block, so the app's next request
// needs no wake-up; EndSpin is always followed by one more SpinPoll before blocking.
class SpinSource {
 public:
  virtual ~SpinSource() = default;
  // Entering the spin: e.g. tell the app it need not write its wake eventfd.
  virtual void BeginSpin() = 0;
  // Checks for work once and handles it; true if something was handled.
  virtual bool SpinPoll() = 0;
  // Leaving the spin (before blocking); the loop calls SpinPoll once more after.
  virtual void EndSpin() = 0;
};

class EventLoop {
 public:
  using Clock = std::chrono::steady_clock;
  using FdCallback = std::function<void(uint32_t revents)>;
  using TimerCallback = std::function<void()>;
  using WatchId = uint64_t;
  using TimerId = uint64_t;
  // Where the loop reads the time (timer deadlines, the spin budget); empty = Clock::now.
  // Tests pass a fake so that nothing they check depends on how fast the machine runs.
  using NowFn = std::function<Clock::time_point()>;

  struct Stats {
    uint64_t spin_hits = 0;      // work found by spinning
    uint64_t spin_misses = 0;    // spin budget ran out
    uint64_t spins_skipped = 0;  // blocked at once after repeated misses
    uint64_t blocking_waits = 0;
    uint64_t fd_callbacks = 0;
    uint64_t timer_callbacks = 0;
  };

  static absl::StatusOr<std::unique_ptr<EventLoop>> Create(unsigned ring_entries = 256,
                                                           NowFn now = nullptr);
  ~EventLoop();
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;

  // Calls `cb(revents)` whenever `fd` is ready for `events` (POLLIN, ...), level
  // triggered: a callback that leaves the fd readable is called again. The fd
  // must stay open until Unwatch.
  WatchId WatchFd(int fd, uint32_t events, FdCallback cb);
  // Safe from inside callbacks (including the watch's own).
  void Unwatch(WatchId id);

  // One-shot timers on the monotonic clock; callbacks run in deadline order. A timer added
  // by a timer callback (e.g. one that re-posts itself) runs in the next Step, never in the
  // Step that added it, so every Step ends.
  TimerId AddTimer(Clock::time_point deadline, TimerCallback cb);
  TimerId AddTimerAfter(Clock::duration delay, TimerCallback cb) {
    return AddTimer(Now() + delay, std::move(cb));
  }
  // The loop's clock (the injected NowFn, or Clock::now).
  Clock::time_point Now() const { return now_ ? now_() : Clock::now(); }
  // False if it already ran or was cancelled.
  bool CancelTimer(TimerId id);

  // The spin fast path: nullptr turns it off. Budget default 25 µs. Adaptive: after
  // kMaxSpinMisses misses in a row (the app computes, or shares our CPU, where spinning
  // only delays it) the loop spins for zero time (BeginSpin, EndSpin, one SpinPoll) and
  // probes with a full spin every kSpinProbeEvery blocking steps; a hit restores spinning.
  // Replacing an armed source (one that spun and found work) ends its spin first.
  void SetSpinSource(SpinSource* source);
  void set_spin_budget(std::chrono::nanoseconds budget) { spin_budget_ = budget; }
  // Enters the source's spin at once (BeginSpin) if it is not already in it: for a caller about
  // to let the app run, so the app's next request finds the loop "spinning" even if it comes
  // before the loop's next Step. The loop still calls EndSpin (and polls once more) before
  // it blocks, as for a spin it began itself.
  void ArmSpin();
  // True if the next blocking Step will spin on the source (not skipped after misses).
  bool WillSpin() const;

  // Runs what is ready. With `block`, first waits (spin, then io_uring) until at
  // least one callback or spin poll did work, or Stop() was called.
  // Returns true if any work was done.
  bool Step(bool block = true);
  // Steps until Stop().
  void Run();
  void Stop() { stopped_ = true; }
  bool stopped() const { return stopped_; }
  const Stats& stats() const { return stats_; }

 private:
  struct Watch {
    int fd;
    uint32_t events;
    FdCallback cb;
  };
  struct TimerEntry {
    Clock::time_point deadline;
    TimerId id;
    bool operator>(const TimerEntry& o) const {
      return deadline != o.deadline ? deadline > o.deadline : id > o.id;
    }
  };

  EventLoop() = default;
  void Arm(WatchId id, const Watch& w);
  bool DispatchCompletions();
  bool RunDueTimers();
  bool Spin(std::chrono::nanoseconds budget);
  std::optional<Clock::time_point> NextDeadline();

  io_uring ring_{};
  bool ring_ok_ = false;
  NowFn now_;
  bool stopped_ = false;
  uint64_t next_id_ = 1;
  std::unordered_map<WatchId, Watch> watches_;
  std::unordered_map<TimerId, TimerCallback> timers_;
  std::priority_queue<TimerEntry, std::vector<TimerEntry>, std::greater<>> timer_heap_;
  SpinSource* spin_ = nullptr;
  std::chrono::nanoseconds spin_budget_{25000};
  static constexpr uint32_t kMaxSpinMisses = 4;
  static constexpr uint32_t kSpinProbeEvery = 16;
  uint32_t spin_miss_streak_ = 0;
  // BeginSpin ran and EndSpin has not: after a hit the source stays in its "kernel
  // spinning" state across Steps until the loop is about to block.
  bool spin_armed_ = false;
  uint32_t steps_since_probe_ = 0;
  Stats stats_;
};

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_EVENT_LOOP_EVENT_LOOP_H_
