// RealClock: HostClock on CLOCK_MONOTONIC (`--time=real`); timers are the loop's monotonic
// timers. Time 0 is the moment the clock was constructed. Host-only.
#ifndef TOCKPP_HOSTKERNEL_PERIPHERALS_REAL_CLOCK_H_
#define TOCKPP_HOSTKERNEL_PERIPHERALS_REAL_CLOCK_H_

#include "hostkernel/peripherals/host_clock.h"
#include "hostkernel/peripherals/reactor.h"

namespace tock::hostkernel {

class RealClock final : public HostClock {
 public:
  explicit RealClock(Reactor& reactor) : reactor_(reactor), epoch_ns_(MonotonicNowNs()) {}

  uint64_t NowNs() const override { return MonotonicNowNs() - epoch_ns_; }
  TimerId ScheduleAt(uint64_t deadline_ns, Callback fn) override {
    return reactor_.RunAt(epoch_ns_ + deadline_ns, std::move(fn));
  }
  void Cancel(TimerId id) override { reactor_.CancelTimer(id); }
  bool is_virtual() const override { return false; }

  // The CLOCK_MONOTONIC value that NowNs() == 0 corresponds to.
  uint64_t epoch_ns() const { return epoch_ns_; }

 private:
  Reactor& reactor_;
  uint64_t epoch_ns_;
};

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_PERIPHERALS_REAL_CLOCK_H_
