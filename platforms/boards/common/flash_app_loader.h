// Finds the TBF apps stored back to back in a board's apps flash region (as upstream Tock does)
// and loads each into the kernel with one CortexMProcess per slot. Skips padding TBFs; stops at
// erased flash or zeros, or at a header whose total_size cannot be trusted. Every app is
// announced with "Loading process <name>"; one that is not loaded gets the reason on the same
// line (": not loaded: <reason>"): malformed header, unaccepted kernel version, no free process
// slot, flash region not aligned for the MPU, not enough RAM, or the kernel's refusal.
// Trusted board code: takes the ProcessManagementCapability.
#ifndef TOCKPP_PLATFORMS_BOARDS_COMMON_FLASH_APP_LOADER_H_
#define TOCKPP_PLATFORMS_BOARDS_COMMON_FLASH_APP_LOADER_H_

#include <cstddef>
#include <cstdint>
#include <span>

#include "kernel/capabilities.h"
#include "kernel/fault_policy.h"
#include "kernel/kernel.h"
#include "kernel/tbf_description.h"
#include "platforms/arch/cortex_m/app_memory_allocator.h"
#include "platforms/arch/cortex_m/cortex_m_process.h"

namespace tock::boards {

struct LoadReport {
  size_t found = 0;   // TBFs seen (not counting padding)
  size_t loaded = 0;  // accepted by the kernel
};

// Receives each complete line (ending "\r\n") of the load report; may be nullptr.
using LoadLog = void (*)(const char* text, size_t len);

// `descriptions` and `processes` must outlive the kernel (restart reuses them).
LoadReport LoadFlashApps(uint32_t apps_start, uint32_t apps_end, tock::Kernel& kernel,
                         cortex_m::AppMemoryAllocator& memory,
                         std::span<cortex_m::CortexMProcess> processes,
                         std::span<tock::TbfDescription> descriptions,
                         const tock::FaultPolicy& policy,
                         const tock::ProcessManagementCapability& cap, LoadLog log);

}  // namespace tock::boards

#endif  // TOCKPP_PLATFORMS_BOARDS_COMMON_FLASH_APP_LOADER_H_
