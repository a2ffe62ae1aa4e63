// PMSAv7 MPU region arithmetic (ARMv7-M ARM B3.5): which RBAR/RASR values protect a process.
// Pure computation on a per-process MpuConfig; mpu.h writes a config into the hardware.
// Rules: a region is 2^n bytes (n >= 5) aligned to its size; regions >= 256 bytes have eight
// subregions that can be disabled one by one. App RAM is one region whose enabled subregions
// end at (or just above) the app break; the grant region at the top stays disabled.
#ifndef PLATFORMS_ARCH_CORTEX_M_PMSAV7_H_
#define PLATFORMS_ARCH_CORTEX_M_PMSAV7_H_

#include <array>
#include <cstdint>
#include <optional>

#include "platforms/arch/cortex_m/registers.h"

namespace tockpp::cortex_m {

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
inline constexpr unsigned kRamRegion = 1;
inline constexpr uint32_t kMinSubregionRegion = 256;

// One process's MPU state. `id` changes whenever the contents change so the driver can skip
// reprogramming when the same process runs again.
struct MpuConfig {
  std::array<MpuRegion, kMpuRegions> regions{};
  uint32_t id = 0;
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

// Picks a process memory block inside [unallocated_start, +unallocated_size) of at least
// `min_size` bytes, big enough that the app's first `initial_app_size` bytes (rounded to a
// subregion) and `initial_kernel_size` grant bytes at the top do not share a subregion.
// Programs the RAM region so the app reaches exactly the subregions below its break.
[[nodiscard]] std::optional<AppMemoryLayout> AllocateAppMemory(
    uint32_t unallocated_start, uint32_t unallocated_size, uint32_t min_size,
    uint32_t initial_app_size, uint32_t initial_kernel_size, MpuConfig& config);

// Programs the RAM region for an already placed block [memory_start, +memory_len) (a power of
// two aligned to its size, as AllocateAppMemory returns) and the current breaks.
[[nodiscard]] bool SetRamRegion(uint32_t memory_start, uint32_t memory_len, uint32_t app_break,
                                uint32_t kernel_break, MpuConfig& config);

// Moves the accessible part of RAM to end at `app_break` (rounded up to a subregion). Fails
// (config unchanged) if that would expose memory at or above `kernel_break`.
[[nodiscard]] bool UpdateAppMemory(uint32_t app_break, uint32_t kernel_break, MpuConfig& config);

}  // namespace tockpp::cortex_m

#endif  // PLATFORMS_ARCH_CORTEX_M_PMSAV7_H_
