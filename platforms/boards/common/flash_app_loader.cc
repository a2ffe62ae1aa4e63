// TBF discovery in flash and process loading.
#include "platforms/boards/common/flash_app_loader.h"

#include "kernel/tbf_loading.h"

namespace tockpp::boards {
namespace {

void Log(LoadLog log, const char* s) {
  size_t n = 0;
  while (s[n] != '\0') ++n;
  if (log != nullptr) log(s, n);
}

// TBF base header: total_size is the little-endian u32 at offset 4 (tbf-format.md §1).
uint32_t TotalSize(const uint8_t* tbf) {
  return uint32_t{tbf[4]} | uint32_t{tbf[5]} << 8 | uint32_t{tbf[6]} << 16 | uint32_t{tbf[7]} << 24;
}

}  // namespace

LoadReport LoadFlashApps(uint32_t apps_start, uint32_t apps_end, tock::Kernel& kernel,
                         cortex_m::AppMemoryAllocator& memory,
                         std::span<cortex_m::CortexMProcess> processes,
                         std::span<tock::TbfDescription> descriptions,
                         const tock::FaultPolicy& policy,
                         const tock::ProcessManagementCapability& cap, LoadLog log) {
  LoadReport report;
  uint32_t at = apps_start;
  while (at < apps_end && report.found < descriptions.size() && report.found < processes.size()) {
    const auto* bytes = reinterpret_cast<const uint8_t*>(static_cast<uintptr_t>(at));
    auto described = tock::DescribeTbf(std::span<const uint8_t>(bytes, apps_end - at),
                                       tock::kFlashAddressOfImage);
    if (!described.ok()) {
      // Padding objects are skipped; anything else (erased flash, zeros) ends the scan.
      const uint32_t size = TotalSize(bytes);
      if (described.error() != tock::ErrorCode::kNoSupport || size == 0) break;
      at += size;
      continue;
    }
    if (described.value().total_size == 0) break;
    at += described.value().total_size;
    tock::TbfDescription& d = descriptions[report.found];
    cortex_m::CortexMProcess& proc = processes[report.found];
    ++report.found;
    d = described.value();
    Log(log, "Loading process ");
    if (log != nullptr) log(d.package_name, d.package_name_len);
    tock::ProcessPlatform platform{memory, proc, proc};
    auto loaded = kernel.LoadProcess(d, platform, policy, cap);
    if (loaded.ok()) {
      ++report.loaded;
      Log(log, "\r\n");
    } else {
      Log(log, ": not loaded\r\n");
    }
  }
  return report;
}

}  // namespace tockpp::boards
