// MainLoop: tockd's outer loop. Each turn drains ready work (event-loop callbacks and deferred
// calls), lets the scheduler (HostRunner::Schedule) run the next process, jumps virtual time
// when every process is idle, and blocks only when nothing is left to do.
//
// The drain is bounded: after Limits::drain_rounds non-blocking rounds that all did work the
// scheduler runs anyway, so a source that always reports work (an fd that stays readable, a
// deferred call that re-arms itself, a timer that re-posts itself) can slow the kernel down but
// never keep the scheduler from running. Host-only; loop thread only.
#ifndef TOCKPP_HOSTKERNEL_DAEMON_MAIN_LOOP_H_
#define TOCKPP_HOSTKERNEL_DAEMON_MAIN_LOOP_H_

#include <cstdint>
#include <functional>

namespace tock::hostkernel {

class MainLoop {
 public:
  // What the loop drives. Optional hooks may be left empty.
  struct Hooks {
    // One pass over the event loop (EventLoop::Step): with `block`, waits for work first.
    // True if any work was done.
    std::function<bool(bool block)> step;
    // Runs one pending deferred call; false if none was pending.
    std::function<bool()> service_deferred_call;
    // Optional: a deferred call is pending (the loop then does not block).
    std::function<bool()> deferred_call_pending;
    // The scheduler: resumes the next process if none is running (HostRunner::Schedule).
    std::function<void()> schedule;
    // The running process's syscall is done and it waits to be resumed (resume_pending()).
    std::function<bool()> resume_pending;
    // No process runs and none can run now.
    std::function<bool()> idle;
    // Optional, virtual time: jumps the clock to the next deadline; true if it jumped.
    std::function<bool()> advance_virtual_time;
    // Optional, --exit-when-done: true if nothing can ever wake a process again (asked only
    // when idle() and virtual time could not advance).
    std::function<bool()> nothing_can_wake;
    // Stop now (signal, --exit-after, kernel panic, ...).
    std::function<bool()> finished;
    // Optional (--record, --replay): the kernel has nothing ready (drained, scheduled, no
    // resume or deferred call pending) and is about to idle or block. Delivers at most one
    // outside input and returns true if it did; the loop then drains its work before asking
    // again. Inputs that meet the kernel only here meet it in the same state in a replay.
    std::function<bool()> at_quiet_point;
    // Optional: the last turn is over; after this call no app syscall is taken (tockd holds
    // the scheduler), and the loop drains the kernel work already started before Run returns.
    std::function<void()> stopping;
  };
  struct Limits {
    // Non-blocking rounds (one Step plus deferred calls) before the scheduler runs regardless.
    int drain_rounds = 32;
    // Deferred calls serviced per round.
    int deferred_calls_per_round = 32;
  };
  enum class Exit {
    kFinished,  // finished() became true
    kDone,      // idle and nothing_can_wake()
  };
  struct Stats {
    uint64_t turns = 0;
    uint64_t drains_cut_short = 0;  // the scheduler ran while work was still ready
    uint64_t blocking_steps = 0;
  };

  // Rounds of the drain before the first schedule() (the boot's own work), and of deferred
  // calls after the last turn.
  static constexpr int kBootDrainRounds = 1000;

  explicit MainLoop(Hooks hooks) : MainLoop(std::move(hooks), Limits{}) {}
  MainLoop(Hooks hooks, Limits limits);

  // Turns until finished() or, when idle, nothing_can_wake(); the first turn drains the work
  // the boot left before the scheduler first runs.
  Exit Run();
  const Stats& stats() const { return stats_; }

 private:
  // Run() without its ending.
  Exit Turn();
  bool ServiceDeferredCalls();
  bool AtQuietPoint() { return hooks_.at_quiet_point && hooks_.at_quiet_point(); }

  Hooks hooks_;
  Limits limits_;
  Stats stats_;
};

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_DAEMON_MAIN_LOOP_H_
