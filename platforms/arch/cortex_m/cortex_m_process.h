// Cortex-M implementation of the kernel's per-process platform interfaces: the
// UserspaceKernelBoundary (stacked-frame registers, via user_boundary.h) and the Mpu (a PMSAv7
// MpuConfig, via pmsav7.h). One object per process slot, owned by the board. Trusted arch code:
// touches process memory only through the checked frame accessors.
#ifndef TOCKPP_PLATFORMS_ARCH_CORTEX_M_CORTEX_M_PROCESS_H_
#define TOCKPP_PLATFORMS_ARCH_CORTEX_M_CORTEX_M_PROCESS_H_

#include <cstdint>

#include "kernel/fault_policy.h"
#include "kernel/mpu.h"
#include "kernel/userspace_kernel_boundary.h"
#include "platforms/arch/cortex_m/pmsav7.h"
#include "platforms/arch/cortex_m/user_boundary.h"

namespace tock::cortex_m {

class CortexMProcess final : public tock::UserspaceKernelBoundary, public tock::Mpu {
 public:
  CortexMProcess() = default;
  CortexMProcess(const CortexMProcess&) = delete;
  CortexMProcess& operator=(const CortexMProcess&) = delete;

  // tock::UserspaceKernelBoundary
  tock::Result<void> InitializeProcess(uint32_t entry_pc,
                                       const tock::SyscallRegisters& args) override;
  void SetSyscallReturn(const tock::EncodedReturn& ret) override;
  void SetUpcall(uint32_t fn, const tock::SyscallRegisters& args) override;
  void ProcessTerminated() override { runnable_ = false; }

  // tock::Mpu
  tock::Result<void> ConfigureProcess(const tock::MpuLayout& layout) override;
  tock::Result<void> UpdateBreaks(uint32_t app_break, uint32_t kernel_break) override;

  // Runs the process until it traps (the board's MPU must hold mpu_config() already).
  SwitchResult Run();
  // False after ProcessTerminated or a failed frame write (the kernel must fault it).
  [[nodiscard]] bool runnable() const { return runnable_; }
  [[nodiscard]] const MpuConfig& mpu_config() const { return mpu_; }
  [[nodiscard]] const StoredState& state() const { return state_; }
  [[nodiscard]] ProcessMemory memory() const { return {memory_start_, app_break_}; }

  // The kernel's view of a Cortex-M fault (kind, address, pc).
  [[nodiscard]] tock::FaultInfo ToKernelFault(const SwitchResult& r) const;

 private:
  StoredState state_;
  MpuConfig mpu_;
  uint32_t memory_start_ = 0;
  uint32_t app_break_ = 0;
  bool runnable_ = false;
};

}  // namespace tock::cortex_m

#endif  // TOCKPP_PLATFORMS_ARCH_CORTEX_M_CORTEX_M_PROCESS_H_
