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
  const Exit exit = Turn();
  // The kernel work already started is finished, wherever in a turn the stop came, so that a
  // run and its replay end in the same state; the scheduler takes no new syscall meanwhile.
  if (hooks_.stopping) {
    hooks_.stopping();
    for (int round = 0; round < kBootDrainRounds; ++round) {
      const bool stepped = hooks_.step(/*block=*/false);
      if (!(ServiceDeferredCalls() | stepped)) {
        break;
      }
    }
  }
  return exit;
}

MainLoop::Exit MainLoop::Turn() {
  // The work the boot left (deferred calls, posted completions: e.g. the process console's
  // banner, line by line) is done before any app runs, so that it never races an app's first
  // syscall. Bounded all the same, against a source that never stops reporting work.
  for (int round = 0; round < kBootDrainRounds && !hooks_.finished(); ++round) {
    const bool stepped = hooks_.step(/*block=*/false);
    if (!(ServiceDeferredCalls() | stepped)) {
      break;
    }
  }
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
      // Both run every round (no short-circuit).
      const bool stepped = hooks_.step(/*block=*/false);
      if (!(ServiceDeferredCalls() | stepped)) {
        break;
      }
    }
    hooks_.schedule();
    if (work_left || hooks_.resume_pending()) {
      continue;
    }
    if (hooks_.deferred_call_pending && hooks_.deferred_call_pending()) {
      continue;
    }
    if (AtQuietPoint()) {
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
  }
  return Exit::kFinished;
}

}  // namespace tock::hostkernel
