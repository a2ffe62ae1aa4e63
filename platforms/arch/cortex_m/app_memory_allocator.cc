// PMSAv7-shaped process RAM allocation.
#include "platforms/arch/cortex_m/app_memory_allocator.h"

#include "platforms/arch/cortex_m/pmsav7.h"

namespace tock::cortex_m {
namespace {

// Cortex-M's exception frame (8 words): upstream's initial_process_app_brk_size.
inline constexpr uint64_t kInitialFrameBytes = 32;

}  // namespace

tock::Result<tock::MemoryAllocation> AppMemoryAllocator::Allocate(
    const tock::MemoryRequest& request) {
  if (request.fixed_ram_address != tock::kNoFixedAddress) {
    return tock::ErrorCode::kNoSupport;
  }
  if (next_ >= end_) {
    return tock::ErrorCode::kNoMem;
  }
  // Like upstream, the initial break is the block start plus the app's initial size (here the
  // TBF minimum RAM, 8-byte aligned, at least the 32-byte exception frame), not rounded: the
  // MPU then opens one subregion past it (AllocateAppMemory).
  uint64_t app = (uint64_t{request.min_app_ram} + 7) & ~uint64_t{7};
  if (app < kInitialFrameBytes) {
    app = kInitialFrameBytes;
  }
  if (app + request.kernel_ram > end_ - next_) {
    return tock::ErrorCode::kNoMem;
  }
  MpuConfig scratch;
  auto layout = AllocateAppMemory(next_, end_ - next_, 0, static_cast<uint32_t>(app),
                                  request.kernel_ram, scratch);
  if (!layout) {
    return tock::ErrorCode::kNoMem;
  }
  tock::MemoryAllocation a;
  a.memory_start = layout->start;
  a.memory_len = layout->size;
  a.initial_app_break = layout->start + static_cast<uint32_t>(app);
  a.ram = reinterpret_cast<uint8_t*>(static_cast<uintptr_t>(layout->start));
  a.flash = request.tbf != nullptr ? request.tbf->image : nullptr;
  next_ = layout->start + layout->size;
  return a;
}

}  // namespace tock::cortex_m
