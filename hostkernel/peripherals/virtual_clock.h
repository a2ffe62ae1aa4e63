// VirtualClock: HostClock for `--time=virtual`. Time never follows the wall clock: the
// scheduler charges fixed costs while apps run (kSyscallCostNs per syscall, kTimesliceCostNs
// per expired timeslice, kFaultCostNs per fault) and, when every process is idle, calls
// AdvanceToNextDeadline() to jump straight to the earliest timer. Due timers run from one Post()ed
// dispatch on the loop, in deadline order (registration order on ties). Host-only; loop thread
// only.
#ifndef TOCKPP_HOSTKERNEL_PERIPHERALS_VIRTUAL_CLOCK_H_
#define TOCKPP_HOSTKERNEL_PERIPHERALS_VIRTUAL_CLOCK_H_

#include <cstdint>
#include <map>
#include <optional>
#include <utility>

#include "hostkernel/peripherals/host_clock.h"
#include "hostkernel/peripherals/reactor.h"

namespace tock::hostkernel {

class VirtualClock final : public HostClock {
 public:
  // Documented fixed costs (issue 8): what one syscall and one expired timeslice (the default
  // 10 ms quantum) are worth in virtual time.
  static constexpr uint64_t kSyscallCostNs = 1'000;         // 1 us
  static constexpr uint64_t kTimesliceCostNs = 10'000'000;  // 10 ms
  // A process fault (and the restart its policy may bring): a loop of faults that makes no
  // syscall would otherwise freeze virtual time for every other process.
  static constexpr uint64_t kFaultCostNs = 1'000'000;  // 1 ms

  explicit VirtualClock(Reactor& reactor, uint64_t start_ns = 0)
      : reactor_(reactor), now_ns_(start_ns) {}

  uint64_t NowNs() const override { return now_ns_; }
  TimerId ScheduleAt(uint64_t deadline_ns, Callback fn) override;
  void Cancel(TimerId id) override;
  bool is_virtual() const override { return true; }

  // Moves time forward by `ns`; timers that became due run later on the loop.
  void Advance(uint64_t ns);
  void ChargeSyscall() { Advance(kSyscallCostNs); }
  void ChargeTimeslice() { Advance(kTimesliceCostNs); }
  void ChargeFault() { Advance(kFaultCostNs); }

  // The earliest pending deadline, if any.
  std::optional<uint64_t> NextDeadline() const;
  // All processes are idle: jump to the earliest pending deadline (never backwards) and
  // schedule its dispatch. Returns false (time unchanged) if no timer is pending, i.e. the
  // system would sleep forever in virtual time.
  bool AdvanceToNextDeadline();

  size_t pending_timers() const { return timers_.size(); }

 private:
  void ScheduleDispatch();
  void RunDue();

  Reactor& reactor_;
  uint64_t now_ns_;
  TimerId next_id_ = 1;
  std::map<std::pair<uint64_t, TimerId>, Callback> timers_;
  std::map<TimerId, uint64_t> deadlines_;
  bool dispatch_posted_ = false;
  LifetimeGuard guard_;
};

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_PERIPHERALS_VIRTUAL_CLOCK_H_
