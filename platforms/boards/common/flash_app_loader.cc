// TBF discovery in flash and process loading.
#include "platforms/boards/common/flash_app_loader.h"

#include "tbf-tools/lib/process_load_info.h"

namespace tockpp::boards {
namespace {

void Log(LoadLog log, const char* s) {
  size_t n = 0;
  while (s[n] != '\0') ++n;
  if (log != nullptr) log(s, n);
}

tock::TbfDescription Describe(const tbf::ProcessLoadInfo& info) {
  tock::TbfDescription d;
  d.image = info.flash_start;
  d.flash_address = static_cast<uint32_t>(reinterpret_cast<uintptr_t>(info.flash_start));
  d.total_size = info.flash_size;
  d.header_size = info.header_size;
  d.protected_trailer_size = info.protected_trailer_size;
  d.init_fn_offset = info.init_fn_offset;
  d.minimum_ram_size = info.minimum_ram_size;
  d.package_name = info.package_name;
  d.package_name_len = info.package_name_len;
  d.fixed_ram_address = info.has_fixed_ram ? info.fixed_ram_address : tock::kNoFixedAddress;
  d.fixed_flash_address = info.has_fixed_flash ? info.fixed_flash_address : tock::kNoFixedAddress;
  d.enabled = info.enabled;
  return d;
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
    auto parsed = tbf::ParseForLoading(std::span<const uint8_t>(bytes, apps_end - at));
    if (!parsed.ok() || parsed.value().flash_size == 0) break;
    const tbf::ProcessLoadInfo& info = parsed.value();
    at += info.flash_size;
    if (info.is_padding) continue;
    tock::TbfDescription& d = descriptions[report.found];
    cortex_m::CortexMProcess& proc = processes[report.found];
    ++report.found;
    d = Describe(info);
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
