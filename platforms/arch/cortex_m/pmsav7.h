// PMSAv7 MPU region arithmetic (ARMv7-M ARM B3.5): which RBAR/RASR values protect a process.
// Pure computation on a per-process MpuConfig; mpu.h writes a config into the hardware.
// Rules: a region is 2^n bytes (n >= 5) aligned to its size; regions >= 256 bytes have eight
// subregions that can be disabled one by one. Process RAM follows upstream Tock's Cortex-M MPU:
// a power-of-two block (>= 512 bytes) covered by two regions of half its size (so 16
// subregions of block/16), the enabled subregions growing from the bottom; the grant region at
// the top stays disabled.
#ifndef TOCKPP_PLATFORMS_ARCH_CORTEX_M_PMSAV7_H_
#define TOCKPP_PLATFORMS_ARCH_CORTEX_M_PMSAV7_H_

#include <array>
#include <cstdint>
#include <optional>

#include "platforms/arch/cortex_m/registers.h"

namespace tock::cortex_m {

struct Rbar {
  static constexpr Field<uint32_t, Rbar, 0, 4> kRegion{};
  static constexpr Field<uint32_t, Rbar, 4, 1> kValid{};
  static constexpr Field<uint32_t, Rbar, 5, 27> kAddr{};
};

struct Rasr {
  static constexpr Field<uint32_t, Rasr, 0, 1> kEnable{};
  static constexpr Field<uint32_t, Rasr, 1, 5> kSize{};  // region is 2^(kSize+1) bytes
  static constexpr Field<uint32_t, Rasr, 8, 8> kSrd{};   // 1 = subregion disabled
  static constexpr Field<uint32_t, Rasr, 16, 1> kB{};
  static constexpr Field<uint32_t, Rasr, 17, 1> kC{};
  static constexpr Field<uint32_t, Rasr, 18, 1> kS{};
  static constexpr Field<uint32_t, Rasr, 19, 3> kTex{};
  static constexpr Field<uint32_t, Rasr, 24, 3> kAp{};
  static constexpr Field<uint32_t, Rasr, 28, 1> kXn{};
  // AP encodings used here (privileged / unprivileged).
  static constexpr uint32_t kApFullAccess = 0b011;  // RW / RW
  static constexpr uint32_t kApReadOnly = 0b110;    // RO / RO
};

// What the process may do with a region (kernel access follows the same region).
enum class MpuPermissions : uint8_t { kReadWriteOnly, kReadExecuteOnly, kReadOnly };

struct MpuRegion {
  uint32_t rbar = 0;  // base address only (REGION/VALID are added when written)
  uint32_t rasr = 0;  // 0 = region disabled

  [[nodiscard]] bool enabled() const { return Rasr::kEnable.Read(rasr) != 0; }
  [[nodiscard]] uint32_t base() const { return rbar & ~uint32_t{31}; }
  [[nodiscard]] uint64_t size() const { return uint64_t{1} << (Rasr::kSize.Read(rasr) + 1); }
  // Whether the region makes [addr] accessible (enabled and its subregion not disabled).
  [[nodiscard]] bool Covers(uint32_t addr) const;
};

inline constexpr unsigned kMpuRegions = 8;
inline constexpr unsigned kFlashRegion = 0;
inline constexpr unsigned kRamRegion = 1;      // lower half of the process block
inline constexpr unsigned kRamRegionHigh = 2;  // upper half
inline constexpr uint32_t kMinSubregionRegion = 256;

// One process's MPU state. `id` changes whenever the contents change so the driver can skip
// reprogramming when the same process runs again.
struct MpuConfig {
  std::array<MpuRegion, kMpuRegions> regions{};
  uint32_t id = 0;
  uint32_t app_break = 0;  // the app break the RAM regions were last computed for
};

// Where a process's memory block landed.
struct AppMemoryLayout {
  uint32_t start;
  uint32_t size;
};

// A region exactly covering [start, start + size) with `perms`, using subregions if needed.
[[nodiscard]] std::optional<MpuRegion> ExactRegion(uint32_t start, uint32_t size,
                                                   MpuPermissions perms);

// Flash: smallest region starting at `start` that covers at least `size` bytes.
[[nodiscard]] bool SetFlashRegion(uint32_t start, uint32_t size, MpuConfig& config);

// Upstream's allocate_app_memory_region: a block of max(min_size, initial_app_size +
// initial_kernel_size) bytes rounded up to a power of two (at least 512), placed at the first
// multiple of half its size at or above `unallocated_start`. Enables
// floor(initial_app_size / subregion) + 1 subregions (subregion = block / 16), so the word at
// `start + initial_app_size` is accessible; if they would reach the initial kernel break
// (block end - initial_kernel_size) the block is doubled once. nullopt if it does not fit.
[[nodiscard]] std::optional<AppMemoryLayout> AllocateAppMemory(
    uint32_t unallocated_start, uint32_t unallocated_size, uint32_t min_size,
    uint32_t initial_app_size, uint32_t initial_kernel_size, MpuConfig& config);

// Programs the RAM regions for an already placed block [memory_start, +memory_len) (a power of
// two >= 512 aligned to half its size, as AllocateAppMemory returns) when a process (re)starts
// with `app_break`: the allocation rule above (one subregion past the break) if that stays
// below `kernel_break`, else the subregions up to the break (rounded up).
[[nodiscard]] bool SetRamRegion(uint32_t memory_start, uint32_t memory_len, uint32_t app_break,
                                uint32_t kernel_break, MpuConfig& config);

// Upstream's update_app_memory_region: the accessible part of RAM ends at `app_break` rounded
// up to a subregion. Fails (config unchanged) if that would reach `kernel_break`. Deviation:
// when the app break has not moved (a grant allocation lowering only `kernel_break`), the
// subregions the app already has are kept while they stay below `kernel_break` (upstream
// re-rounds; our initial break is often subregion-aligned, upstream's is start + 32, so
// re-rounding would take back the word at the initial break here but not there).
[[nodiscard]] bool UpdateAppMemory(uint32_t app_break, uint32_t kernel_break, MpuConfig& config);

// End of the app-accessible RAM (the enabled subregions from the block start); 0 if none.
[[nodiscard]] uint32_t AppAccessibleEnd(const MpuConfig& config);

// Whether the process may access `addr` under `config` (any enabled region covers it).
[[nodiscard]] bool ConfigCovers(const MpuConfig& config, uint32_t addr);

}  // namespace tock::cortex_m

#endif  // TOCKPP_PLATFORMS_ARCH_CORTEX_M_PMSAV7_H_
