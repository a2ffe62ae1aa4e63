// YieldSpinBudget: how many checks an app makes for the answer to a blocking yield before it
// sleeps (tock_channel.h spin_blocking_yield_checks), adapted per app from what happened to
// its last yields. An answer that found the app still checking was worth the spin; one that
// had to wake it from FUTEX_WAIT was not. After kMaxMisses wasted spins in a row the app
// sleeps at once (no CPU for an app that waits long: an idle app), and every kProbeEvery-th
// yield probes with the full budget again; one hit restores it. Pure logic, host-only.
#ifndef TOCKPP_HOSTKERNEL_PROCESS_YIELD_SPIN_BUDGET_H_
#define TOCKPP_HOSTKERNEL_PROCESS_YIELD_SPIN_BUDGET_H_

#include <cstdint>

namespace tock::hostkernel {

class YieldSpinBudget {
 public:
  static constexpr uint32_t kMaxMisses = 2;
  static constexpr uint32_t kProbeEvery = 16;

  explicit YieldSpinBudget(uint32_t full_checks = 0) : full_(full_checks) {}

  // The budget for the app's next blocking yield.
  uint32_t checks() const {
    if (misses_ < kMaxMisses) {
      return full_;
    }
    return since_probe_ + 1 >= kProbeEvery ? full_ : 0;
  }
  // A blocking yield was answered; `app_was_asleep`: the answer had to wake it.
  void Answered(bool app_was_asleep) {
    const bool probed = misses_ >= kMaxMisses && since_probe_ + 1 >= kProbeEvery;
    if (!app_was_asleep) {
      misses_ = 0;
      since_probe_ = 0;
      return;
    }
    if (misses_ < kMaxMisses) {
      ++misses_;
    }
    since_probe_ = probed ? 0 : since_probe_ + (misses_ >= kMaxMisses ? 1 : 0);
  }

 private:
  uint32_t full_;
  uint32_t misses_ = 0;
  uint32_t since_probe_ = 0;
};

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_PROCESS_YIELD_SPIN_BUDGET_H_
