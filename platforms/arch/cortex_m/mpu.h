// PMSAv7 MPU hardware driver: writes a process's MpuConfig (pmsav7.h) into the MPU at
// 0xE000ED90. Trusted arch code. Reprograms only when a different config (or a changed one)
// is about to run; the kernel keeps its privileged default memory map (PRIVDEFENA).
#ifndef TOCKPP_PLATFORMS_ARCH_CORTEX_M_MPU_H_
#define TOCKPP_PLATFORMS_ARCH_CORTEX_M_MPU_H_

#include <cstddef>
#include <cstdint>

#include "platforms/arch/cortex_m/pmsav7.h"
#include "platforms/arch/cortex_m/registers.h"

namespace tock::cortex_m {

struct MpuType {
  static constexpr Field<uint32_t, MpuType, 0, 1> kSeparate{};
  static constexpr Field<uint32_t, MpuType, 8, 8> kDRegion{};
};
struct MpuCtrl {
  static constexpr Field<uint32_t, MpuCtrl, 0, 1> kEnable{};
  static constexpr Field<uint32_t, MpuCtrl, 1, 1> kHfNmiEna{};
  static constexpr Field<uint32_t, MpuCtrl, 2, 1> kPrivDefEna{};
};
struct MpuRnr {
  static constexpr Field<uint32_t, MpuRnr, 0, 8> kRegion{};
};

struct MpuRegisters {
  ReadOnly<uint32_t, MpuType> type;
  ReadWrite<uint32_t, MpuCtrl> ctrl;
  ReadWrite<uint32_t, MpuRnr> rnr;
  ReadWrite<uint32_t, Rbar> rbar;
  ReadWrite<uint32_t, Rasr> rasr;
};
static_assert(offsetof(MpuRegisters, rasr) == 0x10);

inline constexpr StaticRef<MpuRegisters> kMpu{0xE000ED90};

class Mpu {
 public:
  // Number of data regions the hardware has (8 on Cortex-M4, 0 if there is no MPU).
  [[nodiscard]] static unsigned NumRegions();
  // Program `config` unless it is already the active one; enables the MPU.
  void Configure(const MpuConfig& config);
  // Turn the MPU off (kernel-only execution, e.g. while panicking).
  void Disable();

 private:
  const MpuConfig* active_ = nullptr;
  uint32_t active_id_ = 0;
};

}  // namespace tock::cortex_m

#endif  // TOCKPP_PLATFORMS_ARCH_CORTEX_M_MPU_H_
