// MainLoop: the bounded drain / schedule / idle / block turn of tockd.
#include "hostkernel/daemon/main_loop.h"

#include <utility>

namespace tock::hostkernel {

MainLoop::MainLoop(Hooks hooks, Limits limits) : hooks_(std::move(hooks)), limits_(limits) {
  if (limits_.drain_rounds < 1) {
    limits_.drain_rounds = 1;
  }
  if (limits_.deferred_calls_per_round < 1) {
    limits_.deferred_calls_per_round = 1;
  }
}

bool MainLoop::ServiceDeferredCalls() {
  bool any = false;
  for (int i = 0; i < limits_.deferred_calls_per_round && hooks_.service_deferred_call(); ++i) {
    any = true;
  }
  return any;
}

MainLoop::Exit MainLoop::Run() {
  // No schedule() before the first drain: the work the boot left (deferred calls, posted
  // completions) is done before any app runs, so it never races an app's first syscall.
  while (!hooks_.finished()) {
    ++stats_.turns;
    // Drain ready work, but at most drain_rounds rounds before the scheduler gets its turn.
    bool work_left = false;
    for (int round = 0;; ++round) {
      if (hooks_.finished()) {
        return Exit::kFinished;
      }
      if (round == limits_.drain_rounds) {
        work_left = true;
        ++stats_.drains_cut_short;
        break;
      }
      // All run every round (no short-circuit); a replayed stop ends the turn at once, as the
      // recorded stop did.
      const bool injected = InjectInputs();
      if (injected && hooks_.finished()) {
        return Exit::kFinished;
      }
      const bool stepped = hooks_.step(/*block=*/false);
      if (!(ServiceDeferredCalls() | stepped | injected)) {
        break;
      }
    }
    hooks_.schedule();
    if (InjectInputs() || work_left || hooks_.resume_pending()) {
      continue;
    }
    if (hooks_.deferred_call_pending && hooks_.deferred_call_pending()) {
      continue;
    }
    if (hooks_.idle()) {
      if (hooks_.advance_virtual_time && hooks_.advance_virtual_time()) {
        continue;
      }
      if (hooks_.nothing_can_wake && hooks_.nothing_can_wake()) {
        return Exit::kDone;
      }
    }
    ++stats_.blocking_steps;
    hooks_.step(/*block=*/true);
    ServiceDeferredCalls();
    hooks_.schedule();
    InjectInputs();
  }
  return Exit::kFinished;
}

}  // namespace tock::hostkernel
