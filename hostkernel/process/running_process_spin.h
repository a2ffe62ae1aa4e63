// RunningProcessSpin: the running app's channel as the event loop's spin source, and the one
// place that turns channel activity of a HostProcess into a handler call. tockd sets the
// process it released with set_running(); the loop then spins on that channel before
// blocking, and the eventfd callback of every process calls Poll(host) for the slow path.
// HostProcess objects must outlive it (they are per-slot, like the board's statics).
#ifndef TOCKPP_HOSTKERNEL_PROCESS_RUNNING_PROCESS_SPIN_H_
#define TOCKPP_HOSTKERNEL_PROCESS_RUNNING_PROCESS_SPIN_H_

#include <functional>

#include "hostkernel/event_loop/event_loop.h"
#include "hostkernel/process/host_process.h"

namespace tock::hostkernel {

class RunningProcessSpin final : public SpinSource {
 public:
  // Called for every channel event (kLaunched, kSyscall, kProtocolViolation) of any process.
  using Handler =
      std::function<void(HostProcess& host, HostProcess::Event event, const HostProcess::Trap&)>;

  explicit RunningProcessSpin(Handler handler) : handler_(std::move(handler)) {}

  // The process whose channel the loop spins on (nullptr: none runs).
  void set_running(HostProcess* host) { running_ = host; }
  HostProcess* running() const { return running_; }

  // Slow path, from a process's eventfd callback: drains the eventfd, then polls.
  bool Poll(HostProcess& host) {
    if (host.child() == nullptr) {
      return false;
    }
    host.child()->DrainEventfd();
    return PollOnce(host);
  }

  // SpinSource
  void BeginSpin() override {
    spinning_ = running_;
    if (spinning_ != nullptr && spinning_->child() != nullptr) {
      spinning_->child()->BeginSpin();
    }
  }
  bool SpinPoll() override { return running_ != nullptr && PollOnce(*running_); }
  void EndSpin() override {
    // Even if a handler switched the running process or replaced this one's child during
    // the spin, "kernel blocked" (kernel_waiting = 1) is the state that is always safe.
    if (spinning_ != nullptr && spinning_->child() != nullptr) {
      spinning_->child()->EndSpin();
    }
    spinning_ = nullptr;
  }

 private:
  bool PollOnce(HostProcess& host) {
    HostProcess::Trap trap;
    HostProcess::Event e = host.Poll(&trap);
    if (e == HostProcess::Event::kNone) {
      return false;
    }
    handler_(host, e, trap);
    return true;
  }

  Handler handler_;
  HostProcess* running_ = nullptr;
  HostProcess* spinning_ = nullptr;
};

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_PROCESS_RUNNING_PROCESS_SPIN_H_
