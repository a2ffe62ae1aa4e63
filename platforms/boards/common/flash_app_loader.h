// Finds the TBF apps stored back to back in a board's apps flash region (as upstream Tock does)
// and loads each into the kernel with one CortexMProcess per slot. Stops at the first byte
// range that is not a valid TBF (erased flash, zeros); skips padding TBFs.
// Trusted board code: takes the ProcessManagementCapability.
#ifndef PLATFORMS_BOARDS_COMMON_FLASH_APP_LOADER_H_
#define PLATFORMS_BOARDS_COMMON_FLASH_APP_LOADER_H_

#include <cstddef>
#include <cstdint>
#include <span>

#include "kernel/capabilities.h"
#include "kernel/fault_policy.h"
#include "kernel/kernel.h"
#include "kernel/tbf_description.h"
#include "platforms/arch/cortex_m/app_memory_allocator.h"
#include "platforms/arch/cortex_m/cortex_m_process.h"

namespace tockpp::boards {

struct LoadReport {
  size_t found = 0;   // TBFs seen (not counting padding)
  size_t loaded = 0;  // accepted by the kernel
};

// Writes progress lines ("Loading process <name>") and errors through `log`.
using LoadLog = void (*)(const char* text, size_t len);

// `descriptions` and `processes` must outlive the kernel (restart reuses them).
LoadReport LoadFlashApps(uint32_t apps_start, uint32_t apps_end, tock::Kernel& kernel,
                         cortex_m::AppMemoryAllocator& memory,
                         std::span<cortex_m::CortexMProcess> processes,
                         std::span<tock::TbfDescription> descriptions,
                         const tock::FaultPolicy& policy,
                         const tock::ProcessManagementCapability& cap, LoadLog log);

}  // namespace tockpp::boards

#endif  // PLATFORMS_BOARDS_COMMON_FLASH_APP_LOADER_H_
