// PMSAv7 MPU programming.
#include "platforms/arch/cortex_m/mpu.h"

namespace tock::cortex_m {

unsigned Mpu::NumRegions() { return kMpu->type.Read(MpuType::kDRegion); }

void Mpu::Configure(const MpuConfig& config) {
  if (active_ == &config && active_id_ == config.id) {
    return;
  }
  asm volatile("dmb" ::: "memory");
  kMpu->ctrl.Write(MpuCtrl::kEnable.Clear());
  for (unsigned i = 0; i < kMpuRegions; ++i) {
    const MpuRegion& r = config.regions[i];
    kMpu->rnr.Write(MpuRnr::kRegion.Val(i));
    kMpu->rasr.Set(0);  // disable before moving the base
    kMpu->rbar.Write(Rbar::kAddr.Val(r.base() >> 5));
    kMpu->rasr.Set(r.rasr);
  }
  kMpu->ctrl.Write(MpuCtrl::kEnable.Set() + MpuCtrl::kPrivDefEna.Set());
  asm volatile("dsb\n isb" ::: "memory");
  active_ = &config;
  active_id_ = config.id;
}

void Mpu::Disable() {
  kMpu->ctrl.Write(MpuCtrl::kEnable.Clear());
  asm volatile("dsb\n isb" ::: "memory");
  active_ = nullptr;
}

}  // namespace tock::cortex_m
