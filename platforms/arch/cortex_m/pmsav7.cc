// PMSAv7 region arithmetic.
#include "platforms/arch/cortex_m/pmsav7.h"

#include <bit>

namespace tock::cortex_m {
namespace {

uint32_t Attributes(MpuPermissions perms) {
  switch (perms) {
    case MpuPermissions::kReadWriteOnly:
      return (Rasr::kAp.Val(Rasr::kApFullAccess) + Rasr::kXn.Set() + Rasr::kC.Set() +
              Rasr::kS.Set())
          .value;
    case MpuPermissions::kReadExecuteOnly:
      return (Rasr::kAp.Val(Rasr::kApReadOnly) + Rasr::kC.Set()).value;
    case MpuPermissions::kReadOnly:
      return (Rasr::kAp.Val(Rasr::kApReadOnly) + Rasr::kXn.Set() + Rasr::kC.Set()).value;
  }
  return 0;
}

// log2 of a power of two >= 32.
uint32_t SizeField(uint64_t region_size) {
  return static_cast<uint32_t>(std::countr_zero(region_size)) - 1;
}

MpuRegion MakeRegion(uint32_t base, uint64_t region_size, uint8_t disabled_subregions,
                     MpuPermissions perms) {
  MpuRegion r;
  r.rbar = base;
  r.rasr = Attributes(perms) | Rasr::kSize.Val(SizeField(region_size)).value |
           Rasr::kSrd.Val(disabled_subregions).value | Rasr::kEnable.Set().value;
  return r;
}

// Mask of disabled subregions so that subregions [first, last) are enabled.
uint8_t SrdFor(unsigned first, unsigned last) {
  uint32_t enabled = ((1u << last) - 1) & ~((1u << first) - 1);
  return static_cast<uint8_t>(~enabled);
}

uint64_t CeilPow2(uint64_t v) { return std::bit_ceil(v < 32 ? uint64_t{32} : v); }

}  // namespace

bool MpuRegion::Covers(uint32_t addr) const {
  if (!enabled()) {
    return false;
  }
  uint64_t sz = size();
  if (addr < base() || addr - uint64_t{base()} >= sz) {
    return false;
  }
  if (sz < kMinSubregionRegion) {
    return true;
  }
  unsigned sub = static_cast<unsigned>((addr - uint64_t{base()}) / (sz / 8));
  return (Rasr::kSrd.Read(rasr) & (1u << sub)) == 0;
}

std::optional<MpuRegion> ExactRegion(uint32_t start, uint32_t size, MpuPermissions perms) {
  if (size == 0) {
    return std::nullopt;
  }
  uint64_t end = uint64_t{start} + size;
  for (uint64_t s = CeilPow2(size); s <= (uint64_t{1} << 32); s <<= 1) {
    uint64_t base = start & ~(s - 1);
    if (end > base + s) {
      continue;
    }
    if (base == start && end == base + s) {
      return MakeRegion(start, s, 0, perms);
    }
    uint64_t sub = s / 8;
    if (s < kMinSubregionRegion || (start - base) % sub != 0 || (end - base) % sub != 0) {
      continue;
    }
    return MakeRegion(static_cast<uint32_t>(base), s,
                      SrdFor(static_cast<unsigned>((start - base) / sub),
                             static_cast<unsigned>((end - base) / sub)),
                      perms);
  }
  return std::nullopt;
}

bool SetFlashRegion(uint32_t start, uint32_t size, MpuConfig& config) {
  // Exact fit first; otherwise the smallest larger span that still starts at `start` (apps are
  // normally placed at power-of-two boundaries, so this rarely widens anything).
  for (uint64_t span = (uint64_t{size} + 31) & ~uint64_t{31}; span <= (uint64_t{1} << 32) - start;
       span += 32) {
    if (auto r =
            ExactRegion(start, static_cast<uint32_t>(span), MpuPermissions::kReadExecuteOnly)) {
      config.regions[kFlashRegion] = *r;
      ++config.id;
      return true;
    }
    if (span > 4 * uint64_t{size} + 256) {
      break;
    }
  }
  return false;
}

namespace {

inline constexpr uint64_t kMinAppBlock = 512;  // two regions of 256 bytes (with subregions)
inline constexpr unsigned kAppSubregions = 16;

// Enables the first `n` (1..16) of the block's 16 subregions; `half` is the region size.
void SetAppSubregions(MpuConfig& config, uint32_t start, uint64_t half, unsigned n) {
  const unsigned low = n < 8 ? n : 8;
  config.regions[kRamRegion] =
      MakeRegion(start, half, SrdFor(0, low), MpuPermissions::kReadWriteOnly);
  config.regions[kRamRegionHigh] =
      n > 8 ? MakeRegion(static_cast<uint32_t>(start + half), half, SrdFor(0, n - 8),
                         MpuPermissions::kReadWriteOnly)
            : MpuRegion{};
  ++config.id;
}

// Upstream's count at allocation: floor(app * 8 / half) + 1, i.e. one past the break's
// subregion.
uint64_t AllocationSubregions(uint64_t app, uint64_t half) { return app * 8 / half + 1; }

}  // namespace

std::optional<AppMemoryLayout> AllocateAppMemory(uint32_t unallocated_start,
                                                 uint32_t unallocated_size, uint32_t min_size,
                                                 uint32_t initial_app_size,
                                                 uint32_t initial_kernel_size, MpuConfig& config) {
  uint64_t want = uint64_t{initial_app_size} + initial_kernel_size;
  if (want < min_size) {
    want = min_size;
  }
  uint64_t block = std::bit_ceil(want == 0 ? uint64_t{1} : want);
  if (block < kMinAppBlock) {
    block = kMinAppBlock;
  }
  if (block > (uint64_t{1} << 31)) {
    return std::nullopt;
  }
  uint64_t half = block / 2;
  uint64_t start = (uint64_t{unallocated_start} + half - 1) & ~(half - 1);
  uint64_t n = AllocationSubregions(initial_app_size, half);
  if (start + n * (half / 8) > start + block - initial_kernel_size) {
    // The subregion past the break would reach the grant region: twice the block.
    block *= 2;
    half *= 2;
    if (block > (uint64_t{1} << 31)) {
      return std::nullopt;
    }
    start = (start + half - 1) & ~(half - 1);
    n = AllocationSubregions(initial_app_size, half);
  }
  if (start + block > uint64_t{unallocated_start} + unallocated_size) {
    return std::nullopt;
  }
  if (n > kAppSubregions || start + n * (half / 8) > start + block - initial_kernel_size) {
    return std::nullopt;  // initial_kernel_size larger than the block allows
  }
  SetAppSubregions(config, static_cast<uint32_t>(start), half, static_cast<unsigned>(n));
  config.app_break = static_cast<uint32_t>(start + initial_app_size);
  return AppMemoryLayout{static_cast<uint32_t>(start), static_cast<uint32_t>(block)};
}

bool SetRamRegion(uint32_t memory_start, uint32_t memory_len, uint32_t app_break,
                  uint32_t kernel_break, MpuConfig& config) {
  const uint64_t half = memory_len / 2;
  if (memory_len < kMinAppBlock || !std::has_single_bit(memory_len) ||
      (memory_start & (half - 1)) != 0 || app_break < memory_start || app_break > kernel_break ||
      kernel_break > uint64_t{memory_start} + memory_len) {
    return false;
  }
  const uint64_t sub = half / 8;
  const uint64_t app = app_break - uint64_t{memory_start};
  uint64_t n = AllocationSubregions(app, half);
  if (memory_start + n * sub > kernel_break) {
    n = (app + sub - 1) / sub;
  }
  if (n == 0) {
    n = 1;
  }
  if (memory_start + n * sub > kernel_break) {
    return false;
  }
  SetAppSubregions(config, memory_start, half, static_cast<unsigned>(n));
  config.app_break = app_break;
  return true;
}

bool UpdateAppMemory(uint32_t app_break, uint32_t kernel_break, MpuConfig& config) {
  const MpuRegion& low = config.regions[kRamRegion];
  if (!low.enabled() || app_break > kernel_break) {
    return false;
  }
  const uint64_t half = low.size();
  const uint64_t sub = half / 8;
  const uint32_t start = low.base();
  if (app_break < start || kernel_break > start + 2 * half) {
    return false;
  }
  if (app_break == config.app_break && AppAccessibleEnd(config) <= kernel_break) {
    return true;  // only the kernel break moved: keep what the app has
  }
  uint64_t n = (app_break - uint64_t{start} + sub - 1) / sub;
  if (n == 0) {
    n = 1;
  }
  if (start + n * sub > kernel_break) {
    return false;
  }
  SetAppSubregions(config, start, half, static_cast<unsigned>(n));
  config.app_break = app_break;
  return true;
}

uint32_t AppAccessibleEnd(const MpuConfig& config) {
  const MpuRegion& low = config.regions[kRamRegion];
  if (!low.enabled()) {
    return 0;
  }
  const uint64_t sub = low.size() / 8;
  uint64_t end = low.base();
  for (unsigned r : {kRamRegion, kRamRegionHigh}) {
    const MpuRegion& region = config.regions[r];
    if (!region.enabled()) {
      break;
    }
    end = region.base();
    for (unsigned i = 0; i < 8 && (Rasr::kSrd.Read(region.rasr) & (1u << i)) == 0; ++i) {
      end += sub;
    }
  }
  return static_cast<uint32_t>(end);
}

bool ConfigCovers(const MpuConfig& config, uint32_t addr) {
  for (const MpuRegion& r : config.regions) {
    if (r.Covers(addr)) {
      return true;
    }
  }
  return false;
}

}  // namespace tock::cortex_m
