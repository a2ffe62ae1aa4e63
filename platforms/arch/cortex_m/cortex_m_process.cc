// Cortex-M per-process boundary and MPU.
#include "platforms/arch/cortex_m/cortex_m_process.h"

#include "platforms/arch/cortex_m/scb.h"

namespace tock::cortex_m {

using tock::ErrorCode;
using tock::Result;

Result<void> CortexMProcess::InitializeProcess(uint32_t entry_pc,
                                               const tock::SyscallRegisters& args) {
  // crt0 args: r1 = memory start, r3 = app break. The first frame sits just below the break;
  // crt0 moves the stack where the app wants it.
  memory_start_ = args[1];
  app_break_ = args[3];
  const uint32_t a[4] = {args[0], args[1], args[2], args[3]};
  if (!UserBoundary::StartProcess(state_, memory(), app_break_, entry_pc, a)) {
    runnable_ = false;
    return ErrorCode::kNoMem;
  }
  runnable_ = true;
  return Result<void>::Ok();
}

void CortexMProcess::SetSyscallReturn(const tock::EncodedReturn& ret) {
  HwFrame* f = UserBoundary::FrameOf(state_, memory());
  if (f == nullptr) {
    runnable_ = false;
    return;
  }
  uint32_t* regs = &f->r0;
  for (int i = 0; i < 4; ++i) {
    if (ret.Writes(i)) {
      regs[i] = ret.regs[i];
    }
  }
}

void CortexMProcess::SetUpcall(uint32_t fn, const tock::SyscallRegisters& args) {
  const uint32_t a[4] = {args[0], args[1], args[2], args[3]};
  if (!UserBoundary::DeliverUpcall(state_, memory(), fn, a)) {
    runnable_ = false;
  }
}

Result<void> CortexMProcess::ConfigureProcess(const tock::MpuLayout& layout) {
  MpuConfig next;
  next.id = mpu_.id + 1;
  if (!SetFlashRegion(layout.flash_start, layout.flash_size, next) ||
      !SetRamRegion(layout.memory_start, layout.memory_len, layout.app_break, layout.kernel_break,
                    next)) {
    return ErrorCode::kNoMem;
  }
  mpu_ = next;
  ++mpu_.id;
  memory_start_ = layout.memory_start;
  app_break_ = layout.app_break;
  return Result<void>::Ok();
}

Result<void> CortexMProcess::UpdateBreaks(uint32_t app_break, uint32_t kernel_break) {
  if (!UpdateAppMemory(app_break, kernel_break, mpu_)) {
    return ErrorCode::kNoMem;
  }
  app_break_ = app_break;
  return Result<void>::Ok();
}

SwitchResult CortexMProcess::Run() { return UserBoundary::SwitchToProcess(state_, memory()); }

tock::FaultInfo CortexMProcess::ToKernelFault(const SwitchResult& r) const {
  tock::FaultInfo info;
  if (r.reason == SwitchReason::kBadStack) {
    info.kind = tock::FaultKind::kMemory;
    info.address_valid = true;
    info.address = state_.psp;
    return info;
  }
  const FaultInfo& f = r.fault;
  if (f.exception == 4 || f.exception == 5) {
    info.kind = tock::FaultKind::kMemory;
  } else if (f.exception == 6) {
    info.kind = tock::FaultKind::kIllegalInstruction;
  } else {
    info.kind = tock::FaultKind::kOther;
  }
  if (Cfsr::kMmarValid.Read(f.cfsr)) {
    info.address_valid = true;
    info.address = f.mmfar;
  } else if (Cfsr::kBfarValid.Read(f.cfsr)) {
    info.address_valid = true;
    info.address = f.bfar;
  }
  if (const HwFrame* frame = UserBoundary::FrameOf(state_, memory())) {
    info.pc = frame->pc;
  }
  return info;
}

}  // namespace tock::cortex_m
