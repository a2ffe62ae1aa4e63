// ChildState: the transition table; see child_state.h.
#include "hostkernel/process/child_state.h"

namespace tock::hostkernel {

const char* ChildPhaseName(ChildPhase phase) {
  switch (phase) {
    case ChildPhase::kSpawning:
      return "spawning";
    case ChildPhase::kReady:
      return "ready";
    case ChildPhase::kRunning:
      return "running";
    case ChildPhase::kInKernel:
      return "in-kernel";
    case ChildPhase::kExited:
      return "exited";
  }
  return "?";
}

const char* ChildEventName(ChildEvent event) {
  switch (event) {
    case ChildEvent::kHandshake:
      return "handshake";
    case ChildEvent::kRequest:
      return "request";
    case ChildEvent::kAnswer:
      return "answer";
    case ChildEvent::kKernelStop:
      return "kernel-stop";
    case ChildEvent::kKernelContinue:
      return "kernel-continue";
    case ChildEvent::kStoppedOutside:
      return "stopped-outside";
    case ChildEvent::kContinuedOutside:
      return "continued-outside";
    case ChildEvent::kExit:
      return "exit";
  }
  return "?";
}

std::optional<ChildState> ChildState::Next(ChildEvent event) const {
  if (phase_ == ChildPhase::kExited) {
    return std::nullopt;  // nothing happens after the end
  }
  ChildState next = *this;
  switch (event) {
    case ChildEvent::kHandshake:
      if (phase_ != ChildPhase::kSpawning) {
        return std::nullopt;
      }
      next.phase_ = ChildPhase::kReady;
      return next;
    case ChildEvent::kRequest:
      if (phase_ != ChildPhase::kRunning) {
        return std::nullopt;
      }
      next.phase_ = ChildPhase::kInKernel;
      return next;
    case ChildEvent::kAnswer:
      if (!awaiting_kernel()) {
        return std::nullopt;
      }
      next.phase_ = ChildPhase::kRunning;
      return next;
    case ChildEvent::kKernelStop:
      // The launcher (kSpawning, kReady) is trusted and only waits: it is never stopped, so a
      // preemption can never leave a launch half done.
      if (!app_code_may_run() || stopped_by_kernel_) {
        return std::nullopt;
      }
      next.stopped_by_kernel_ = true;
      return next;
    case ChildEvent::kKernelContinue:
      if (!stopped_by_kernel_) {
        return std::nullopt;
      }
      next.stopped_by_kernel_ = false;
      return next;
    case ChildEvent::kStoppedOutside:
      if (stopped_from_outside_) {
        return std::nullopt;
      }
      next.stopped_from_outside_ = true;
      return next;
    case ChildEvent::kContinuedOutside:
      if (!stopped_from_outside_) {
        return std::nullopt;
      }
      next.stopped_from_outside_ = false;
      return next;
    case ChildEvent::kExit:
      next = ChildState();
      next.phase_ = ChildPhase::kExited;
      return next;
  }
  return std::nullopt;
}

bool ChildState::Apply(ChildEvent event) {
  std::optional<ChildState> next = Next(event);
  if (!next) {
    return false;
  }
  *this = *next;
  return true;
}

}  // namespace tock::hostkernel
