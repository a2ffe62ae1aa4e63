// tock::ProcessMemory for Cortex-M boards: carves process RAM out of the board's app RAM range
// in blocks the PMSAv7 MPU can protect (power-of-two size, aligned to half of it: two regions
// as upstream Tock; grant region in the
// top subregions). Addresses are identity-mapped: the kernel pointer is the app address.
#ifndef TOCKPP_PLATFORMS_ARCH_CORTEX_M_APP_MEMORY_ALLOCATOR_H_
#define TOCKPP_PLATFORMS_ARCH_CORTEX_M_APP_MEMORY_ALLOCATOR_H_

#include <cstdint>

#include "kernel/process_memory.h"

namespace tock::cortex_m {

class AppMemoryAllocator final : public tock::ProcessMemory {
 public:
  constexpr AppMemoryAllocator(uint32_t start, uint32_t end) : next_(start), end_(end) {}

  tock::Result<tock::MemoryAllocation> Allocate(const tock::MemoryRequest& request) override;

  [[nodiscard]] uint32_t next_free() const { return next_; }

 private:
  uint32_t next_;
  uint32_t end_;
};

}  // namespace tock::cortex_m

#endif  // TOCKPP_PLATFORMS_ARCH_CORTEX_M_APP_MEMORY_ALLOCATOR_H_
