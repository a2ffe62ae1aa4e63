// PMSAv7-shaped process RAM allocation.
#include "platforms/arch/cortex_m/app_memory_allocator.h"

#include "platforms/arch/cortex_m/pmsav7.h"

namespace tockpp::cortex_m {

tock::Result<tock::MemoryAllocation> AppMemoryAllocator::Allocate(
    const tock::MemoryRequest& request) {
  if (request.fixed_ram_address != tock::kNoFixedAddress) return tock::ErrorCode::kNoSupport;
  if (next_ >= end_) return tock::ErrorCode::kNoMem;
  MpuConfig scratch;
  auto layout =
      AllocateAppMemory(next_, end_ - next_, 0, request.min_app_ram, request.kernel_ram, scratch);
  if (!layout) return tock::ErrorCode::kNoMem;
  // Give the app every byte of the subregions it can reach anyway.
  const uint32_t sub = layout->size / 8;
  uint32_t app = (request.min_app_ram + sub - 1) / sub * sub;
  if (app == 0) app = sub;
  tock::MemoryAllocation a;
  a.memory_start = layout->start;
  a.memory_len = layout->size;
  a.initial_app_break = layout->start + app;
  a.ram = reinterpret_cast<uint8_t*>(static_cast<uintptr_t>(layout->start));
  a.flash = request.tbf != nullptr ? request.tbf->image : nullptr;
  next_ = layout->start + layout->size;
  return a;
}

}  // namespace tockpp::cortex_m
