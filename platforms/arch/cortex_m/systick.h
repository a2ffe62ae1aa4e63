// SysTick: the 24-bit down-counter the kernel uses as the process timeslice.
// Trusted arch code; the block sits at 0xE000E010. Its exception (15) is handled in
// exceptions.S, which returns to the kernel when it interrupts a process.
#ifndef TOCKPP_PLATFORMS_ARCH_CORTEX_M_SYSTICK_H_
#define TOCKPP_PLATFORMS_ARCH_CORTEX_M_SYSTICK_H_

#include <cstddef>
#include <cstdint>

#include "platforms/arch/cortex_m/registers.h"

namespace tock::cortex_m {

struct SysTickCsr {
  static constexpr Field<uint32_t, SysTickCsr, 0, 1> kEnable{};
  static constexpr Field<uint32_t, SysTickCsr, 1, 1> kTickInt{};
  static constexpr Field<uint32_t, SysTickCsr, 2, 1> kClkSource{};  // 1 = processor clock
  static constexpr Field<uint32_t, SysTickCsr, 16, 1> kCountFlag{};
};
struct SysTickValue {
  static constexpr Field<uint32_t, SysTickValue, 0, 24> kValue{};
};

struct SysTickRegisters {
  ReadWrite<uint32_t, SysTickCsr> csr;
  ReadWrite<uint32_t, SysTickValue> rvr;
  ReadWrite<uint32_t, SysTickValue> cvr;
  ReadOnly<uint32_t> calib;
};
static_assert(offsetof(SysTickRegisters, calib) == 0xC);

inline constexpr StaticRef<SysTickRegisters> kSysTick{0xE000E010};

// Timeslice timer on the processor clock (Tock's SchedulerTimer shape).
class SysTick {
 public:
  explicit constexpr SysTick(uint32_t core_hz) : core_hz_(core_hz) {}

  // Start a one-shot slice of `us` microseconds; its expiry interrupts the running process.
  void Start(uint32_t us);
  // Reload value only (interrupt off): the kernel polls HasExpired() between slices.
  void Arm();
  void Disarm();
  void Reset();
  [[nodiscard]] bool HasExpired() const;
  [[nodiscard]] uint32_t RemainingUs() const;

 private:
  uint32_t core_hz_;
};

}  // namespace tock::cortex_m

#endif  // TOCKPP_PLATFORMS_ARCH_CORTEX_M_SYSTICK_H_
