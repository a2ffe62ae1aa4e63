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
    // Optional (--replay): hands over the recorded inputs due now; true if there were any.
    // Asked before every drain round and after every schedule(), so that an input recorded
    // while an app ran is injected after that app was resumed, and one recorded in the kernel
    // before it.
    std::function<bool()> inject_inputs;
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

  explicit MainLoop(Hooks hooks) : MainLoop(std::move(hooks), Limits{}) {}
  MainLoop(Hooks hooks, Limits limits);

  // Turns until finished() or, when idle, nothing_can_wake(); the first turn drains the work
  // the boot left before the scheduler first runs.
  Exit Run();
  const Stats& stats() const { return stats_; }

 private:
  bool ServiceDeferredCalls();
  bool InjectInputs() { return hooks_.inject_inputs && hooks_.inject_inputs(); }

  Hooks hooks_;
  Limits limits_;
  Stats stats_;
};

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_DAEMON_MAIN_LOOP_H_
