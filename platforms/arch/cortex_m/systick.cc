// SysTick timeslice timer.
#include "platforms/arch/cortex_m/systick.h"

namespace tock::cortex_m {

void SysTick::Start(uint32_t us) {
  uint64_t ticks = static_cast<uint64_t>(us) * core_hz_ / 1'000'000u;
  if (ticks > SysTickValue::kValue.kMask) {
    ticks = SysTickValue::kValue.kMask;
  }
  if (ticks == 0) {
    ticks = 1;
  }
  kSysTick->csr.Write(SysTickCsr::kEnable.Clear());
  kSysTick->rvr.Write(SysTickValue::kValue.Val(static_cast<uint32_t>(ticks)));
  kSysTick->cvr.Set(0);  // any write clears the counter and COUNTFLAG
  kSysTick->csr.Write(SysTickCsr::kClkSource.Set() + SysTickCsr::kEnable.Set());
}

void SysTick::Arm() { kSysTick->csr.Modify(SysTickCsr::kTickInt.Set()); }

void SysTick::Disarm() { kSysTick->csr.Modify(SysTickCsr::kTickInt.Clear()); }

void SysTick::Reset() {
  kSysTick->csr.Set(0);
  kSysTick->rvr.Set(0);
  kSysTick->cvr.Set(0);
}

bool SysTick::HasExpired() const {
  // The SysTick handler (exceptions.S) stops the counter when the slice ends; COUNTFLAG covers
  // an expiry while the interrupt was masked.
  return !kSysTick->csr.IsSet(SysTickCsr::kEnable) || kSysTick->csr.IsSet(SysTickCsr::kCountFlag);
}

uint32_t SysTick::RemainingUs() const {
  uint64_t ticks = kSysTick->cvr.Read(SysTickValue::kValue);
  return static_cast<uint32_t>(ticks * 1'000'000u / core_hz_);
}

}  // namespace tock::cortex_m
